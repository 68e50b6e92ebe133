// The integration tests' 2019 year: the one plan's SNV and STP, group TO1 and the committee (test/fixtures/plan.ts), and body builders.
import { DEFAULT_PRIVACY_NOTICE, noticeVersion } from '../../functions/src/domain/privacy';
import { GROUPS, integrationPlan, NAMES, PEOPLE, UNITS, YEAR } from '../fixtures/plan';

export { YEAR };

export const CONFIG = integrationPlan();

let sequence = 0;
export function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** The consent a member gives in the registration form to the notice CONFIG uses (the default one). */
export const CONSENT = { notice: noticeVersion(DEFAULT_PRIVACY_NOTICE), given: true } as const;

export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    responseId: nextId('reg'),
    submittedAt: '2019-01-10T09:00:00+07:00',
    year: YEAR,
    email: PEOPLE.an,
    fullName: NAMES.an,
    unit: UNITS.snv.name,
    group: GROUPS.to1.id,
    trainingTasks: ['RL1 — Phụ trách sinh hoạt chi đoàn', 'RL2', 'RL6'],
    challengeTasks: ['TT1'],
    consent: CONSENT,
    ...overrides,
  };
}

export function evidence(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    responseId: nextId('ev'),
    submittedAt: '2019-05-02T10:00:00+07:00',
    year: YEAR,
    email: PEOPLE.an,
    task: 'RL2',
    activityDate: '2019-04-20',
    description: 'Tham gia tổ chức chương trình hiến máu tình nguyện',
    links: ['https://drive.google.com/file/d/abc'],
    ...overrides,
  };
}

export function evaluation(evidenceId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    editId: nextId('edit'),
    editedAt: '2019-06-01T08:00:00+07:00',
    queue: `BCH_CO_SO:${UNITS.snv.id}`,
    evidenceId,
    decision: 'approved',
    evaluatorEmail: PEOPLE.bchSnv,
    ...overrides,
  };
}

/** A BB3 essay of `words` syllables. */
export function essay(words: number): string {
  return Array.from({ length: words }, (_, i) => (i % 2 === 0 ? 'Đảng' : 'viên')).join(' ');
}
