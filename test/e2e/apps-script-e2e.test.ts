// End to end: the built Apps Script bundle (forms, triggers, retry queue) over real HTTP to the journey function of the
// real local stack (`functions/dev/start.ts` in a child process: embedded Firestore, Sheets stand-in), and back out in
// the stand-in's spreadsheets. The steps share one year and run in order.
import { columnLetter } from '../../functions/src/contract/a1';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/client/journey-client';
import { buildBundle } from '../apps-script/bundle';
import { FakeUi } from '../apps-script/fakes/spreadsheets';
import { CONFIG, YEAR } from '../integration/fixtures';
import { choice, EVIDENCE_FORM, gasDriver, REGISTRATION_FORM, type GasDriver } from './gas-driver';
import { freePort, localStackProcess, type StackProcess } from './local-stack';
import { eventually, readValues, records, type SheetRecord } from './standin';

// The sheets follow at Google's pace (50 writes a minute in all): a change can wait behind a first full sync.
vi.setConfig({ testTimeout: 120_000 });

const SECRET = 'e2e-secret-hanh-trinh-2019';
const MINUTE = 60_000;
const MEMBER = { email: 'an.snv@example.vn', fullName: 'Nguyễn Văn An' };
const SECOND = { email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' };
const EVALUATOR = 'bch.snv@example.vn';
const QUEUE = 'BCH_CO_SO:SNV';
const UNIT = 'Đoàn Sở Nội vụ';

/**
 * CONFIG of the integration tests, with evaluation open until next year. Requests are signed with the sandbox clock,
 * which must be real time (the function refuses timestamps more than 300 s old), and the bundle stamps a queue edit's
 * `editedAt` with that same clock; the plan's default `evaluationCloses` (2019-10-31) would refuse the decision as
 * `evaluation_closed`. Form responses keep 2019 timestamps inside the plan's registration and activity windows.
 */
const YEAR_CONFIG = { ...CONFIG, calendar: { evaluationCloses: `${String(new Date().getFullYear() + 1)}-12-31` } };

interface TaskProgress {
  status: string;
  approved: number;
  pending: number;
  required: number;
}

interface Journey {
  memberId: string;
  fullName: string;
  email: string;
  unitId: string;
  tasks: Record<string, TaskProgress>;
  points: number;
}

interface SheetsMap {
  master: { spreadsheetId: string };
  queues: Record<string, { spreadsheetId: string; sheetName: string }>;
}

interface InboxItem {
  key: string;
  kind: string;
  status: string;
  /** The body exactly as received. */
  raw: string;
}

let root = '';
let stack: StackProcess | undefined;
let send: JourneySend;
let gas: GasDriver;
let sheets: SheetsMap;
let weights: { BB: number; RL: number; TT: number };

// What one step learns and a later step needs.
let memberId = '';
let registrationEvent: unknown;
let rl1EvidenceId = '';
let pointsBeforeDecision = 0;

function running(): StackProcess {
  if (!stack) throw new Error('the local stack was not started');
  return stack;
}

async function get<T>(path: string): Promise<T> {
  const answer = await send<T>('GET', path);
  if (answer.status !== 200)
    throw new Error(`GET ${path}: HTTP ${String(answer.status)} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const member = (id: string): Promise<Journey> => get<Journey>(`/v1/years/${String(YEAR)}/members/${id}`);
const results = async (): Promise<Journey[]> =>
  (await get<{ members: Journey[] }>(`/v1/years/${String(YEAR)}/results`)).members;
const inbox = async (): Promise<InboxItem[]> =>
  (await get<{ items: InboxItem[] }>(`/v1/years/${String(YEAR)}/inbox`)).items;
/** The inbox entries of one form response (the inbox is keyed by a digest of kind and response id). */
const inboxOf = (items: readonly InboxItem[], responseId: string): InboxItem[] =>
  items.filter((i) => (JSON.parse(i.raw) as { responseId?: unknown }).responseId === responseId);

function queueRef(): { spreadsheetId: string; sheetName: string } {
  const ref = sheets.queues[QUEUE];
  if (!ref) throw new Error(`the function has no spreadsheet for ${QUEUE}: ${JSON.stringify(sheets)}`);
  return ref;
}

async function masterRows(): Promise<SheetRecord[]> {
  return records(await readValues(running().url, sheets.master.spreadsheetId, `'Kết quả'`)).rows;
}

async function queueValues(): Promise<string[][]> {
  const ref = queueRef();
  return readValues(running().url, ref.spreadsheetId, `'${ref.sheetName}'`);
}

/** The one row of the stand-in's queue sheet that `match` picks; throws (so `eventually` retries) until there is one. */
async function queueRow(match: (row: SheetRecord) => boolean): Promise<SheetRecord> {
  const found = records(await queueValues()).rows.filter(match);
  if (found.length !== 1 || !found[0]) throw new Error(`${String(found.length)} matching rows in the queue sheet`);
  return found[0];
}

function retryMessages(): string[] {
  return gas.fakes.log.messages().filter((m) => m.includes('hàng đợi gửi lại') || m.includes('Đã gửi lại'));
}

beforeAll(async () => {
  buildBundle();
  root = await mkdtemp(join(tmpdir(), 'journey-e2e-'));
  stack = localStackProcess({
    port: await freePort(),
    dataDir: join(root, 'data'),
    secret: SECRET,
    logFile: join(root, 'stack.log'),
  });
  await stack.start();
  send = createJourneyClient(stack.url, SECRET, 'e2e');

  const put = await send('PUT', `/v1/years/${String(YEAR)}/config`, YEAR_CONFIG);
  if (put.status !== 200)
    throw new Error(`PUT config: HTTP ${String(put.status)} ${JSON.stringify(put.body)}\n${stack.logTail()}`);
  weights = (await get<{ rules: { weights: typeof weights } }>(`/v1/years/${String(YEAR)}/config`)).rules.weights;

  gas = gasDriver({
    JOURNEY_URL: stack.url,
    JOURNEY_SECRET: SECRET,
    JOURNEY_YEAR: String(YEAR),
    JOURNEY_CREATE_SPREADSHEETS: 'false',
  });
  // Reads the plan and the spreadsheets the function owns, builds the forms, installs the triggers.
  gas.bundle.setup();
  sheets = await get<SheetsMap>(`/v1/years/${String(YEAR)}/sheets`);
  // The project is bound to the master spreadsheet, and a person is at it (for the menu's "show the retry queue").
  gas.fakes.sheets.active = gas.fakes.sheets.createWithId(sheets.master.spreadsheetId, 'Bảng tổng hợp');
  gas.fakes.sheets.ui = new FakeUi();
}, 60_000);

afterAll(async () => {
  try {
    await stack?.stop();
  } finally {
    if (root !== '') await rm(root, { recursive: true, force: true });
  }
}, 30_000);

// A failed step shows what the stack and the bundle said (the stack's log lives in a temp dir removed afterwards).
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    process.stderr.write(
      `\n--- local stack log (tail) ---\n${stack?.logTail() ?? ''}\n--- bundle log (tail) ---\n${(gas as GasDriver | undefined)?.fakes.log.messages().slice(-10).join('\n') ?? ''}\n`,
    );
  });
});

describe('Apps Script bundle → journey function on the local stack → Sheets stand-in', () => {
  it('setup builds both forms from the plan the function serves and caches the spreadsheets it owns', () => {
    expect(gas.fakes.forms.forms.map((f) => f.title)).toEqual([
      expect.stringContaining(REGISTRATION_FORM) as unknown,
      expect.stringContaining(EVIDENCE_FORM) as unknown,
    ]);
    expect(gas.fakes.sheets.calls.create).toBe(0);
    expect(gas.fakes.props.sheetsMap(YEAR)).toMatchObject({
      master: { spreadsheetId: sheets.master.spreadsheetId },
      queues: { [QUEUE]: { spreadsheetId: queueRef().spreadsheetId, sheetName: queueRef().sheetName } },
    });
  });

  it('a registration submitted in the form reaches the function and shows on the master spreadsheet', async () => {
    const form = gas.form(REGISTRATION_FORM);
    const response = gas.respond(
      form,
      MEMBER.email,
      [
        ['Họ và tên', MEMBER.fullName],
        ['Ngày sinh', '1995-03-12'],
        ['Số điện thoại', '0901 234 567'],
        ['Cơ sở Đoàn', choice(form, 'Cơ sở Đoàn', UNIT)],
        ['Tổ', choice(form, 'Tổ', 'Tổ 1')],
        ['Nhiệm vụ rèn luyện', ['RL1', 'RL2', 'RL6'].map((code) => choice(form, 'Nhiệm vụ rèn luyện', code))],
        ['Nhiệm vụ thử thách', [choice(form, 'Nhiệm vụ thử thách', 'TT1')]],
        ['Đồng ý cho xử lý dữ liệu cá nhân', [choice(form, 'Đồng ý cho xử lý dữ liệu cá nhân', 'Tôi đã đọc')]],
      ],
      new Date('2019-01-10T09:00:00+07:00'),
    );
    registrationEvent = gas.submitEvent(form, response);
    gas.syncClock();
    gas.bundle.onRegistrationSubmit(registrationEvent);
    expect(gas.queued()).toEqual([]);

    const members = await results();
    expect(members.map((m) => [m.email, m.fullName, m.unitId])).toEqual([[MEMBER.email, MEMBER.fullName, 'SNV']]);
    memberId = members[0]?.memberId ?? '';

    const row = await eventually(async () => {
      const found = (await masterRows()).find((r) => r.cells.Email === MEMBER.email);
      if (!found) throw new Error(`${MEMBER.email} is not on 'Kết quả' yet`);
      return found;
    });
    expect(row.cells).toMatchObject({
      'Mã đoàn viên': memberId,
      'Họ và tên': MEMBER.fullName,
      'Cơ sở Đoàn': UNIT,
      Tổ: 'Tổ 1 - Cụm Nội chính',
    });
  });

  it('evidence for a registered task lands in the right queue spreadsheet, waiting for a decision', async () => {
    const form = gas.form(EVIDENCE_FORM);
    const response = gas.respond(
      form,
      MEMBER.email,
      [
        ['Nhiệm vụ', choice(form, 'Nhiệm vụ', 'RL1')],
        ['Loại buổi sinh hoạt chi đoàn', choice(form, 'Loại buổi sinh hoạt chi đoàn', 'Sinh hoạt chi đoàn chủ điểm')],
        ['Ngày diễn ra hoạt động', '2019-03-26'],
        ['Mô tả hoạt động', 'Phụ trách buổi sinh hoạt chi đoàn chủ điểm tháng 3 "Tuổi trẻ với Hiến pháp".'],
        ['Đường dẫn minh chứng', 'https://drive.google.com/file/d/e2e-rl1-bien-ban'],
      ],
      new Date('2019-03-27T20:00:00+07:00'),
    );
    gas.syncClock();
    gas.bundle.onEvidenceSubmit(gas.submitEvent(form, response));
    expect(gas.queued()).toEqual([]);

    const journey = await member(memberId);
    expect(journey.tasks.RL1).toMatchObject({ status: 'in_progress', approved: 0, pending: 1 });
    pointsBeforeDecision = journey.points;

    const row = await eventually(() =>
      queueRow((r) => r.cells.Email === MEMBER.email && (r.cells['Nhiệm vụ'] ?? '').startsWith('RL1')),
    );
    expect(row.cells).toMatchObject({
      'Họ và tên': MEMBER.fullName,
      'Cơ sở Đoàn': UNIT,
      'Ngày hoạt động': '26/03/2019',
      'Đường dẫn minh chứng': 'https://drive.google.com/file/d/e2e-rl1-bien-ban',
      'Trạng thái': 'Chờ đánh giá',
      'Đánh giá': '',
    });
    rl1EvidenceId = row.cells['Mã minh chứng'] ?? '';
    expect(rl1EvidenceId).not.toBe('');
  });

  it('"Đạt" typed in the queue row becomes a decision: the task is done, the score rises, the row says so', async () => {
    // The queue spreadsheet as the evaluator sees it in Google Sheets: the same id and the rows the function wrote.
    const ref = queueRef();
    const values = await queueValues();
    const header = values[0] ?? [];
    const spreadsheet = gas.fakes.sheets.createWithId(ref.spreadsheetId, 'Hàng chờ đánh giá — BCH Đoàn Sở Nội vụ');
    const tab = spreadsheet.insertSheet(ref.sheetName);
    tab.getRange(1, 1, values.length, header.length).setValues(values.map((row) => header.map((_, c) => row[c] ?? '')));
    const rowNumber = values.findIndex((row) => row[header.indexOf('Mã minh chứng')] === rl1EvidenceId) + 1;
    expect(rowNumber).toBeGreaterThan(1);

    const comment = 'Biên bản sinh hoạt đầy đủ, đúng chủ điểm tháng 3.';
    tab.getRange(rowNumber, header.indexOf('Nhận xét') + 1).setValue(comment);
    // On a consumer account Google does not name the editor: the evaluator picks their e-mail in 'Người xác nhận'.
    expect(header).toContain('Người xác nhận');
    tab.getRange(rowNumber, header.indexOf('Người xác nhận') + 1).setValue(EVALUATOR);
    const edit = gas.fakes.sheets.edit(
      spreadsheet,
      ref.sheetName,
      `${columnLetter(header.indexOf('Đánh giá'))}${String(rowNumber)}`,
      'Đạt',
      EVALUATOR,
    );
    gas.syncClock();
    gas.bundle.onQueueEdit(edit);
    expect(spreadsheet.toasts).toEqual([]);
    expect(gas.queued()).toEqual([]);

    const journey = await member(memberId);
    expect(journey.tasks.RL1).toMatchObject({ status: 'done', approved: 1, pending: 0 });
    expect(journey.points).toBe(pointsBeforeDecision + weights.RL);

    const row = await eventually(async () => {
      const found = await queueRow((r) => r.cells['Mã minh chứng'] === rl1EvidenceId);
      if (found.cells['Trạng thái'] !== 'Đã xử lý: Đạt')
        throw new Error(`queue row still says "${found.cells['Trạng thái'] ?? ''}"`);
      return found;
    });
    expect(row.cells).toMatchObject({ 'Đánh giá': 'Đạt', 'Nhận xét': comment, 'Người xác nhận': EVALUATOR });
    expect(row.cells['Người đánh giá']).toContain(EVALUATOR);

    const master = await eventually(async () => {
      const found = (await masterRows()).find((r) => r.cells['Mã đoàn viên'] === memberId);
      if (found?.cells['Điểm'] !== String(journey.points))
        throw new Error(`'Kết quả' still shows ${found?.cells['Điểm'] ?? 'no row'}`);
      return found;
    });
    expect(master.cells.RL1).not.toBe('');
  });

  it('a form-submit trigger fired twice makes one journey and one inbox entry', async () => {
    const membersBefore = await results();
    const inboxBefore = await inbox();

    const form = gas.form(REGISTRATION_FORM);
    const response = gas.respond(
      form,
      SECOND.email,
      [
        ['Họ và tên', SECOND.fullName],
        ['Cơ sở Đoàn', choice(form, 'Cơ sở Đoàn', UNIT)],
        ['Nhiệm vụ rèn luyện', ['RL1', 'RL2', 'RL4'].map((code) => choice(form, 'Nhiệm vụ rèn luyện', code))],
        ['Nhiệm vụ thử thách', [choice(form, 'Nhiệm vụ thử thách', 'TT3')]],
        ['Đồng ý cho xử lý dữ liệu cá nhân', [choice(form, 'Đồng ý cho xử lý dữ liệu cá nhân', 'Tôi đã đọc')]],
      ],
      new Date('2019-01-20T14:15:00+07:00'),
    );
    const event = gas.submitEvent(form, response);
    gas.syncClock();
    gas.bundle.onRegistrationSubmit(event);
    gas.syncClock();
    gas.bundle.onRegistrationSubmit(event);
    // The first member's response, fired again long after it was decided, changes nothing either.
    gas.bundle.onRegistrationSubmit(registrationEvent);

    const sent = gas.fakes.fetch.requests.filter((r) => r.url.endsWith('/v1/registrations')).slice(-3);
    expect(sent).toHaveLength(3);
    expect(sent[1]?.body).toBe(sent[0]?.body);
    const answers = gas.fakes.log
      .messages('log')
      .filter((m) => m.startsWith('Đã gửi bài đăng ký'))
      .slice(-3);
    expect(answers.map((m) => /"status":"(\w+)"/.exec(m)?.[1])).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(gas.queued()).toEqual([]);

    const membersAfter = await results();
    expect(membersAfter).toHaveLength(membersBefore.length + 1);
    expect(membersAfter.filter((m) => m.email === SECOND.email)).toHaveLength(1);
    const first = membersAfter.find((m) => m.memberId === memberId);
    expect(first?.points).toBe(pointsBeforeDecision + weights.RL);
    expect(first?.tasks.RL1?.status).toBe('done');

    const inboxAfter = await inbox();
    expect(inboxAfter).toHaveLength(inboxBefore.length + 1);
    expect(inboxOf(inboxAfter, response.id)).toEqual([
      expect.objectContaining({ kind: 'registration', status: 'accepted' }),
    ]);
  });

  it('with the function down a submission waits in the retry queue, and arrives once when it is back', async () => {
    await running().stop();

    // The trigger fires while the function is down. Its clock is set five minutes behind real time, so that moving it
    // past the 5-minute backoff lands on real time again: the function accepts signatures at most 300 s old and 60 s ahead.
    gas.fakes.clock.nowMs = Date.now() - 5 * MINUTE;
    const form = gas.form(EVIDENCE_FORM);
    const response = gas.respond(
      form,
      MEMBER.email,
      [
        ['Nhiệm vụ', choice(form, 'Nhiệm vụ', 'RL2')],
        ['Ngày diễn ra hoạt động', '2019-04-20'],
        ['Mô tả hoạt động', 'Tham gia tổ chức ngày hội hiến máu tình nguyện tại Nhà Văn hóa Thanh niên.'],
        ['Đường dẫn minh chứng', 'https://drive.google.com/file/d/e2e-rl2-hien-mau'],
      ],
      new Date('2019-05-02T10:00:00+07:00'),
    );
    const attemptsBefore = gas.fakes.fetch.requests.length;
    gas.bundle.onEvidenceSubmit(gas.submitEvent(form, response));
    expect(gas.fakes.fetch.requests.slice(attemptsBefore).map((r) => new URL(r.url).pathname)).toEqual([
      '/v1/evidence',
    ]);

    const [item, ...others] = gas.queued();
    expect(others).toEqual([]);
    expect(item).toMatchObject({
      path: '/v1/evidence',
      attempts: 1,
      nextAttemptAt: gas.fakes.clock.nowMs + 5 * MINUTE,
    });
    expect(item?.lastError).toContain('Address unavailable');
    expect(retryMessages().at(-1)).toContain('đã đưa vào hàng đợi gửi lại');

    gas.bundle.showRetryQueue();
    const alert = (gas.fakes.sheets.ui as FakeUi).alerts.at(-1);
    expect(alert?.title).toBe('Hàng đợi gửi lại');
    expect(alert?.message).toContain('Đang chờ gửi lại: 1 mục (đến hạn gửi: 0).');
    expect(alert?.message).toContain(`minh chứng RL2 (mã phản hồi ${response.id}) — ${MEMBER.email}`);

    // Not due yet: the time trigger leaves it alone (no call).
    gas.bundle.drainRetryQueue();
    expect(gas.fakes.fetch.requests).toHaveLength(attemptsBefore + 1);

    // The function is back, with the state it saved on exit.
    await running().start();
    gas.syncClock();
    expect(gas.fakes.clock.nowMs).toBeGreaterThanOrEqual(item?.nextAttemptAt ?? Infinity);
    gas.bundle.drainRetryQueue();
    expect(gas.queued()).toEqual([]);
    expect(gas.queued('dead')).toEqual([]);
    expect(retryMessages().at(-1)).toContain(`Đã gửi lại minh chứng RL2 (mã phản hồi ${response.id})`);
    gas.bundle.drainRetryQueue();
    expect(gas.fakes.fetch.requests.slice(attemptsBefore).map((r) => new URL(r.url).pathname)).toEqual([
      '/v1/evidence',
      '/v1/evidence',
    ]);

    const journey = await member(memberId);
    expect(journey.tasks.RL2).toMatchObject({ status: 'in_progress', approved: 0, pending: 1 });
    expect(journey.tasks.RL1).toMatchObject({ status: 'done', approved: 1 });
    expect(inboxOf(await inbox(), response.id)).toEqual([
      expect.objectContaining({ kind: 'evidence', status: 'accepted' }),
    ]);

    const row = await eventually(() =>
      queueRow((r) => r.cells.Email === MEMBER.email && (r.cells['Nhiệm vụ'] ?? '').startsWith('RL2')),
    );
    expect(row.cells).toMatchObject({ 'Ngày hoạt động': '20/04/2019', 'Trạng thái': 'Chờ đánh giá' });
    expect((await queueRow((r) => r.cells['Mã minh chứng'] === rl1EvidenceId)).cells['Trạng thái']).toBe(
      'Đã xử lý: Đạt',
    );
  });
});
