// Rule checks for registering or amending a journey book (SPEC §2 calendar and catalogue, flow 1).
import type { TaskGroup } from './catalogue';
import { findTask, type YearConfig } from './config';
import { isWithin, localDate } from './dates';
import { findByIdOrName, normalizeName, taskCodeOf } from './text';
import { violation, type Violation } from './violations';

export interface RegistrationInput {
  submittedAt: Date;
  email: string;
  unit: string;
  group?: string | undefined;
  trainingTasks: readonly string[];
  challengeTasks: readonly string[];
}

/** The journey book as already stored for this member and year. */
export interface RegisteredTasks {
  unitId: string;
  groupId: string | null;
  training: readonly string[];
  challenge: readonly string[];
}

export type RegistrationCheck =
  | { ok: true; registration: RegisteredTasks & { mandatory: string[]; amendment: boolean } }
  | { ok: false; violations: Violation[] };

/**
 * Checks a registration (or an amendment when `existing` is given) against the year's plan.
 * Returns every violated rule, not just the first.
 */
export function checkRegistration(
  input: RegistrationInput,
  config: YearConfig,
  existing?: RegisteredTasks,
): RegistrationCheck {
  const violations: Violation[] = [];
  const email = normalizeName(input.email);
  const today = localDate(input.submittedAt);
  const { calendar, rules } = config;

  const unit = findByIdOrName(config.units, input.unit);
  if (!unit) violations.push(violation('unknown_unit', 'unit', { value: input.unit }));
  const groupValue = input.group?.trim() ? input.group : undefined;
  const group = groupValue === undefined ? undefined : findByIdOrName(config.groups, groupValue);
  if (groupValue !== undefined && !group) violations.push(violation('unknown_group', 'group', { value: groupValue }));
  if (unit?.nominees && !unit.nominees.some((n) => normalizeName(n) === email)) {
    violations.push(violation('not_nominated', 'unit', { unit: unit.name }));
  }

  const lateUntil = config.lateRegistrations
    .filter(
      (w) =>
        (w.email !== undefined && normalizeName(w.email) === email) || (unit !== undefined && w.unitId === unit.id),
    )
    .reduce<string | undefined>(
      (latest, w) => (latest === undefined || w.until > latest ? w.until : latest),
      undefined,
    );
  if (existing) {
    const closes =
      lateUntil !== undefined && lateUntil > calendar.amendmentCloses ? lateUntil : calendar.amendmentCloses;
    if (today > closes) violations.push(violation('amendment_closed', 'submittedAt', { closes }));
  } else {
    const inWindow = isWithin(today, calendar.registrationOpens, calendar.registrationCloses);
    const inLateWindow = lateUntil !== undefined && isWithin(today, calendar.registrationOpens, lateUntil);
    if (!inWindow && !inLateWindow) {
      violations.push(
        violation('registration_closed', 'submittedAt', {
          opens: calendar.registrationOpens,
          closes: calendar.registrationCloses,
        }),
      );
    }
  }

  const training = parseTaskList(config, input.trainingTasks, 'RL', 'trainingTasks', violations);
  const challenge = parseTaskList(config, input.challengeTasks, 'TT', 'challengeTasks', violations);
  if (training.length < rules.minTraining) {
    violations.push(
      violation('too_few_training_tasks', 'trainingTasks', { min: rules.minTraining, given: training.length }),
    );
  }
  if (challenge.length < rules.minChallenge) {
    violations.push(
      violation('too_few_challenge_tasks', 'challengeTasks', { min: rules.minChallenge, given: challenge.length }),
    );
  }
  const groupTask = [...training, ...challenge].find((code) => findTask(config, code)?.confirmedBy.includes('TO'));
  if (groupTask !== undefined && groupValue === undefined)
    violations.push(violation('group_required', 'group', { task: groupTask }));

  if (existing) {
    const removedTraining = existing.training.filter((code) => !training.includes(code));
    const removedChallenge = existing.challenge.filter((code) => !challenge.includes(code));
    if (removedTraining.length > 0)
      violations.push(violation('task_removed', 'trainingTasks', { codes: removedTraining }));
    if (removedChallenge.length > 0)
      violations.push(violation('task_removed', 'challengeTasks', { codes: removedChallenge }));
  }

  if (violations.length > 0 || !unit) return { ok: false, violations };
  return {
    ok: true,
    registration: {
      unitId: unit.id,
      groupId: group?.id ?? null,
      training,
      challenge,
      mandatory: config.tasks.filter((t) => t.group === 'BB').map((t) => t.code),
      amendment: existing !== undefined,
    },
  };
}

/** Turns answers (codes or form labels) into distinct codes of one group, reporting the ones that do not fit. */
function parseTaskList(
  config: YearConfig,
  answers: readonly string[],
  group: TaskGroup,
  field: string,
  violations: Violation[],
): string[] {
  const codes: string[] = [];
  for (const answer of answers) {
    const code = taskCodeOf(answer);
    const task = findTask(config, code);
    if (!task) violations.push(violation('unknown_task', field, { value: answer }));
    else if (task.group !== group)
      violations.push(violation('wrong_task_group', field, { code, expected: GROUP_NAMES[group] }));
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

const GROUP_NAMES: Record<TaskGroup, string> = { BB: 'bắt buộc', RL: 'rèn luyện', TT: 'thử thách' };
