// Shared builders for the domain tests: the one plan (test/fixtures/plan.ts: three base unions, two groups, the committee), entries and decisions.
import {
  resolveYearConfig,
  type ConfigIssue,
  type YearConfig,
  type YearConfigInput,
} from '../../../functions/src/domain/config';
import type { Decision, DecisionKind } from '../../../functions/src/domain/evaluation';
import type { EvidenceInput } from '../../../functions/src/domain/evidence';
import type { MemberScope } from '../../../functions/src/domain/queues';
import type { RegistrationInput } from '../../../functions/src/domain/registration';
import type { RegisteredJourney, ScoredEntry } from '../../../functions/src/domain/results';
import { GROUPS, PEOPLE, plan, UNITS, YEAR } from '../../fixtures/plan';

export { PEOPLE, YEAR };

/** The base unions' ids: STP has a nominee list, SNV and SYT do not. */
export const UNIT = { snv: UNITS.snv.id, stp: UNITS.stp.id, syt: UNITS.syt.id } as const;
export const GROUP = { to1: GROUPS.to1.id, to2: GROUPS.to2.id } as const;

/** The plan's task codes (no TT2). */
export const BB_CODES = ['BB1', 'BB2', 'BB3'] as const;
export const RL_CODES = ['RL1', 'RL2', 'RL3', 'RL4', 'RL5', 'RL6'] as const;
export const TT_CODES = ['TT1', 'TT3', 'TT4'] as const;
export const ALL_CODES = [...BB_CODES, ...RL_CODES, ...TT_CODES];

/** What the committee sends for 2019: the whole plan (test/fixtures/plan.ts); every plan default is left to the engine. */
export function configInput(): YearConfigInput {
  return plan();
}

/** Resolves a config that must be valid; a test fails loudly with the issues otherwise. */
export function resolved(input: unknown): YearConfig {
  const result = resolveYearConfig(input);
  if (!result.ok) throw new Error(`config refused: ${JSON.stringify(result.issues)}`);
  return result.config;
}

/** Resolves a config that must be refused and returns its issues. */
export function refused(input: unknown): ConfigIssue[] {
  const result = resolveYearConfig(input);
  if (result.ok) throw new Error('config accepted but should be refused');
  return result.issues;
}

/** The 2019 config, optionally with some top-level fields of the input replaced. */
export function makeConfig(patch: Partial<YearConfigInput> = {}): YearConfig {
  return resolved({ ...configInput(), ...patch });
}

/**
 * An instant given as wall-clock time in Vietnam (UTC+7, no daylight saving).
 * @example vn('2019-01-31T23:59') // 2019-01-31T16:59:00Z
 */
export function vn(local: string): Date {
  const withTime = local.length === 10 ? `${local}T12:00` : local;
  return new Date(`${withTime}${withTime.length === 16 ? ':00' : ''}+07:00`);
}

export function registrationInput(patch: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    submittedAt: vn('2019-01-15T09:30'),
    email: PEOPLE.an,
    unit: UNIT.snv,
    trainingTasks: ['RL1', 'RL2', 'RL3'],
    challengeTasks: ['TT1'],
    ...patch,
  };
}

export function evidenceInput(patch: Partial<EvidenceInput> = {}): EvidenceInput {
  return { submittedAt: vn('2019-05-20T10:00'), task: 'RL2', activityDate: '2019-05-18', ...patch };
}

/** The codes a standard member registered: every BB, RL1–RL3 and TT1. */
export const STANDARD_REGISTRATION: RegisteredJourney = { training: ['RL1', 'RL2', 'RL3'], challenge: ['TT1'] };
export const STANDARD_CODES = [...BB_CODES, ...STANDARD_REGISTRATION.training, ...STANDARD_REGISTRATION.challenge];

export function memberScope(patch: Partial<MemberScope> = {}): MemberScope {
  return { email: PEOPLE.an, unitId: UNIT.snv, groupId: GROUP.to1, ...patch };
}

/** A decision made at a Vietnamese wall-clock time; its edit id is derived from kind and time unless given. */
export function decision(kind: DecisionKind, at: string, editId?: string): Decision {
  return { editId: editId ?? `${kind}@${at}`, editedAt: vn(at), decision: kind };
}
export const approved = (at: string, editId?: string): Decision => decision('approved', at, editId);
export const rejected = (at: string, editId?: string): Decision => decision('rejected', at, editId);
export const needsInfo = (at: string, editId?: string): Decision => decision('needs_info', at, editId);

export function entry(task: string, activityDate: string, ...decisions: Decision[]): ScoredEntry {
  return { task, activityDate, decisions };
}

/** An entry approved once, at `at` (default: the evening after the activity). */
export function approvedEntry(task: string, activityDate: string, at = `${activityDate}T20:00`): ScoredEntry {
  return entry(task, activityDate, approved(at, `${task}:${activityDate}:${at}`));
}

/**
 * Exactly the minimum for the standard registration: BB1, BB2 on four distinct dates, BB3, RL1,
 * RL2 twice, RL3 and TT1, all approved; the last approval (TT1) is on 2019-09-10 at 09:00 in Vietnam.
 */
export function completingEntries(): ScoredEntry[] {
  return [
    approvedEntry('BB1', '2019-03-01', '2019-03-05T10:00'),
    approvedEntry('BB2', '2019-02-20', '2019-02-21T10:00'),
    approvedEntry('BB2', '2019-05-15', '2019-05-16T10:00'),
    approvedEntry('BB2', '2019-07-10', '2019-07-11T10:00'),
    approvedEntry('BB2', '2019-08-20', '2019-08-21T10:00'),
    approvedEntry('BB3', '2019-04-10', '2019-04-20T10:00'),
    approvedEntry('RL1', '2019-03-26', '2019-03-28T10:00'),
    approvedEntry('RL2', '2019-06-01', '2019-06-03T10:00'),
    approvedEntry('RL2', '2019-07-27', '2019-07-29T10:00'),
    approvedEntry('RL3', '2019-05-19', '2019-05-22T10:00'),
    approvedEntry('TT1', '2019-09-07', '2019-09-10T09:00'),
  ];
}

/** The instant the completing set above completes the year. */
export const COMPLETED_AT = '2019-09-10T02:00:00.000Z';
