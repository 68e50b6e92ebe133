// Mail figures: one unit's quarterly PDF at 500 members, and the daily budget a typical October week at 5,000 members uses.
import { renderDocumentPdf } from '../../functions/src/adapters/mail/pdf';
import { memberTable, officialDocument } from '../../functions/src/app/mail/reports/common';
import { rescore } from '../../functions/src/app/journey';
import { resolveYearConfig } from '../../functions/src/domain/config';
import { defaultDailyBudget } from '../../functions/src/domain/mail';
import type { JourneyDoc } from '../../functions/src/model';
import type { MailStore, OutboxMail, PagePosition } from '../../functions/src/ports';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { createJourneyClient } from '../../functions/client/journey-client';
import { seedDemoYear } from '../../functions/dev/demo/seed';
import { startMailStack } from '../integration/mail-harness';
import { SECRET } from '../integration/harness';
import { oneUnitPlan, UNITS } from '../fixtures/plan';
import { emptyResult } from '../../functions/src/domain/results';

function config() {
  const resolved = resolveYearConfig(oneUnitPlan());
  if (!resolved.ok) throw new Error('bench config');
  return resolved.config;
}

/** A member with some approved entries, so the table holds every kind of cell. */
function member(i: number, year: ReturnType<typeof config>): JourneyDoc {
  const approved = (code: string, n: number) =>
    Array.from({ length: n }, (_v, k) => ({
      evidenceId: `2019-e-${String(i).padStart(8, '0')}${code}${String(k)}`,
      task: code,
      activityDate: `2019-0${String(3 + k)}-1${String(k)}`,
      submittedAt: '2019-05-01T00:00:00Z',
      decisions: [
        { editId: `e${String(i)}${code}${String(k)}`, editedAt: '2019-05-02T00:00:00Z', decision: 'approved' as const },
      ],
    }));
  return rescore(year, {
    year: 2019,
    memberId: `m-${i.toString(16).padStart(16, '0')}`,
    email: `member${String(i)}@example.vn`,
    fullName: `Nguyễn Thị Ánh Tuyết ${String(i)}`,
    dateOfBirth: null,
    phone: null,
    unitId: UNITS.stp.id,
    groupId: null,
    training: ['RL1', 'RL2', 'RL6'],
    challenge: ['TT1'],
    registeredAt: '2019-01-10T00:00:00Z',
    amendedAt: null,
    entries: [
      ...approved('BB1', i % 2),
      ...approved('BB2', i % 5),
      ...approved('RL1', i % 3 === 0 ? 1 : 0),
      ...approved('TT1', i % 4 === 0 ? 1 : 0),
    ],
    result: emptyResult(),
    party: { introducedAt: null, admittedAt: null, reference: null },
    consent: { notice: '0123456789ab', givenAt: '2019-01-10T02:00:00.000Z', withdrawnAt: null },
    updatedAt: '2019-05-02T00:00:00Z',
  });
}

export async function benchQuarterlyPdf(members: number): Promise<{ ms: number; bytes: number }> {
  const year = config();
  const journeys = Array.from({ length: members }, (_v, i) => member(i, year));
  const document = officialDocument({
    day: '2019-06-25',
    title: 'BÁO CÁO',
    subtitle: 'Tiến độ Hành trình “Người Cộng sản trẻ” quý II/2019 của đoàn viên ưu tú Đoàn Sở Tư pháp',
    landscape: true,
    recipients: ['Cấp ủy Đoàn Sở Tư pháp'],
    sections: [{ heading: 'II. KẾT QUẢ CỦA TỪNG ĐOÀN VIÊN', blocks: [memberTable(year, journeys, false)] }],
  });
  await renderDocumentPdf({ ...document, sections: [] }); // fonts loaded once, as in a warm instance
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    bytes = (await renderDocumentPdf(document)).length;
    times.push(performance.now() - started);
  }
  return { ms: [...times].sort((a, b) => a - b)[1] ?? 0, bytes };
}

/**
 * An October week at 5,000 members, from what the scheduled jobs queue: every member one routine mail (the weekly
 * summary, which is the reminder in September–October), a fifth of the units each working day; evaluators'
 * reminders (200 queues × 2 evaluators at most) and the digest on Monday; notices at the October rate (the
 * evaluation month: about 1.2 notices per member per week — an entry's receipt and its decision — over 7 days).
 */
