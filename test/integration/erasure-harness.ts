// The erasure tests' stack and seed, on any Firestore (the durable embedded one, Google's emulator): the member to erase
// seeded through every path, the others beside them, and what "everyone else unchanged" means.
import { expect } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import type { AppContext } from '../../functions/src/app/context';
import { memberIdFor } from '../../functions/src/app/ids';
import { phaseFunnel } from '../../functions/src/domain/phase-funnel';
import type { Store } from '../../functions/src/ports';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import type { JourneySend } from '../../functions/client/journey-client';
import { outboxFolderMailer } from '../../functions/dev/outbox/folder-mailer';
import type { RunningSheetsStandIn } from '../../functions/dev/sheets';
import { startJourneyStack, type StackFirestore } from '../../functions/dev/stack';
import { CONFIG, essay, evidence, registration } from './fixtures';
import { SECRET } from './harness';
import { FAST_VIEWS } from './mail-harness';
import { must } from '../helpers';

export const ERASED = {
  email: 'lan.stp@example.vn',
  fullName: 'Lê Thị Lan',
  phone: '0903123456',
  dateOfBirth: '1994-03-15',
};
export const OTHERS = [
  { email: 'an.snv@example.vn', fullName: 'Nguyễn Văn An', unit: 'SNV' },
  { email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình', unit: 'SNV' },
  { email: 'hoa.stp@example.vn', fullName: 'Đặng Thu Hoa', unit: 'STP' },
];

export interface ErasureStack<F extends StackFirestore = StackFirestore> {
  send: JourneySend;
  ctx: AppContext;
  url: string;
  store: Store;
  db: Firestore;
  views: SheetsViews;
  sheets: RunningSheetsStandIn;
  firestore: F;
  clock: { now: Date };
  ok: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The function on `firestore` with its Sheets views and outbox (written as `.eml` files to `outbox`), at 20/06/2019. */
export async function startErasureStack<F extends StackFirestore>(
  firestore: F,
  outbox: string,
): Promise<ErasureStack<F>> {
  const clock = { now: new Date('2019-06-20T03:00:00Z') };
  const started = await startJourneyStack({
    firestore,
    secret: SECRET,
    publicUrl: 'https://journey.example.vn',
    clock: () => clock.now,
    log: () => undefined,
    views: {
      ...FAST_VIEWS,
      mail: {
        mailer: outboxFolderMailer(outbox, () => clock.now),
        sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
        dailyBudget: 1600,
        scheduler: () => ({ request: () => Promise.resolve(), idle: () => Promise.resolve() }),
      },
    },
  });
  const ok = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const answer = await started.send<Record<string, unknown>>(method, path, body);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };
  return {
    ok,
    send: started.send,
    ctx: started.ctx,
    url: started.url,
    store: started.store,
    db: firestore.db,
    views: must(started.views),
    sheets: must(started.sheets),
    firestore,
    clock,
    stop: started.stop,
  };
}

/** Seeds the erased member through every path, and the others beside them. */
/** From the member's book page, a correction request naming them, as their browser would send it. */
async function requestCorrection(stack: ErasureStack, url: string): Promise<void> {
  const local = new URL(url);
  const page = await (await fetch(`${stack.url}${local.pathname}${local.search}`)).text();
  const field = (name: string): string =>
    new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? expect.fail(`no ${name} on the book page`);
  const fields = {
    t: field('t'),
    nonce: field('nonce'),
    kind: 'correction',
    text: `Xin sửa họ tên thành ${ERASED.fullName} và email ${ERASED.email} trong sổ hành trình.`,
  };
  const answer = await fetch(`${stack.url}${local.pathname}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  expect(answer.status).toBe(200);
}

export async function seed(stack: ErasureStack): Promise<void> {
  const { ok } = stack;
  const drain = async (): Promise<void> => {
    await ok('POST', '/v1/internal/mail/drain', {});
  };
  await ok('PUT', '/v1/years/2019/config', {
    ...CONFIG,
    units: CONFIG.units.map((u) => (u.id === 'STP' ? { ...u, nominees: [ERASED.email, 'hoa.stp@example.vn'] } : u)),
  });
  await ok('POST', '/v1/registrations', registration({ ...ERASED, unit: 'STP' }));
  for (const o of OTHERS)
    await ok('POST', '/v1/registrations', registration({ email: o.email, fullName: o.fullName, unit: o.unit }));
  const essayId = String(
    (
      await ok(
        'POST',
        '/v1/evidence',
        evidence({
          email: ERASED.email,
          task: 'BB3',
          essay: `${essay(1100)} Lê Thị Lan`,
          description: 'Bài thu hoạch của Lê Thị Lan',
        }),
      )
    ).id,
  );
  const rl6 = String(
    (
      await ok(
        'POST',
        '/v1/evidence',
        evidence({
          email: ERASED.email,
          task: 'RL2',
          description: 'Hiến máu cùng chi đoàn, liên hệ 0903123456',
          links: ['https://drive.google.com/lan-thi-le'],
        }),
      )
    ).id,
  );
  const anRl6 = String((await ok('POST', '/v1/evidence', evidence({ email: OTHERS[0]?.email, task: 'RL2' }))).id);
  await ok('POST', '/v1/evaluations', {
    editId: 'd-1',
    editedAt: '2019-06-01T08:00:00+07:00',
    queue: 'BCH_CO_SO:STP',
    evidenceId: rl6,
    decision: 'approved',
    comment: 'Lê Thị Lan làm rất tốt',
    evaluatorEmail: 'bch.stp@example.vn',
  });
  await ok('POST', '/v1/evaluations', {
    editId: 'd-2',
    editedAt: '2019-06-02T08:00:00+07:00',
    queue: 'BTV_DOAN_KHOI',
    evidenceId: essayId,
    decision: 'needs_info',
    comment: 'Chị Lan bổ sung phần liên hệ bản thân',
  });
  await ok('POST', '/v1/evaluations', {
    editId: 'd-3',
    editedAt: '2019-06-01T08:00:00+07:00',
    queue: 'BCH_CO_SO:SNV',
    evidenceId: anRl6,
    decision: 'approved',
  });
  // Bình's essay approved: she stands apart from the erased member (not tied), so her rank is compared exactly.
  const binhEssay = String(
    (await ok('POST', '/v1/evidence', evidence({ email: OTHERS[1]?.email, task: 'BB3', essay: essay(1100) }))).id,
  );
  await ok('POST', '/v1/evaluations', {
    editId: 'd-4',
    editedAt: '2019-06-03T08:00:00+07:00',
    queue: 'BTV_DOAN_KHOI',
    evidenceId: binhEssay,
    decision: 'approved',
  });
  await ok('PUT', '/v1/years/2019/units/STP/nominees', {
    editId: 'n-1',
    editedAt: '2019-01-05T08:00:00+07:00',
    nominees: [
      { fullName: ERASED.fullName, email: ERASED.email },
      { fullName: 'Đặng Thu Hoa', email: 'hoa.stp@example.vn' },
    ],
    editorEmail: 'bch.stp@example.vn',
  });
  await ok('POST', '/v1/party-status', {
    editId: 'p-1',
    email: ERASED.email,
    year: 2019,
    introducedAt: '2019-11-12',
    reference: 'Giới thiệu đồng chí Lê Thị Lan',
  });
  const link = await ok('GET', `/v1/years/2019/members/${encodeURIComponent(ERASED.email)}/book-link`);
  await requestCorrection(stack, String(link.url));
  for (const [kind, period] of [
    ['quarterly', '2019-Q2'],
    ['members', '2019-W25'],
    ['digest', '2019-W25'],
    ['camp', '2019'],
  ]) {
    await ok('POST', `/v1/years/2019/reports/${kind}`, { period });
  }
  await drain();
  await ok('POST', '/v1/years/2020/rollover', { editId: 'to-2020', fromYear: 2019 });
  stack.clock.now = new Date('2020-01-12T03:00:00Z');
  await ok('PUT', '/v1/years/2020/units/STP/nominees', {
    editId: 'n-2020',
    editedAt: '2020-01-05T08:00:00+07:00',
    nominees: [{ fullName: ERASED.fullName, email: ERASED.email }],
    editorEmail: 'bch.stp@example.vn',
  });
  for (const who of [ERASED, ...OTHERS.slice(0, 1)]) {
    await ok(
      'POST',
      '/v1/registrations',
      registration({
        email: who.email,
        fullName: who.fullName,
        unit: 'unit' in who ? who.unit : 'STP',
        year: 2020,
        submittedAt: '2020-01-10T09:00:00+07:00',
      }),
    );
  }
  await drain();
  for (const year of [2019, 2020]) await ok('POST', `/v1/years/${String(year)}/sync`);
  await stack.views.idle();
}

export interface Standing {
  memberId: string;
  grade: string;
  points: number;
  completedAt: string | null;
  rank: number;
}

/** Each year's members as ranked (grade, points, completion, rank), the counts, and the phase funnel. */
export async function standings(
  stack: ErasureStack,
): Promise<{ years: Standing[][]; counts: number[]; funnel: unknown }> {
  const years = [2019, 2020];
  const results = await Promise.all(years.map((y) => stack.ok('GET', `/v1/years/${String(y)}/results`)));
  const ranked = results.map((r) =>
    (r.members as Standing[]).map(({ memberId, grade, points, completedAt, rank }) => ({
      memberId,
      grade,
      points,
      completedAt,
      rank,
    })),
  );
  const journeys = (await Promise.all(years.map((y) => stack.store.listJourneys(y)))).flat();
  const members = (await Promise.all(years.map((y) => stack.store.listMembersOf(y)))).flat();
  const funnel = phaseFunnel(journeys, new Map(members.map((m) => [m.memberId, m.party])));
  return { years: ranked, counts: ranked.map((r) => r.length), funnel };
}

export const tied = (a: Standing, b: Standing): boolean =>
  a.grade === b.grade && a.points === b.points && a.completedAt === b.completedAt;

/**
 * Everyone else as before: same grade, points and completion, same rank — except that among members tied with the
 * erased one on grade, points and completion, the name decided the order (SPEC: ties by name), and the erased member
 * has none any more: there the tied members keep the same ranks between them and their order among themselves.
 */
export function expectOthersUnchanged(
  before: Standing[],
  after: Standing[],
  erasedBefore: string,
  erasedAfter: string,
): void {
  const erased = must(before.find((m) => m.memberId === erasedBefore));
  const pseudonym = must(after.find((m) => m.memberId === erasedAfter));
  expect({ ...pseudonym, memberId: '', rank: 0 }).toEqual({ ...erased, memberId: '', rank: 0 });
  const others = (list: Standing[], id: string) => list.filter((m) => m.memberId !== id);
  const afterById = new Map(after.map((m) => [m.memberId, m]));
  for (const m of others(before, erasedBefore)) {
    const now = must(afterById.get(m.memberId), m.memberId);
    if (tied(m, erased)) expect({ ...now, rank: 0 }).toEqual({ ...m, rank: 0 });
    else expect(now).toEqual(m);
  }
  const group = (list: Standing[], id: string) => list.filter((m) => tied(m, erased) || m.memberId === id);
  expect(
    group(after, erasedAfter)
      .map((m) => m.rank)
      .sort(),
  ).toEqual(
    group(before, erasedBefore)
      .map((m) => m.rank)
      .sort(),
  );
  const order = (list: Standing[], id: string) =>
    others(group(list, id), id)
      .sort((a, b) => a.rank - b.rank)
      .map((m) => m.memberId);
  expect(order(after, erasedAfter)).toEqual(order(before, erasedBefore));
}

/** Whether a text names the erased member (name in any case, e-mail, or the id derived from it). */
export const NEEDLES = [ERASED.fullName, ERASED.email, memberIdFor(ERASED.email), ERASED.phone, ERASED.dateOfBirth];
export function named(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return NEEDLES.filter((n) => lower.includes(n.toLowerCase()));
}
