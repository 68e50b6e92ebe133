// A new year's plan from an earlier year's (API.md "Years and the phase"): dates moved, catalogue and roster kept, nominees emptied.
import { CalendarSchema, type Calendar } from './calendar';
import { resolveYearConfig, type ConfigResult, type YearConfig, type YearConfigInput } from './config';
import { addYears } from './dates';

/** A value as text with its keys sorted, so two plans read back in different key orders compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** What `from` would have been with nothing but its roster given: the plan's own defaults for its year. */
function defaultsOf(from: YearConfig): YearConfig | undefined {
  const resolved = resolveYearConfig({
    year: from.year,
    phase: from.phase,
    units: from.units,
    committee: from.committee,
  });
  return resolved.ok ? resolved.config : undefined;
}

function movedCalendar(calendar: Calendar, years: number): Calendar {
  const moved = Object.fromEntries(Object.entries(calendar).map(([key, date]) => [key, addYears(date, years)]));
  return CalendarSchema.parse(moved);
}

/**
 * The plan of `year` made from `from`: calendar dates moved by the difference in years (29/02 → 28/02), tasks, rules,
 * units, groups, evaluators and committee kept, every `nominees` list emptied (base unions nominate anew each year,
 * II.2; a unit without a list stays without one), the late registration windows of `from` dropped (they were for its
 * members). What `from` took from the plan's defaults takes the new year's defaults instead, so the short first year
 * (October–December, one BB2 session) does not carry its calendar or its BB2 into a full year; what the committee
 * wrote is kept as written. The result is validated as any plan is: a year outside the phase is refused.
 * @example rolloverPlan(plan2019, 2020).calendar.registrationCloses // '2020-01-31'
 */
export function rolloverPlan(from: YearConfig, year: number): ConfigResult {
  const defaults = defaultsOf(from);
  const calendarIsDefault = defaults !== undefined && canonical(defaults.calendar) === canonical(from.calendar);
  const defaultTasks = new Map((defaults?.tasks ?? []).map((t) => [t.code, canonical(t)]));
  const input: YearConfigInput = {
    year,
    phase: from.phase,
    ...(calendarIsDefault ? {} : { calendar: movedCalendar(from.calendar, year - from.year) }),
    rules: from.rules,
    tasks: from.tasks.filter((t) => defaultTasks.get(t.code) !== canonical(t)),
    units: from.units.map((u) => (u.nominees === undefined ? u : { ...u, nominees: [] })),
    groups: from.groups,
    committee: from.committee,
    // The committee's own notice goes on; the default one is the project's, for the new year's retention (privacy.ts).
    privacy: { notice: from.privacy.text, retentionYears: from.privacy.retentionYears },
  };
  return resolveYearConfig(input);
}
