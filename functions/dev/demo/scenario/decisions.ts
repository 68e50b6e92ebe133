// Evaluators' decisions on the planned entries: who decides from which queue, when, what, and the few decided twice.
import type { Activity } from '../data/activities';
import { COMMENTS } from '../data/comments';
import { BTV, bchOf, capUyOf, GROUPS } from '../data/roster';
import { addDays, instant, LAST_DECISION_DAY, minDate } from './calendar';
import type { DecisionPlan, DemoMember, EntryPlan, Outcome, YearDraft } from './plan';
import { int, pick, type Rng } from './random';

type Decision = DecisionPlan['decision'];

/** The queue that decides on a task, and the person in it who does (a group leader never decides on their own entry). */
function evaluatorFor(
  draft: YearDraft,
  member: DemoMember,
  task: string,
  activity: Activity,
): { queue: string; email: string } {
  const { rng } = draft;
  const unit = member.unit;
  switch (task) {
    case 'BB1':
      return { queue: `CAP_UY:${unit.id}`, email: capUyOf(unit) };
    case 'BB2':
    case 'TT3':
      return activity.organiser === 'CAP_UY' || (task === 'TT3' && activity.date === '2019-09-12')
        ? { queue: `CAP_UY:${unit.id}`, email: capUyOf(unit) }
        : { queue: 'BTV_DOAN_KHOI', email: pick(rng, BTV) };
    case 'RL1':
    case 'RL2':
      return { queue: `BCH_CO_SO:${unit.id}`, email: pick(rng, bchOf(unit)) };
    case 'RL6': {
      const group = GROUPS.find((g) => g.id === member.groupId);
      const groupLeader = draft.leaders.get(member.groupId ?? '');
      const email = !group
        ? ''
        : groupLeader === member || rng() < 0.4
          ? group.supervisor
          : (groupLeader?.email ?? group.supervisor);
      return { queue: `TO:${member.groupId ?? ''}`, email };
    }
    default:
      return { queue: 'BTV_DOAN_KHOI', email: pick(rng, BTV) };
  }
}

/** What an evaluator writes when the scenario gives no comment: approvals mostly say nothing. */
function defaultComment(rng: Rng, decision: Decision): string | undefined {
  if (decision === 'approved') return rng() < 0.35 ? pick(rng, COMMENTS.approved) : undefined;
  return decision === 'needs_info' ? pick(rng, COMMENTS.needsInfo) : pick(rng, COMMENTS.rejected);
}

/** The decisions along `path`: the first within about two weeks of the submission (mornings), each later one days after (afternoons). */
function decide(
  draft: YearDraft,
  member: DemoMember,
  task: string,
  activity: Activity,
  submittedDay: string,
  path: readonly Decision[],
  comments: readonly (string | undefined)[] = [],
): DecisionPlan[] {
  const { rng } = draft;
  const { queue, email } = evaluatorFor(draft, member, task, activity);
  const decisions: DecisionPlan[] = [];
  let day = minDate(addDays(submittedDay, int(rng, 1, 16)), LAST_DECISION_DAY);
  path.forEach((decision, i) => {
    if (i > 0) day = minDate(addDays(day, int(rng, 3, 12)), LAST_DECISION_DAY);
    const edit = draft.nextEdit();
    const comment = comments[i] ?? defaultComment(rng, decision);
    decisions.push({
      editId: `sheet-${queue}-r${String(edit).padStart(4, '0')}`,
      editedAt: instant(day, i === 0 ? int(rng, 8, 11) : int(rng, 13, 17), int(rng, 0, 59)),
      queue,
      evaluatorEmail: email,
      decision,
      ...(comment === undefined ? {} : { comment }),
      round: i === 0 ? 1 : 2,
    });
  });
  return decisions;
}

/** The decisions of an entry that should end approved: mostly at once, sometimes after a request for more. */
function approvedPath(rng: Rng): { path: Decision[]; comments: (string | undefined)[] } {
  return rng() < 0.025
    ? { path: ['needs_info', 'approved'], comments: [undefined, pick(rng, COMMENTS.approvedAfterInfo)] }
    : { path: ['approved'], comments: [] };
}

/** The decisions that give an entry its `outcome`; a pending entry (or one never sent) has none. */
export function decisionsFor(
  draft: YearDraft,
  member: DemoMember,
  task: string,
  activity: Activity,
  submittedDay: string,
  outcome: Outcome,
): DecisionPlan[] {
  if (outcome === 'done') {
    const { path, comments } = approvedPath(draft.rng);
    return decide(draft, member, task, activity, submittedDay, path, comments);
  }
  if (outcome === 'rejected') return decide(draft, member, task, activity, submittedDay, ['rejected']);
  if (outcome === 'needs_info') return decide(draft, member, task, activity, submittedDay, ['needs_info']);
  return [];
}

/** A few decided twice: an approval later withdrawn as a duplicate (on an extra RL2 entry, so the task stays done). */
export function withdrawDuplicates(draft: YearDraft): void {
  const extraRl2 = draft.entries.filter((e) => e.member.kind === 'excellent' && e.task === 'RL2');
  const byMember = new Map<DemoMember, EntryPlan[]>();
  for (const e of extraRl2) byMember.set(e.member, [...(byMember.get(e.member) ?? []), e]);
  for (const list of byMember.values()) {
    const third = list[2];
    const first = third?.decisions[0];
    if (!third || !first || third.decisions.length !== 1 || first.editedAt.slice(0, 10) > '2019-10-25') continue;
    const edit = draft.nextEdit();
    third.decisions.push({
      editId: `sheet-${first.queue}-r${String(edit).padStart(4, '0')}`,
      editedAt: instant(addDays(first.editedAt.slice(0, 10), 4), 15, 10),
      queue: first.queue,
      evaluatorEmail: first.evaluatorEmail,
      decision: 'rejected',
      comment: COMMENTS.duplicate,
      round: 2,
    });
  }
}
