// The queue poller: with more queue spreadsheets than the 20-trigger quota allows, decisions typed where no edit trigger
// listens still become Evaluations — once each, with stable edit ids — and the run stops in time and resumes.
import { describe, expect, it } from 'vitest';
import { DECISION_LABELS, QUEUE_COLUMNS } from '../../functions/src/contract/queue-sheet';
import { FakeUi, type Cell, type FakeSheet, type FakeSpreadsheet } from './fakes/spreadsheets';
import { GROUPS, PEOPLE, yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { MINUTE, newSandbox, received, type Sandbox, useJourneyServer } from './harness';

const journey = useJourneyServer();

// 14 units (Cấp ủy and BCH Đoàn cơ sở each) + BTV Đoàn Khối + one Tổ = 30 queue spreadsheets.
const UNITS = Array.from({ length: 14 }, (_, i) => ({
  id: `DON_VI_${String(i + 1)}`,
  name: `Đoàn cơ sở số ${String(i + 1)}`,
  evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
}));
/** A queue whose spreadsheet gets no edit trigger (Cấp ủy ranks after BTV and BCH Đoàn cơ sở). */
const POLLED = 'CAP_UY:DON_VI_5';
/** A queue whose spreadsheet has a live edit trigger. */
const LIVE = 'BTV_DOAN_KHOI';

function config(): unknown {
  const input = yearConfigInput();
  return yearConfig({ ...input, units: UNITS, groups: (input.groups as unknown[]).slice(0, 1) });
}

interface Tab {
  queue: string;
  spreadsheet: FakeSpreadsheet;
  sheet: FakeSheet;
}

async function ready(options: { ui?: boolean } = {}): Promise<Sandbox> {
  const s = await newSandbox(journey.server, { config: config(), ...options });
  s.bundle.setup();
  return s;
}

function sheetsMap(s: Sandbox): { queues: Record<string, { spreadsheetId: string; sheetName: string }> } {
  const map = s.fakes.props.sheetsMap(YEAR);
  if (!map) throw new Error('no sheets map cached');
  return map;
}

function tab(s: Sandbox, queue: string): Tab {
  const ref = sheetsMap(s).queues[queue];
  if (!ref) throw new Error(`queue ${queue} not registered`);
  const spreadsheet = s.fakes.sheets.openById(ref.spreadsheetId);
  const sheet = spreadsheet.getSheetByName(ref.sheetName);
  if (!sheet) throw new Error(`no tab ${ref.sheetName}`);
  return { queue, spreadsheet, sheet };
}

type Decision = keyof typeof DECISION_LABELS;

interface RowSpec {
  id: string;
  /** The decision the function last recorded (status, decision and comment cells as it writes them). */
  recorded?: { decision: Decision; comment?: string; by?: string; queue?: string };
}

const column = (title: string): number => QUEUE_COLUMNS.indexOf(title) + 1;

function status(decision: Decision | undefined): string {
  if (decision === 'approved') return 'Đã xử lý: Đạt';
  if (decision === 'rejected') return 'Đã xử lý: Không đạt';
  if (decision === 'needs_info') return 'Cần bổ sung: chờ đoàn viên';
  return 'Chờ đánh giá';
}

/** The row as functions/src/views/layout.ts queueRow() writes it. */
function functionRow(t: Tab, spec: RowSpec): Cell[] {
  const row: Cell[] = QUEUE_COLUMNS.map(() => '');
  const set = (title: string, value: Cell): void => {
    row[column(title) - 1] = value;
  };
  set('Mã minh chứng', spec.id);
  set('Ngày gửi', '10/03/2019 09:00');
  set('Họ và tên', 'Nguyễn Văn An');
  set('Nhiệm vụ', 'RL2 — Tham gia hoạt động tình nguyện');
  set('Mô tả', 'Hiến máu tình nguyện '.repeat(40));
  const recorded = spec.recorded;
  set('Trạng thái', status(recorded?.decision));
  if (recorded) {
    set('Đánh giá', DECISION_LABELS[recorded.decision]);
    set('Nhận xét', recorded.comment ?? '');
    set('Người xác nhận', recorded.by ?? '');
    set('Người đánh giá', [recorded.by, recorded.queue ?? t.queue].filter(Boolean).join(' · '));
  }
  return row;
}

/** What the function writes into a queue tab (a full sync). */
function fill(t: Tab, specs: readonly RowSpec[]): void {
  t.sheet.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
  t.sheet.getRange(2, 1, specs.length, QUEUE_COLUMNS.length).setValues(specs.map((spec) => functionRow(t, spec)));
}

function rowOf(t: Tab, id: string): number {
  const ids = t.sheet.getRange(2, column('Mã minh chứng'), t.sheet.getLastRow() - 1, 1).getValues();
  const index = ids.findIndex((r) => r[0] === id);
  if (index < 0) throw new Error(`no row ${id}`);
  return index + 2;
}

/** The function rewrites one row after a decision it accepted. */
function rewrite(t: Tab, id: string, recorded: NonNullable<RowSpec['recorded']>): void {
  const row = rowOf(t, id);
  t.sheet.getRange(row, 1, 1, QUEUE_COLUMNS.length).setValues([functionRow(t, { id, recorded })]);
}

/** An evaluator types in a queue tab (no edit trigger sees it). */
function type(t: Tab, id: string, title: 'Đánh giá' | 'Nhận xét' | 'Người xác nhận', value: string): void {
  t.sheet.getRange(rowOf(t, id), column(title)).setValue(value);
}

/** The evaluator of the polled queue. */
const EVALUATOR = 'capuy5@example.vn';

/** An evaluator picks their e-mail in 'Người xác nhận' and a decision in 'Đánh giá' (no edit trigger sees it). */
function decide(t: Tab, id: string, label: string, by: string = EVALUATOR): void {
  type(t, id, 'Người xác nhận', by);
  type(t, id, 'Đánh giá', label);
}

async function evaluations(): Promise<Array<{ body: Record<string, unknown>; status: number; answer: string }>> {
  return (await received(journey.server, '/v1/evaluations')).map((r) => ({
    body: r.body as Record<string, unknown>,
    status: r.status,
    answer: (r.answer as { status?: string }).status ?? '',
  }));
}

/** The memory the script keeps for a queue tab, as stored in Script Properties. */
function rowsStored(s: Sandbox, queue: string): string {
  const prefix = `journey.poll.rows.${String(YEAR)}.${queue}.`;
  return s.fakes.props
    .getKeys()
    .filter((k) => k.startsWith(prefix))
    .sort()
    .map((k) => s.fakes.props.getProperty(k) ?? '')
    .join('');
}

describe('setup with 30 queue spreadsheets', () => {
  it('installs at most 20 triggers, the poller among them, and tells the committee which queues are polled', async () => {
    const s = await ready({ ui: true });
    expect(Object.keys(sheetsMap(s).queues)).toHaveLength(30);
    expect(s.fakes.scripts.triggers.length).toBeLessThanOrEqual(20);
    expect(s.fakes.scripts.byHandler('collectQueueDecisions').map((t) => [t.eventType, t.schedule])).toEqual([
      ['CLOCK', { everyMinutes: 10 }],
    ]);
    expect(s.fakes.scripts.byHandler('drainRetryQueue')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onEvidenceSubmit')).toHaveLength(1);
    const live = new Set(s.fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
    // 20 less the four fixed triggers, less one slot kept for a continuation.
    expect(live.size).toBe(15);
    expect(live.has(tab(s, LIVE).spreadsheet.id)).toBe(true);
    expect(live.has(tab(s, 'BCH_CO_SO:DON_VI_14').spreadsheet.id)).toBe(true);
    expect(live.has(tab(s, POLLED).spreadsheet.id)).toBe(false);

    const alert = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    expect(alert).toContain('15 hàng chờ gửi đánh giá ngay khi nhập');
    expect(alert).toContain('15 hàng chờ sau được kiểm tra định kỳ mỗi 10 phút');
    expect(alert).toContain('đánh giá ghi ở đó đến hệ thống trong vòng khoảng 10 phút');
    expect(alert).toContain('Cấp ủy — Đoàn cơ sở số 5');
    expect(alert).toContain(`Tổ — ${GROUPS.to1.name}`);
    expect(s.fakes.log.messages('error')).toEqual([]);

    // A second setup changes nothing.
    const ids = s.fakes.scripts.triggers.map((t) => t.uniqueId).sort();
    s.bundle.setup();
    expect(s.fakes.scripts.triggers.map((t) => t.uniqueId).sort()).toEqual(ids);
  });
});

describe('collectQueueDecisions', () => {
  it('sends a decision typed in a queue without a trigger, with its queue, evidence, decision and comment — once', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }, { id: 'ev-002' }]);
    await s.advance(3 * MINUTE);
    decide(t, 'ev-001', 'Không đạt');
    type(t, 'ev-001', 'Nhận xét', 'Ảnh chụp không rõ ngày hoạt động');

    const polledAt = s.fakes.clock.nowMs;
    s.bundle.collectQueueDecisions();

    const sent = await evaluations();
    expect(sent.map((e) => e.body)).toEqual([
      {
        editId: expect.stringMatching(/^gs-[0-9a-f]{40}$/) as unknown,
        editedAt: expect.stringMatching(/^2019-01-15T\d\d:\d\d:\d\d\+07:00$/) as unknown,
        queue: POLLED,
        evidenceId: 'ev-001',
        decision: 'rejected',
        comment: 'Ảnh chụp không rõ ngày hoạt động',
        evaluatorEmail: EVALUATOR,
        evaluatorSource: 'named',
      },
    ]);
    // The time of the poll, not of the typing.
    expect(Date.parse(String(sent[0]?.body.editedAt)) - polledAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(String(sent[0]?.body.editedAt)) - polledAt).toBeLessThan(MINUTE);
    expect(sent[0]?.answer).toBe('accepted');

    // The next runs send nothing: before and after the function rewrote the row.
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    rewrite(t, 'ev-001', { decision: 'rejected', comment: 'Ảnh chụp không rõ ngày hoạt động', by: EVALUATOR });
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toHaveLength(1);
  });

  it('remembers the rows already processed when it first reads a queue, and sends those the evaluator changed', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [
      { id: 'ev-001', recorded: { decision: 'approved', comment: 'Tốt', by: 'capuy5@example.vn' } },
      { id: 'ev-002', recorded: { decision: 'needs_info', comment: 'Bổ sung ảnh', by: 'capuy5@example.vn' } },
      { id: 'ev-003', recorded: { decision: 'approved' } },
      { id: 'ev-004' },
    ]);
    // Typed before the first poll: the status still says what the function recorded.
    decide(t, 'ev-003', 'Không đạt');

    s.bundle.collectQueueDecisions();
    expect((await evaluations()).map((e) => [e.body.evidenceId, e.body.decision])).toEqual([['ev-003', 'rejected']]);

    // A new comment on a processed row (the function's cells unchanged) is the evaluator's: sent with the decision.
    type(t, 'ev-001', 'Nhận xét', 'Tốt, đề nghị biểu dương');
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect((await evaluations()).map((e) => e.body).at(-1)).toMatchObject({
      evidenceId: 'ev-001',
      decision: 'approved',
      comment: 'Tốt, đề nghị biểu dương',
    });
    expect(await evaluations()).toHaveLength(2);
  });

  it('keeps about 20 bytes per processed row of a polled queue, in chunks under the 9 kB limit', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    const decisions: Decision[] = ['approved', 'rejected', 'needs_info'];
    fill(
      t,
      Array.from({ length: 1200 }, (_, i) => ({
        id: `2019-e-${i.toString(16).padStart(16, '0')}`,
        recorded: {
          decision: decisions[i % 3] ?? 'approved',
          comment: i % 2 === 0 ? `Nhận xét ${String(i)}` : '',
          by: EVALUATOR,
        },
      })),
    );
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toEqual([]);
    const stored = rowsStored(s, POLLED);
    expect(stored.length).toBeLessThanOrEqual(1200 * 20);
    expect(
      s.fakes.props.getKeys().filter((k) => k.startsWith(`journey.poll.rows.${String(YEAR)}.${POLLED}.`)).length,
    ).toBeGreaterThan(1);

    // Every row is still known: one changed comment among them is found and sent.
    type(t, '2019-e-00000000000002a6', 'Nhận xét', 'Đã xem lại: đạt yêu cầu');
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect((await evaluations()).map((e) => e.body)).toEqual([
      expect.objectContaining({
        evidenceId: '2019-e-00000000000002a6',
        decision: 'approved',
        comment: 'Đã xem lại: đạt yêu cầu',
      }),
    ]);
  });

  it('does not send what the function wrote for another queue deciding the same evidence', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }]);
    s.bundle.collectQueueDecisions();
    // BTV Đoàn Khối decided; the function rewrites the row in every queue of that evidence.
    rewrite(t, 'ev-001', { decision: 'approved', comment: 'BTV đã duyệt', by: PEOPLE.btv, queue: LIVE });
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    rewrite(t, 'ev-001', { decision: 'needs_info', comment: 'BTV cần thêm ảnh', by: PEOPLE.btv2, queue: LIVE });
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toEqual([]);
  });

  it('gives a new edit id to each change, back and forth (Đạt → Không đạt → Đạt)', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }, { id: 'ev-002' }]);
    for (const [label, decision] of [
      ['Đạt', 'approved'],
      ['Không đạt', 'rejected'],
      ['Đạt', 'approved'],
    ] as const) {
      decide(t, 'ev-001', label);
      s.bundle.collectQueueDecisions();
      rewrite(t, 'ev-001', { decision, queue: POLLED, by: EVALUATOR });
      await s.advance(10 * MINUTE);
    }
    const sent = await evaluations();
    expect(sent.map((e) => [e.body.evidenceId, e.body.decision, e.answer])).toEqual([
      ['ev-001', 'approved', 'accepted'],
      ['ev-001', 'rejected', 'accepted'],
      ['ev-001', 'approved', 'accepted'],
    ]);
    expect(new Set(sent.map((e) => e.body.editId)).size).toBe(3);
    // Each at the time of its poll, ten minutes apart (and a little more, for the runs' own time).
    const times = sent.map((e) => Date.parse(String(e.body.editedAt)));
    expect(
      times
        .slice(1)
        .map((t, i) => t - (times[i] ?? 0))
        .every((gap) => gap >= 10 * MINUTE && gap < 12 * MINUTE),
    ).toBe(true);
  });

  it('does not send again what the edit trigger sent, and catches what it missed (safety net, every 6 hours, only where something changed)', async () => {
    const s = await ready();
    const t = tab(s, LIVE);
    fill(t, [{ id: 'ev-001' }, { id: 'ev-002' }]);
    type(t, 'ev-001', 'Người xác nhận', PEOPLE.btv);
    s.bundle.onQueueEdit(
      s.fakes.sheets.edit(
        t.spreadsheet,
        t.sheet.getName(),
        `${String.fromCharCode(64 + column('Đánh giá'))}2`,
        'Đạt',
        PEOPLE.btv,
      ),
    );
    expect(await evaluations()).toHaveLength(1);

    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toHaveLength(1);
    rewrite(t, 'ev-001', { decision: 'approved', by: PEOPLE.btv });
    await s.advance(6 * 60 * MINUTE + MINUTE);
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toHaveLength(1);
    // Settled by the function: a tab with a live trigger forgets the row (its memory stays small).
    expect(rowsStored(s, LIVE)).toBe('');

    // Nothing changed since: the tab is not opened again, however long it waits.
    await s.advance(7 * 60 * MINUTE);
    const opened = s.fakes.sheets.calls.openById;
    s.bundle.collectQueueDecisions();
    expect(s.fakes.sheets.calls.openById).toBe(opened);

    // The edit trigger did not fire for this one (e.g. its daily quota was spent).
    decide(t, 'ev-002', 'Cần bổ sung', PEOPLE.btv2);
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    const sent = await evaluations();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toMatchObject({
      queue: LIVE,
      evidenceId: 'ev-002',
      decision: 'needs_info',
      evaluatorEmail: PEOPLE.btv2,
      evaluatorSource: 'named',
    });
  });

  it('puts a decision the function could not take (503) on the retry queue, once; the drain sends the same body', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }]);
    decide(t, 'ev-001', 'Đạt');
    await journey.server.script({ path: '/v1/evaluations', status: 503 });

    s.bundle.collectQueueDecisions();
    const queued = s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'));
    expect(queued).toHaveLength(1);
    const first = (await evaluations())[0];
    expect(s.fakes.props.json(queued[0] ?? '')).toMatchObject({
      key: `evaluation:${String(first?.body.editId)}`,
      attempts: 1,
    });

    await s.advance(5 * MINUTE);
    s.bundle.collectQueueDecisions();
    s.bundle.drainRetryQueue();
    const sent = await evaluations();
    expect(sent.map((e) => e.status)).toEqual([503, 200]);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'))).toEqual([]);
  });

  it('sends the identical body when a run is cut off after sending (the function answers duplicate)', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }]);
    decide(t, 'ev-001', 'Đạt');
    // The run dies before it can remember what it sent.
    const props = s.fakes.props;
    const setProperties = props.setProperties.bind(props);
    props.setProperties = (values: Record<string, string>, deleteAllOthers?: boolean) => {
      if (Object.keys(values).some((k) => k.startsWith('journey.poll.rows.')))
        throw new Error('Exception: Service unavailable: Properties');
      return setProperties(values, deleteAllOthers);
    };
    s.bundle.collectQueueDecisions();
    props.setProperties = setProperties;
    expect(s.fakes.log.messages('error').join('\n')).toMatch(
      new RegExp(`Không xử lý được 1 hàng chờ: ${POLLED}: .*Service unavailable: Properties`),
    );

    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    const sent = await evaluations();
    expect(sent.map((e) => e.answer)).toEqual(['accepted', 'duplicate']);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });
  it('does not send a decision whose row names no evaluator; sends it, naming them, once one is picked', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [{ id: 'ev-001' }]);
    type(t, 'ev-001', 'Đánh giá', 'Đạt');
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toEqual([]);
    expect(s.fakes.log.messages('warn').join('\n')).toContain(
      `Hàng chờ ${POLLED}, dòng 2: đánh giá chưa có tên ở cột "Người xác nhận"; chưa gửi.`,
    );

    await s.advance(10 * MINUTE);
    type(t, 'ev-001', 'Người xác nhận', EVALUATOR);
    s.bundle.collectQueueDecisions();
    expect((await evaluations()).map((e) => e.body)).toEqual([
      expect.objectContaining({
        evidenceId: 'ev-001',
        decision: 'approved',
        evaluatorEmail: EVALUATOR,
        evaluatorSource: 'named',
      }),
    ]);
  });
  it('does not take the name the function writes back with a recorded decision for a change (nor when the column first appears)', async () => {
    const s = await ready();
    const t = tab(s, POLLED);
    fill(t, [
      { id: 'ev-001', recorded: { decision: 'approved', comment: 'Tốt', by: EVALUATOR } },
      { id: 'ev-002', recorded: { decision: 'rejected', by: EVALUATOR } },
    ]);
    // Remembered as a tab written before 'Người xác nhận' existed: the cells empty.
    type(t, 'ev-001', 'Người xác nhận', '');
    type(t, 'ev-002', 'Người xác nhận', '');
    s.bundle.collectQueueDecisions();
    // The function's next full sync writes the recorded evaluator into the new column.
    await s.advance(10 * MINUTE);
    type(t, 'ev-001', 'Người xác nhận', EVALUATOR);
    type(t, 'ev-002', 'Người xác nhận', EVALUATOR);
    s.bundle.collectQueueDecisions();
    expect(await evaluations()).toEqual([]);
    // Another evaluator of the queue picking their name on a decided row is a decision of theirs.
    await s.advance(10 * MINUTE);
    type(t, 'ev-002', 'Người xác nhận', 'capuy5.pho@example.vn');
    s.bundle.collectQueueDecisions();
    expect((await evaluations()).map((e) => e.body)).toEqual([
      expect.objectContaining({ evidenceId: 'ev-002', decision: 'rejected', evaluatorEmail: 'capuy5.pho@example.vn' }),
    ]);
  });
  // Stopping before the 6-minute limit and resuming is tested with 200 queues (scale.test.ts): tabs are read and sent 20 at a time.
});
