// The retention job (issue 25 item 5): members whose phase ended more than the retention ago are erased, a bounded number
// a run, erasures left midway finished first, members of a phase still kept untouched, and the committee told by e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseMember } from '../../functions/src/app/erase';
import { memberIdFor } from '../../functions/src/app/ids';
import { runRetention } from '../../functions/src/app/retention';
import { DEFAULT_RETENTION_YEARS } from '../../functions/src/domain/privacy';
import type { AppContext } from '../../functions/src/app/context';
import { CONFIG, registration } from './fixtures';
import { startMailStack, type MailStack } from './mail-harness';
import { must } from '../helpers';

let stack: MailStack;
/** Where the committee's letters go: the digest list and the standing committee, each address once. */
const COMMITTEE = [...new Set([...CONFIG.committee.digestTo, ...CONFIG.committee.BTV_DOAN_KHOI])];
const caller = { name: 'test', address: '', role: 'internal' as const, identity: 'Cloud Scheduler' };

const OLD = [
  { email: 'an.snv@example.vn', fullName: 'Nguyễn Văn An' },
  { email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' },
  { email: 'cuong.snv@example.vn', fullName: 'Lý Văn Cường' },
  { email: 'dung.snv@example.vn', fullName: 'Hồ Thị Dung' },
];
/** An takes part again in the next phase: kept. Mai starts in the next phase. */
const NEXT = [OLD[0], { email: 'mai.snv@example.vn', fullName: 'Võ Thị Mai' }];

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await stack.call(method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
}

const exists = async (email: string): Promise<boolean> =>
  (await stack.ctx.store.getMember(memberIdFor(email))) !== undefined;

beforeAll(async () => {
  stack = await startMailStack({ start: new Date('2019-01-12T03:00:00Z') });
  const units = CONFIG.units.map((u) => ({ ...u, nominees: undefined }));
  await ok('PUT', '/v1/years/2019/config', { ...CONFIG, units });
  for (const m of OLD) await ok('POST', '/v1/registrations', registration({ ...m, unit: 'SNV' }));
  stack.clock.now = new Date('2023-10-12T03:00:00Z');
  await ok('PUT', '/v1/years/2023/config', { ...CONFIG, year: 2023, phase: '2023-2027', units });
  for (const m of NEXT) {
    await ok(
      'POST',
      '/v1/registrations',
      registration({ ...m, unit: 'SNV', year: 2023, submittedAt: '2023-10-10T09:00:00+07:00' }),
    );
  }
}, 120_000);

afterAll(async () => {
  await stack.stop();
});

describe('retention', () => {
  it('erases nobody while the phase’s retention has not passed', async () => {
    // 31/12/2022 + 2 years (the plan's default retention): the last day the 2018–2022 phase is kept.
    expect(DEFAULT_RETENTION_YEARS).toBe(2);
    stack.clock.now = new Date('2024-12-31T10:00:00Z');
    const answer = await runRetention(stack.ctx, caller);
    expect(answer).toMatchObject({ resumed: 0, mailed: 0, years: [] });
    expect(answer.phases.every((p) => p.erased === 0)).toBe(true);
    for (const m of OLD) expect(await exists(m.email)).toBe(true);
  });

  it('finishes an erasure left midway, then erases a bounded number a run until the phase is done', async () => {
    stack.clock.now = new Date('2025-01-02T03:00:00Z');
    // An erasure stopped midway (an instance stopped after the texts): the next run finishes it first.
    const failing: AppContext = {
      ...stack.ctx,
      store: {
        ...stack.ctx.store,
        eraseFrom: (aggregate, target) =>
          aggregate === 'members'
            ? Promise.reject(new Error('instance stopped'))
            : stack.ctx.store.eraseFrom(aggregate, target),
      },
    };
    const dung = must(OLD[3]);
    await expect(
      eraseMember(failing, dung.email, { editId: 'stopped', reason: 'Theo yêu cầu' }, { ...caller, role: 'admin' }),
    ).rejects.toThrow('instance stopped');
    expect(await exists(dung.email)).toBe(true);

    const first = await runRetention(stack.ctx, caller, { members: 2, budgetMs: 60_000 });
    expect(first.resumed).toBe(1);
    expect(first.phases).toEqual([{ phase: '2018-2022', erased: 1, left: 1 }]);
    expect(first.years).toEqual([2019]);
    // One letter to each of the committee's addresses.
    expect(first.mailed).toBe(COMMITTEE.length);
    // The next night's run.
    stack.clock.now = new Date('2025-01-03T03:00:00Z');
    const second = await runRetention(stack.ctx, caller, { members: 2, budgetMs: 60_000 });
    expect(second.phases).toEqual([{ phase: '2018-2022', erased: 1, left: 0 }]);
    for (const m of OLD.slice(1)) expect(await exists(m.email), m.email).toBe(false);
    // An took part in the next phase, still kept; so is Mai.
    for (const m of NEXT) expect(await exists(must(m).email)).toBe(true);
    const results = await ok('GET', '/v1/years/2019/results');
    const names = (results.members as { fullName: string }[]).map((m) => m.fullName);
    expect(names).toHaveLength(4);
    expect(names.filter((n) => n.startsWith('Ẩn danh '))).toHaveLength(3);
    expect(names).toContain('Nguyễn Văn An');
  });

  it('runs from Cloud Scheduler’s route, and tells the committee in Vietnamese what it erased', async () => {
    const answer = await ok('POST', '/v1/internal/retention', {});
    expect(answer).toMatchObject({
      status: 'accepted',
      resumed: 0,
      mailed: 0,
      phases: [{ phase: '2018-2022', erased: 0, left: 0 }],
    });
    const mail = await ok('GET', '/v1/years/2023/mail?limit=1000');
    const reports = (mail as unknown as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.kind === 'retention',
    );
    expect(reports.map((m) => [m.to, m.subject])).toEqual([
      ...COMMITTEE.map((to) => [to, 'Đã xoá dữ liệu cá nhân hết thời hạn lưu trữ của 2 đoàn viên']),
      ...COMMITTEE.map((to) => [to, 'Đã xoá dữ liệu cá nhân hết thời hạn lưu trữ của 1 đoàn viên']),
    ]);
  });
});
