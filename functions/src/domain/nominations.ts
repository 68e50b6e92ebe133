// Whose nominee list is in force for a base union: the plan's (`units[].nominees`) or the base union's own sheet — the later one.
import type { YearConfig } from './config';
import { normalizeName } from './text';

/** A base union's own list, as its "Đề cử" tab last sent it. */
export interface SheetList {
  nominees: readonly { fullName: string; email: string }[];
  /** When the function received it: compared with when the function received the plan that last changed the unit's list. */
  receivedAt: string;
}

export type NomineeSource = 'sheet' | 'plan' | 'none';

export interface EffectiveNominees {
  source: NomineeSource;
  /** Normalised e-mails of the list in force; undefined when neither source has a list (every member of the unit may register). */
  emails: string[] | undefined;
  /** Both the plan and the sheet have a list and they differ: the committee sees it on the master spreadsheet. */
  conflict: boolean;
}

const emailsOf = (list: readonly string[]): string[] => [...new Set(list.map(normalizeName))];

/**
 * The later list wins: the sheet's when the function received it at or after the plan that last changed the unit's
 * `nominees` (`planSetAt`), the plan's otherwise — both times are the function's own, so a clock elsewhere cannot tip
 * it. Neither overwrites the other: both are kept, and a difference is a conflict.
 * @example effectiveNominees(['a@x.vn'], '2019-01-02T00:00:00Z', { nominees: [{ fullName: 'B', email: 'b@x.vn' }], receivedAt: '2019-01-05T03:00:00Z' })
 *   // { source: 'sheet', emails: ['b@x.vn'], conflict: true }
 */
export function effectiveNominees(
  planList: readonly string[] | undefined,
  planSetAt: string | undefined,
  sheet: SheetList | undefined,
): EffectiveNominees {
  const fromSheet = sheet ? emailsOf(sheet.nominees.map((n) => n.email)) : undefined;
  const fromPlan = planList ? emailsOf(planList) : undefined;
  const conflict =
    fromSheet !== undefined &&
    fromPlan !== undefined &&
    [...fromSheet].sort().join('\n') !== [...fromPlan].sort().join('\n');
  const sheetIsLater =
    sheet !== undefined && (planSetAt === undefined || Date.parse(sheet.receivedAt) >= Date.parse(planSetAt));
  if (fromSheet && (fromPlan === undefined || sheetIsLater)) return { source: 'sheet', emails: fromSheet, conflict };
  if (fromPlan) return { source: 'plan', emails: fromPlan, conflict };
  return { source: 'none', emails: undefined, conflict: false };
}

/** The plan with each unit's `nominees` replaced by the list in force (what registration checks against). */
export function withNomineesInForce(
  config: YearConfig,
  planSetAt: Readonly<Record<string, string>>,
  sheets: ReadonlyMap<string, SheetList>,
): YearConfig {
  return {
    ...config,
    units: config.units.map((unit) => {
      const { emails } = effectiveNominees(unit.nominees, planSetAt[unit.id], sheets.get(unit.id));
      return { ...unit, nominees: emails };
    }),
  };
}