export function octoberWeek(members: number): {
  perDay: { day: string; mails: number }[];
  budget: number;
  carried: number;
} {
  const budget = defaultDailyBudget('workspace');
  const noticesPerDay = Math.round((members * 1.2) / 7);
  const evaluators = 200 * 2;
  const summaries = Math.round(members / 5);
  const perDay = [
    { day: 'thứ Hai', mails: noticesPerDay + evaluators + 3 + summaries },
    ...['thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu'].map((day) => ({ day, mails: noticesPerDay + summaries })),
    ...['thứ Bảy', 'Chủ nhật'].map((day) => ({ day, mails: noticesPerDay })),
  ];
  // What each day defers goes first the next day (same or better priority than the day's own routine mail).
  const carried = perDay.reduce((backlog, d) => Math.max(0, backlog + d.mails - budget), 0);
  return { perDay, budget, carried };
}

/** What the demo year sends its members, by ISO week of the day each notice's submission or decision was made. */
export interface DemoMailWeeks {
  members: number;
  /** Member-weeks of the year (members × weeks from January to December). */
  memberWeeks: number;
  notices: number;
  noticesPerMemberWeek: number;
  /** The most notices one member gets in one week. */
  mostNoticesInAWeek: number;
  /** Routine mails (weekly summary and reminders) one member gets in a week when both jobs run: at most one by design. */
  mostRoutineInAWeek: number;
  seconds: number;
}

/** Every e-mail of the year, page after page. */
async function allMail(outbox: MailStore, year: number): Promise<OutboxMail[]> {
  const all: OutboxMail[] = [];
  let after: PagePosition | undefined;
  do {
    const page = await outbox.page(year, { limit: 1_000, after });
    all.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return all;
}

/**
 * Seeds `npm start`'s demo year on the embedded stack (its 40 members, every registration, entry, decision and refusal),
 * then counts what the outbox holds for members: each notice placed in the week its submission or decision carries
 * (the demo sends a year in minutes), and the routine mail of one September week with both the summary and the
 * reminders queued for it.
 */
export async function benchDemoMailWeeks(): Promise<DemoMailWeeks> {
  const started = performance.now();
  const stack = await startMailStack();
  try {
    // Signed by the function's clock, which the mail stack holds still: signed by real time, requests past a minute of
    // seeding were "from the future" and refused (401) on a loaded machine.
    const send = createJourneyClient(stack.url, SECRET, 'bench', { now: () => stack.clock.now });
    await seedDemoYear(send);
    const members = new Set((await stack.ctx.store.listJourneys(2019)).map((j) => j.email));
    const outbox = stack.ctx.mail?.store;
    if (!outbox) throw new Error('no outbox');
    const mails = await allMail(outbox, 2019);
    const perMemberWeek = new Map<string, number>();
    let notices = 0;
    for (const mail of mails) {
      if (mail.kind !== 'notice' || !members.has(mail.to)) continue;
      const inbox = await stack.ctx.store.getInbox(mail.id.replace(/^notice-/, ''));
      const body = inbox ? (JSON.parse(inbox.raw) as { submittedAt?: string; editedAt?: string }) : {};
      const when = body.submittedAt ?? body.editedAt;
      if (!when) continue;
      notices += 1;
      const key = `${mail.to}|${getISOWeekYear(new Date(when))}-W${String(getISOWeek(new Date(when)))}`;
      perMemberWeek.set(key, (perMemberWeek.get(key) ?? 0) + 1);
    }
    for (const kind of ['members', 'reminders'])
      await send('POST', `/v1/years/2019/reports/${kind}`, { period: '2019-W38' });
    const routine = new Map<string, number>();
    for (const mail of await allMail(outbox, 2019)) {
      if ((mail.kind === 'members' || mail.kind === 'reminders') && members.has(mail.to))
        routine.set(mail.to, (routine.get(mail.to) ?? 0) + 1);
    }
    const memberWeeks = members.size * 52;
    return {
      members: members.size,
      memberWeeks,
      notices,
      noticesPerMemberWeek: notices / memberWeeks,
      mostNoticesInAWeek: Math.max(0, ...perMemberWeek.values()),
      mostRoutineInAWeek: Math.max(0, ...routine.values()),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await stack.stop();
  }
}
