// The demo's other years of the phase, each compact: the short 2018 (October–December) and 2020 in progress (January–May).
import { INITIATIVES, RATINGS } from '../data/activities';
import { ACTIVITIES_BY_YEAR, OTHER_YEAR_CHALLENGE, OTHER_YEAR_TRAINING } from '../data/phase-activities';
import { BTV, bchOf, capUyOf, type DemoUnit } from '../data/roster';
import { addDays, instant, minDate, pad } from './calendar';
import { DEMO_CONSENT } from './config';
import { essay } from './essay';
import type { PlannedRequest } from './plan';
import { formsId, int, pick, weighted, type Rng } from './random';

/** Who takes part in one of these years: a member of the roster, in their base union. */
export interface YearMember {
  fullName: string;
  email: string;
  unit: DemoUnit;
  /** Every task decided (the year completed), or only the first entries. */
  completes: boolean;
}

/** An entry and the decision the evaluator will make on it once its evidence id is known (none: still waiting). */
export interface CompactEntry {
  request: PlannedRequest;
  decision: { queue: string; evaluatorEmail: string; editedAt: string } | null;
}

export interface CompactYear {
  registrations: PlannedRequest[];
  entries: CompactEntry[];
}

function queueOf(task: string, unit: DemoUnit): { queue: string; evaluatorEmail: string } {
  if (task === 'BB1') return { queue: `CAP_UY:${unit.id}`, evaluatorEmail: capUyOf(unit) };
  if (task === 'RL2') return { queue: `BCH_CO_SO:${unit.id}`, evaluatorEmail: bchOf(unit)[0] ?? '' };
  return { queue: 'BTV_DOAN_KHOI', evaluatorEmail: BTV[0] };
}

/**
 * Plans a compact year: each member registers (BB, RL2, RL4, RL5, TT1) in `registrationMonth`, reports the year's
 * activities, and has them decided a few days later — every one for a member who completes, the first half otherwise;
 * decisions fall no later than `lastDecision`.
 */
export function planCompactYear(
  rng: Rng,
  year: number,
  registrationMonth: string,
  lastDecision: string,
  members: readonly YearMember[],
): CompactYear {
  const activities = ACTIVITIES_BY_YEAR[year] ?? {};
  const plan: CompactYear = { registrations: [], entries: [] };
  for (const member of members) {
    const day = `${String(year)}-${registrationMonth}-${pad(int(rng, 2, 28))}`;
    plan.registrations.push({
      what: `đăng ký năm ${String(year)} của ${member.fullName}`,
      method: 'POST',
      path: '/v1/registrations',
      body: {
        responseId: formsId(rng),
        submittedAt: instant(day, int(rng, 8, 21), int(rng, 0, 59)),
        year,
        email: member.email,
        fullName: member.fullName,
        unit: member.unit.id,
        trainingTasks: [...OTHER_YEAR_TRAINING],
        challengeTasks: [...OTHER_YEAR_CHALLENGE],
        consent: DEMO_CONSENT,
      },
    });
    const reports = Object.entries(activities).flatMap(([task, list]) => list.map((activity) => ({ task, activity })));
    reports.forEach(({ task, activity }, i) => {
      const extra: Record<string, unknown> =
        task === 'BB1'
          ? { initiative: pick(rng, INITIATIVES), rating: weighted(rng, RATINGS) }
          : task === 'BB3'
            ? { essay: essay(rng, member, int(rng, 1050, 1200)) }
            : {};
      const submitted = addDays(activity.date, 1);
      const decided = member.completes || i < reports.length / 2;
      plan.entries.push({
        request: {
          what: `minh chứng ${task} năm ${String(year)} của ${member.fullName}`,
          method: 'POST',
          path: '/v1/evidence',
          body: {
            responseId: formsId(rng),
            submittedAt: instant(submitted, int(rng, 19, 22), int(rng, 0, 59)),
            year,
            email: member.email,
            task,
            activityDate: activity.date,
            description: activity.description,
            ...extra,
          },
        },
        decision: decided
          ? {
              ...queueOf(task, member.unit),
              editedAt: instant(
                minDate(addDays(submitted, int(rng, 2, 9)), lastDecision),
                int(rng, 8, 11),
                int(rng, 0, 59),
              ),
            }
          : null,
      });
    });
  }
  return plan;
}

/** The decisions of a compact year, once the function gave each entry its evidence id (`ids` in the order of `entries`). */
export function compactDecisions(
  year: number,
  entries: readonly CompactEntry[],
  ids: readonly (string | null)[],
): PlannedRequest[] {
  return entries.flatMap((entry, i) => {
    const id = ids[i];
    if (!entry.decision || !id) return [];
    return [
      {
        what: `đánh giá ${String(entry.request.body.task)} năm ${String(year)} của ${String(entry.request.body.email)}`,
        method: 'POST',
        path: '/v1/evaluations',
        body: {
          editId: `sheet-${year}-${id}`,
          editedAt: entry.decision.editedAt,
          queue: entry.decision.queue,
          evidenceId: id,
          decision: 'approved',
          evaluatorEmail: entry.decision.evaluatorEmail,
        },
      },
    ];
  });
}
