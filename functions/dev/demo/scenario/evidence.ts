// The evidence members report through the year, task by task, each entry with the decisions it will get.
import {
  BB1_DESCRIPTION,
  BB2_SESSIONS,
  BB3_DESCRIPTION,
  INITIATIVES,
  RATINGS,
  RL1_REGULAR,
  RL1_THEMED,
  RL2_ACTIVITIES,
  RL3_AWARDS,
  RL4_CONTESTS,
  RL5_FORUMS,
  RL6_BY_GROUP,
  TT_ACTIVITIES,
  type Activity,
} from '../data/activities';
import { YEAR } from '../data/roster';
import { addDays, instant, LAST_SUBMISSION_DAY, minDate, pad } from './calendar';
import { decisionsFor } from './decisions';
import { essay } from './essay';
import type { DemoMember, EntryPlan, Outcome, PlannedRequest, YearDraft } from './plan';
import type { Cast } from './refusals';
import { formsId, int, pick, shuffle, weighted } from './random';

/** An evidence form's answers, sent within a week of the activity (or on `fixedDay`); returns the day it was sent. */
function evidenceBody(
  draft: YearDraft,
  member: DemoMember,
  task: string,
  activity: Activity,
  extra: Record<string, unknown> = {},
  fixedDay?: string,
): { body: Record<string, unknown>; submitted: string } {
  const { rng } = draft;
  const day = fixedDay ?? minDate(addDays(activity.date, int(rng, 0, 6)), LAST_SUBMISSION_DAY);
  const submitted = instant(day, int(rng, 7, 22), int(rng, 0, 59));
  return {
    submitted: day,
    body: {
      responseId: formsId(rng),
      submittedAt: submitted,
      year: YEAR,
      email: member.email,
      task: rng() < 0.3 ? draft.label(task) : task,
      activityDate: activity.date,
      description: activity.description,
      ...extra,
    },
  };
}

/** Plans one entry and the decisions that give it `outcome`. */
function addEntry(
  draft: YearDraft,
  member: DemoMember,
  task: string,
  activity: Activity,
  outcome: Outcome,
  extra: Record<string, unknown> = {},
  fixedDay?: string,
): EntryPlan {
  const { body, submitted } = evidenceBody(draft, member, task, activity, extra, fixedDay);
  const entry: EntryPlan = {
    member,
    task,
    body,
    decisions: decisionsFor(draft, member, task, activity, submitted, outcome),
  };
  draft.entries.push(entry);
  return entry;
}

function activitiesFor(draft: YearDraft, member: DemoMember, task: string): readonly Activity[] {
  switch (task) {
    case 'RL1':
      return draft.rng() < 0.6 ? RL1_THEMED : RL1_REGULAR;
    case 'RL2':
      return RL2_ACTIVITIES;
    case 'RL3':
      return RL3_AWARDS;
    case 'RL4':
      return RL4_CONTESTS;
    case 'RL5':
      return RL5_FORUMS;
    case 'RL6':
      return RL6_BY_GROUP[member.groupId ?? ''] ?? [];
    default:
      return TT_ACTIVITIES[task] ?? [];
  }
}

/** BB1: one entry naming the initiative and the rating, from the unit's mid-year or nine-month review. */
function planBb1(draft: YearDraft, member: DemoMember, outcome: Outcome): void {
  if (outcome === 'not_started') return;
  const { rng } = draft;
  const activity: Activity = {
    date: `2019-${pick(rng, ['07', '08', '09', '10'])}-${pad(int(rng, 1, 18))}`,
    description: BB1_DESCRIPTION,
  };
  addEntry(draft, member, 'BB1', activity, outcome, {
    initiative: pick(rng, INITIATIVES),
    rating: weighted(rng, RATINGS),
  });
}

/** BB2: at least four sessions on distinct dates; a short year has three approved and one rejected. */
function planBb2(draft: YearDraft, member: DemoMember, outcome: Outcome, extraEntries: boolean): void {
  if (outcome === 'not_started') return;
  const { rng } = draft;
  const count = extraEntries && rng() < 0.7 ? 5 : 4;
  const sessions = shuffle(rng, BB2_SESSIONS)
    .slice(0, count)
    .sort((a, b) => a.date.localeCompare(b.date));
  sessions.forEach((session, i) => {
    const last = i === sessions.length - 1;
    // A fifth session reported late in the year is sometimes still waiting for its decision.
    const waiting = last && count === 5 && session.date >= '2019-09-01' && rng() < 0.5;
    const entryOutcome: Outcome =
      outcome === 'short' && last ? 'rejected' : (outcome === 'pending' || waiting) && last ? 'pending' : 'done';
    addEntry(draft, member, 'BB2', session, entryOutcome);
  });
}

