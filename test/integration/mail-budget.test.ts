// The daily budget: what does not fit today is deferred, never dropped, and goes the next day in priority order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, evidence, registration, YEAR } from './fixtures';
import { startMailStack, type MailStack } from './mail-harness';

function must<T>(value: T | null | undefined): T {
  return value ?? expect.fail('expected a value');
}

let stack: MailStack;
beforeAll(async () => {
  // 01:30 on 20/06 in Vietnam, still 19/06 in UTC: the merged notice's day must be Vietnam's.
  stack = await startMailStack({ dailyBudget: 2, start: new Date('2019-06-19T18:30:00Z') });
});
afterAll(async () => {
  await stack.stop();
});

interface MailView {
  id: string;
  kind: string;
  to: string;
  status: string;
  mergedInto?: string;
}

const DAY = 24 * 60 * 60 * 1000;

describe('daily budget', () => {
  it('merges a member’s notices of the day when short, defers the rest, and sends it the next days by priority', async () => {
    expect((await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({ email: 'an.snv@example.vn', submittedAt: '2019-01-10T09:00:00+07:00' }),
    );
    await stack.call('POST', '/v1/evidence', evidence({ email: 'an.snv@example.vn' }));
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({
        email: 'binh.snv@example.vn',
        fullName: 'Trần Thị Bình',
        submittedAt: '2019-01-10T09:00:00+07:00',
      }),
    );
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({
        email: 'lan.stp@example.vn',
        fullName: 'Lê Thị Lan',
        unit: 'STP',
        submittedAt: '2019-01-10T09:00:00+07:00',
      }),
    );
    const report = await stack.call<{ queued: number; deferred: number }>(
      'POST',
      `/v1/years/${String(YEAR)}/reports/members`,
      { period: '2019-W25' },
    );
    // Four notices wait ahead of them and the day holds two: all three summaries are deferred from the start.
    expect(report.body).toMatchObject({ queued: 3, deferred: 3 });

    // Day 1: two messages — Nguyễn Văn An's two notices merged into one, and one more notice.
    expect((await stack.drain()).body).toMatchObject({ sent: 2 });
    const day1 = await stack.messages();
    expect(day1).toHaveLength(2);
    const merged = must(day1.find((m) => m.email.to?.[0]?.address === 'an.snv@example.vn')).email;
    expect(merged.subject).toBe('Hành trình “Người Cộng sản trẻ”: 2 thông báo ngày 20/06/2019');
    expect(merged.html).toContain('Đã nhận đăng ký sổ hành trình năm 2019');
    expect(merged.html).toContain('Đã nhận minh chứng RL2');
    let mails = (await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail`)).body;
    expect(mails.filter((m) => m.status === 'sent')).toHaveLength(3);
    expect(mails.filter((m) => m.mergedInto !== undefined)).toHaveLength(1);
    expect(mails.filter((m) => m.status === 'deferred')).toHaveLength(4);
    expect(mails.filter((m) => m.status === 'queued')).toHaveLength(0);
    // Nothing more today, however often the drain runs.
    expect((await stack.drain()).body).toMatchObject({ sent: 0 });

    // Day 2: the last notice first (priority), then one summary.
    stack.clock.now = new Date(stack.clock.now.getTime() + DAY);
    expect((await stack.drain()).body).toMatchObject({ sent: 2 });
    const day2 = (await stack.messages()).filter((m) => !day1.some((d) => d.file === m.file));
    expect(day2.map((m) => m.email.headers.find((h) => h.key === 'x-journey-kind')?.value).sort()).toEqual([
      'members',
      'notice',
    ]);

    // Day 3: the last two summaries; nothing was dropped.
    stack.clock.now = new Date(stack.clock.now.getTime() + DAY);
    expect((await stack.drain()).body).toMatchObject({ sent: 2 });
    mails = (await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail`)).body;
    expect(mails.every((m) => m.status === 'sent')).toBe(true);
    expect(await stack.messages()).toHaveLength(6);
  });
});
