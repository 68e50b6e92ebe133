// Rule checks for an evaluator's decision (SPEC flow 3): the queue's role, scope and people, and the deadline.
import { findTask, type YearConfig } from './config';
import { localDate } from './dates';
import { parseQueueId, queueEvaluators, type MemberScope } from './queues';
import { normalizeName } from './text';
import { violation, type Violation } from './violations';

export const DECISIONS = ['approved', 'rejected', 'needs_info'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export interface EvaluationInput {
  editedAt: Date;
  queue: string;
  evaluatorEmail?: string | undefined;
}

/** Checks that `input.queue` may decide this evidence now. Violations other than `evaluation_closed` are permission refusals. */
export function checkEvaluation(
  input: EvaluationInput,
  config: YearConfig,
  evidence: { task: string; member: MemberScope },
): Violation[] {
  const ref = parseQueueId(input.queue);
  const evaluators = ref ? queueEvaluators(config, ref) : undefined;
  if (!ref || !evaluators) return [violation('unknown_queue', 'queue', { value: input.queue })];

  const violations: Violation[] = [];
  const task = findTask(config, evidence.task);
  if (!task?.confirmedBy.includes(ref.role)) {
    violations.push(violation('not_allowed_to_evaluate', 'queue', { code: evidence.task, queue: input.queue }));
  }
  const { member } = evidence;
  const inScope =
    ref.role === 'BTV_DOAN_KHOI' || (ref.role === 'TO' ? member.groupId === ref.scope : member.unitId === ref.scope);
  if (!inScope) violations.push(violation('outside_queue_scope', 'queue', { queue: input.queue }));

  const evaluator = input.evaluatorEmail?.trim() ? normalizeName(input.evaluatorEmail) : undefined;
  if (evaluator !== undefined) {
    if (evaluator === normalizeName(member.email)) violations.push(violation('self_evaluation', 'evaluatorEmail', {}));
    else if (!evaluators.includes(evaluator))
      violations.push(violation('evaluator_not_listed', 'evaluatorEmail', { queue: input.queue }));
  }
  if (localDate(input.editedAt) > config.calendar.evaluationCloses) {
    violations.push(violation('evaluation_closed', 'editedAt', { closes: config.calendar.evaluationCloses }));
  }
  return violations;
}

/** A stored decision on one evidence entry. */
export interface Decision {
  editId: string;
  editedAt: Date;
  decision: DecisionKind;
}

/** Later decisions replace earlier ones, by the time the evaluator made them (not arrival order); ties by edit id. */
export function effectiveDecision<D extends Decision>(decisions: readonly D[]): D | undefined {
  let latest: D | undefined;
  let latestTime = Number.NEGATIVE_INFINITY;
  for (const d of decisions) {
    const time = d.editedAt.getTime();
    if (!latest || time > latestTime || (time === latestTime && d.editId > latest.editId)) {
      latest = d;
      latestTime = time;
    }
  }
  return latest;
}