/** BB3: the essay; the cast's short-essay member first sends a draft that is too short, returned as a refused request. */
function planBb3(draft: YearDraft, member: DemoMember, outcome: Outcome, cast: Cast): PlannedRequest | null {
  if (outcome === 'not_started') return null;
  const { rng } = draft;
  const activity: Activity = {
    date: `2019-${pad(int(rng, 3, 9))}-${pad(int(rng, 1, 28))}`,
    description: BB3_DESCRIPTION,
  };
  let refused: PlannedRequest | null = null;
  if (member === cast.shortEssay) {
    const early = evidenceBody(
      draft,
      member,
      'BB3',
      { ...activity, date: addDays(activity.date, -10) },
      { essay: essay(rng, member, 520) },
    );
    refused = {
      what: `bài viết BB3 chưa đủ 1.000 chữ của ${member.fullName}`,
      method: 'POST',
      path: '/v1/evidence',
      body: early.body,
      refusal: { status: 422, code: 'essay_too_short' },
    };
  }
  addEntry(draft, member, 'BB3', activity, outcome, { essay: essay(rng, member, int(rng, 1080, 1400)) });
  return refused;
}

/** The registered RL and TT tasks: one entry each (RL2 two or three, TT1 sometimes two); the last one carries the task's outcome. */
function planRegisteredTasks(draft: YearDraft, member: DemoMember, extraEntries: boolean, cast: Cast): void {
  const { rng } = draft;
  for (const code of [...member.training, ...member.challenge]) {
    const taskOutcome = member.outcomes.get(code) ?? 'not_started';
    if (taskOutcome === 'not_started') continue;
    const pool = shuffle(rng, activitiesFor(draft, member, code));
    const count =
      code === 'RL2' ? (extraEntries && rng() < 0.5 ? 3 : 2) : code === 'TT1' && extraEntries && rng() < 0.5 ? 2 : 1;
    const chosen = pool.slice(0, count).sort((a, b) => a.date.localeCompare(b.date));
    chosen.forEach((activity, i) => {
      const last = i === chosen.length - 1;
      const extra: Record<string, unknown> = {};
      if (code === 'RL1') extra.meetingKind = RL1_THEMED.includes(activity) ? 'themed' : 'regular';
      if (code === 'RL3') extra.links = [`https://drive.google.com/file/d/${formsId(rng).slice(8, 41)}/view`];
      else if (rng() < 0.3) extra.links = [`https://drive.google.com/open?id=${formsId(rng).slice(8, 36)}`];
      // After the amendment of 05/03, the contest refused on 04/03 is reported again.
      if (member === cast.amender && code === 'RL4')
        addEntry(draft, member, code, RL4_CONTESTS[0] as Activity, 'done', extra, '2019-03-06');
      else addEntry(draft, member, code, activity, last ? taskOutcome : 'done', extra);
    });
  }
}

/**
 * Every member's evidence, member by member in roster order, each member's tasks in the order BB1, BB2, BB3, RL…, TT….
 * @returns the evidence sent on purpose to be refused along the way (the short essay).
 */
export function planEvidence(draft: YearDraft, members: readonly DemoMember[], cast: Cast): PlannedRequest[] {
  const refused: PlannedRequest[] = [];
  for (const member of members) {
    const outcome = (code: string): Outcome => member.outcomes.get(code) ?? 'not_started';
    const extraEntries = member.kind === 'excellent' || (member.kind === 'good' && draft.rng() < 0.4);
    planBb1(draft, member, outcome('BB1'));
    planBb2(draft, member, outcome('BB2'), extraEntries);
    const essayDraft = planBb3(draft, member, outcome('BB3'), cast);
    if (essayDraft) refused.push(essayDraft);
    planRegisteredTasks(draft, member, extraEntries, cast);
  }
  return refused;
}
