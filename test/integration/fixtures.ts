// A small 2019 year for integration tests: two base unions, one group, a committee, and body builders.
import { DEFAULT_PRIVACY_NOTICE, noticeVersion } from '../../functions/src/domain/privacy';

export const YEAR = 2019;

export const CONFIG = {
  year: YEAR,
  phase: '2018-2022',
  units: [
    {
      id: 'SNV',
      name: 'Đoàn Sở Nội vụ',
      evaluators: { BCH_CO_SO: ['bch.snv@example.vn'], CAP_UY: ['capuy.snv@example.vn'] },
      reportTo: ['capuy.snv@example.vn'],
    },
    {
      id: 'STP',
      name: 'Đoàn Sở Tư pháp',
      evaluators: { BCH_CO_SO: ['bch.stp@example.vn'], CAP_UY: ['capuy.stp@example.vn'] },
      reportTo: ['capuy.stp@example.vn'],
      nominees: ['lan.stp@example.vn'],
    },
  ],
  groups: [
    { id: 'TO1', name: 'Tổ 1 - Cụm Nội chính', leader: 'totruong1@example.vn', supervisor: 'giamsat1@example.vn' },
  ],
  committee: { BTV_DOAN_KHOI: ['btv@example.vn'], digestTo: ['btv@example.vn'] },
};

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
    email: 'an.snv@example.vn',
    fullName: 'Nguyễn Văn An',
    unit: 'Đoàn Sở Nội vụ',
    group: 'TO1',
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
    email: 'an.snv@example.vn',
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
    queue: 'BCH_CO_SO:SNV',
    evidenceId,
    decision: 'approved',
    evaluatorEmail: 'bch.snv@example.vn',
    ...overrides,
  };
}

/** A BB3 essay of `words` syllables. */
export function essay(words: number): string {
  return Array.from({ length: words }, (_, i) => (i % 2 === 0 ? 'Đảng' : 'viên')).join(' ');
}
