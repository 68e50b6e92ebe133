// The queue edit trigger: a decision typed in a queue row becomes one Evaluation with the right queue, evidence, decision,
// a stable edit id, and its evaluator — the account Google names, or the e-mail picked in 'Người xác nhận'.
import { describe, expect, it } from 'vitest';
import type { Cell, EditEvent, FakeSheet, FakeSpreadsheet } from './fakes/spreadsheets';
import { PEOPLE, YEAR } from './fixtures/year-config';
import {
  MINUTE,
  newSandbox,
  OTHER_EDITOR,
  received,
  type Sandbox,
  type SandboxOptions,
  useJourneyServer,
} from './harness';

const journey = useJourneyServer();

const HEADER = [
  'Mã minh chứng',
  'Họ và tên',
  'Nhiệm vụ',
  'Ngày hoạt động',
  'Mô tả',
  'Đánh giá',
  'Nhận xét',
  'Người xác nhận',
  'Trạng thái',
];
/** The evaluator has picked their e-mail in 'Người xác nhận' on the first two rows; the third names nobody yet. */
const ROWS: Cell[][] = [
  ['ev-001', 'Nguyễn Văn An', 'RL2', '2019-03-10', 'Hiến máu tình nguyện', '', '', PEOPLE.bchSnv, 'Chờ đánh giá'],
  ['ev-002', 'Trần Thị Bình', 'RL1', '2019-03-26', 'Sinh hoạt chủ điểm', '', '', PEOPLE.bchSnv, 'Chờ đánh giá'],
  ['ev-003', 'Lê Văn Cường', 'RL2', '2019-04-02', 'Mùa hè xanh', '', '', '', 'Chờ đánh giá'],
];
const QUEUE = 'BCH_CO_SO:SNV';

interface Queue {
  spreadsheet: FakeSpreadsheet;
  sheet: FakeSheet;
  sheetName: string;
}

async function ready(
  header = HEADER,
  rows = ROWS,
  options: SandboxOptions & { queue?: string } = {},
): Promise<Sandbox & { queue: Queue }> {
  const s = await newSandbox(journey.server, options);
  s.bundle.setup();
  const ref = s.fakes.props.sheetsMap(YEAR)?.queues[options.queue ?? QUEUE];
  if (!ref) throw new Error('queue not registered');
  const spreadsheet = s.fakes.sheets.openById(ref.spreadsheetId);
  const sheet = spreadsheet.getSheetByName(ref.sheetName);
  if (!sheet) throw new Error('queue tab missing');
  // What the function writes into the queue tab.
  sheet.getRange(1, 1, 1, header.length).setValues([header]);
  sheet.getRange(2, 1, rows.length, header.length).setValues(rows);
  return { ...s, queue: { spreadsheet, sheet, sheetName: ref.sheetName } };
}

function edit(s: Sandbox & { queue: Queue }, a1: string, value: Cell, editor: string = PEOPLE.bchSnv): EditEvent {
  return s.fakes.sheets.edit(s.queue.spreadsheet, s.queue.sheetName, a1, value, editor);
}

async function evaluations(): Promise<Array<Record<string, unknown>>> {
  return (await received(journey.server, '/v1/evaluations')).map((r) => r.body as Record<string, unknown>);
}

describe('onQueueEdit', () => {
  it('turns "Đạt" in the decision column into an Evaluation for the queue this spreadsheet was registered for', async () => {
    const s = await ready();
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt'));

    const [sent] = await evaluations();
    expect(sent).toEqual({
      editId: expect.stringMatching(/^gs-[0-9a-f]{40}$/) as unknown,
      editedAt: expect.stringMatching(/^2019-01-15T08:3\d:\d\d\+07:00$/) as unknown,
      queue: QUEUE,
      evidenceId: 'ev-001',
      decision: 'approved',
      evaluatorEmail: PEOPLE.bchSnv,
      evaluatorSource: 'named',
    });
  });

  it.each([
    ['Không đạt', 'rejected'],
    ['Cần bổ sung', 'needs_info'],
    ['  cần   BỔ SUNG ', 'needs_info'],
  ])('maps "%s" to %s, with the comment of the row', async (label, decision) => {
    const s = await ready();
    s.queue.sheet.getRange('G3').setValue('Thiếu ảnh chụp buổi sinh hoạt');
    s.bundle.onQueueEdit(edit(s, 'F3', label));
    const [sent] = await evaluations();
    expect(sent).toMatchObject({ evidenceId: 'ev-002', decision, comment: 'Thiếu ảnh chụp buổi sinh hoạt' });
  });

  it('gives the same edit fired twice the same edit id and an identical body', async () => {
    const s = await ready();
    const event = edit(s, 'F2', 'Đạt');
    s.bundle.onQueueEdit(event);
    await s.advance(2000);
    s.bundle.onQueueEdit(event);

    const sent = await evaluations();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(
      (await received(journey.server, '/v1/evaluations')).map((r) => (r.answer as { status: string }).status),
    ).toEqual(['accepted', 'duplicate']);
  });

  it('gives different edits different ids, even back to an earlier decision (Đạt → Không đạt → Đạt)', async () => {
    const s = await ready();
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt'));
    await s.advance(MINUTE);
    s.bundle.onQueueEdit(edit(s, 'F2', 'Không đạt'));
    await s.advance(MINUTE);
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt'));
    await s.advance(MINUTE);
    s.bundle.onQueueEdit(edit(s, 'F3', 'Đạt'));

    const sent = await evaluations();
    expect(sent.map((e) => [e.evidenceId, e.decision])).toEqual([
      ['ev-001', 'approved'],
      ['ev-001', 'rejected'],
      ['ev-001', 'approved'],
      ['ev-002', 'approved'],
    ]);
    expect(new Set(sent.map((e) => e.editId)).size).toBe(4);
    expect(sent.map((e) => String(e.editedAt)).every((at, i, all) => i === 0 || at > (all[i - 1] ?? ''))).toBe(true);
  });

  it('sends a changed comment on a decided row as a new evaluation with that comment', async () => {
    const s = await ready();
    s.bundle.onQueueEdit(edit(s, 'F2', 'Cần bổ sung'));
    await s.advance(MINUTE);
    s.bundle.onQueueEdit(edit(s, 'G2', 'Bổ sung giấy xác nhận của đơn vị tổ chức'));
    const sent = await evaluations();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({
      evidenceId: 'ev-001',
      decision: 'needs_info',
      comment: 'Bổ sung giấy xác nhận của đơn vị tổ chức',
    });
    expect(sent[1]?.editId).not.toBe(sent[0]?.editId);
  });

  it('sends a pasted block of rows in one UrlFetchApp.fetchAll, one evaluation per decided row', async () => {
    const s = await ready();
    s.queue.sheet.getRange('F2:F4').setValues([['Đạt'], ['Không đạt'], ['']]);
    const range = s.queue.sheet.getRange('F2:F4');
    const single = s.fakes.fetch.single;
    const batches = s.fakes.fetch.batches.length;
    s.bundle.onQueueEdit({
      range,
      source: s.queue.spreadsheet,
      user: { getEmail: () => '' },
      authMode: 'FULL',
      triggerUid: 't',
    });
    expect((await evaluations()).map((e) => [e.evidenceId, e.decision])).toEqual([
      ['ev-001', 'approved'],
      ['ev-002', 'rejected'],
    ]);
    expect(s.fakes.fetch.single - single).toBe(0);
    expect(s.fakes.fetch.batches.slice(batches)).toEqual([2]);
  });

  it('finds the columns by their header text, wherever the function put them', async () => {
    const header = ['Trạng thái', 'Nhận xét', 'Người xác nhận', 'Họ và tên', 'Đánh giá', 'Mã minh chứng'];
    const s = await ready(header, [['Chờ đánh giá', 'Tốt', PEOPLE.bchSnv, 'Nguyễn Văn An', '', 'ev-009']]);
    s.bundle.onQueueEdit(edit(s, 'E2', 'Đạt'));
    expect(await evaluations()).toEqual([
      expect.objectContaining({
        evidenceId: 'ev-009',
        decision: 'approved',
        comment: 'Tốt',
        evaluatorEmail: PEOPLE.bchSnv,
      }),
    ]);
  });

  it('uses the account Session names when the event names none', async () => {
    const s = await ready();
    s.fakes.session.activeUser = PEOPLE.capUySnv;
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt', ''));
    const sent = await evaluations();
    expect(sent[0]).toMatchObject({ evaluatorEmail: PEOPLE.capUySnv, evaluatorSource: 'account' });
  });

  it('ignores the header row, other columns, an emptied decision, other tabs and unknown labels', async () => {
    const s = await ready();
    s.bundle.onQueueEdit(edit(s, 'F1', 'Đánh giá'));
    s.bundle.onQueueEdit(edit(s, 'E2', 'Mô tả đã sửa'));
    s.bundle.onQueueEdit(edit(s, 'I2', 'Đã xem'));
    s.bundle.onQueueEdit(edit(s, 'F2', ''));
    s.bundle.onQueueEdit(edit(s, 'G3', 'Nhận xét khi chưa có đánh giá'));
    s.bundle.onQueueEdit(edit(s, 'F4', 'Tốt lắm'));
    const notes = s.queue.spreadsheet.insertSheet('Ghi chú');
    notes.getRange(1, 1, 1, HEADER.length).setValues([HEADER]);
    notes.getRange(2, 1, 1, HEADER.length).setValues([ROWS[0] ?? []]);
    s.bundle.onQueueEdit(s.fakes.sheets.edit(s.queue.spreadsheet, 'Ghi chú', 'F2', 'Đạt', PEOPLE.bchSnv));

    expect(await evaluations()).toEqual([]);
    expect(s.queue.spreadsheet.toasts.map((t) => t.message)).toEqual([
      'Dòng 4: "Tốt lắm" không phải là một kết quả đánh giá. Vui lòng chọn Đạt, Không đạt hoặc Cần bổ sung.',
    ]);
  });

  it('tells the evaluator when the function refuses the decision (403), and does not retry it', async () => {
    const s = await ready();
    await journey.server.script({
      path: '/v1/evaluations',
      status: 403,
      body: {
        status: 'refused',
        id: '',
        errors: [
          {
            field: 'evaluatorEmail',
            code: 'evaluator_not_listed',
            message: 'Email người đánh giá không có trong danh sách của hàng chờ này',
          },
        ],
      },
    });
    s.queue.sheet.getRange('H2').setValue('nguoi.la@example.vn');
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt', 'nguoi.la@example.vn'));
    expect((await evaluations())[0]).toMatchObject({ evaluatorEmail: 'nguoi.la@example.vn', evaluatorSource: 'named' });
    expect(s.queue.spreadsheet.toasts.at(-1)?.message).toContain(
      'Email người đánh giá không có trong danh sách của hàng chờ này',
    );
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'))).toEqual([]);
  });

  it('queues the evaluation when the function is unavailable, and the drain sends the same body', async () => {
    const s = await ready();
    await journey.server.script({ path: '/v1/evaluations', status: 503 });
    s.bundle.onQueueEdit(edit(s, 'F2', 'Không đạt'));
    expect(s.queue.spreadsheet.toasts.at(-1)?.message).toBe(
      'Minh chứng ev-001: chưa gửi được đánh giá, hệ thống sẽ tự gửi lại.',
    );
    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    const sent = await received(journey.server, '/v1/evaluations');
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it('looks the queue up again when the cached map does not know the spreadsheet yet', async () => {
    const s = await ready();
    for (const key of s.fakes.props.getKeys())
      if (key.startsWith(`journey.sheets.${String(YEAR)}.`)) s.fakes.props.deleteProperty(key);
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt'));
    expect((await evaluations())[0]?.queue).toBe(QUEUE);
  });
});

describe('who decided, on each kind of account', () => {
  it('consumer account: Google gives no editor, so a decision waits for a name in "Người xác nhận", then names that evaluator', async () => {
    const s = await ready();
    // Row 4 names nobody; the evaluator is not the trigger's owner, and on a consumer account e.user is blank.
    const event = edit(s, 'F4', 'Đạt');
    expect(event.user.getEmail()).toBe('');
    s.bundle.onQueueEdit(event);
    expect(await evaluations()).toEqual([]);
    expect(s.queue.spreadsheet.toasts.at(-1)?.message).toBe(
      'Dòng 4: vui lòng chọn email của bạn ở cột "Người xác nhận". Đánh giá sẽ được gửi ngay khi có tên người xác nhận.',
    );

    await s.advance(MINUTE);
    s.bundle.onQueueEdit(edit(s, 'H4', PEOPLE.bchSnv));
    const sent = await evaluations();
    expect(sent).toEqual([
      expect.objectContaining({
        evidenceId: 'ev-003',
        decision: 'approved',
        evaluatorEmail: PEOPLE.bchSnv,
        evaluatorSource: 'named',
      }),
    ]);
  });

  it('Workspace account, same domain: the editor Google names is the evaluator, whatever the row names', async () => {
    const btvRows: Cell[][] = [
      ['ev-101', 'Phạm Thị Dung', 'BB3', '2019-05-19', 'Bài viết', '', '', PEOPLE.btv2, 'Chờ đánh giá'],
    ];
    const s = await ready(HEADER, btvRows, {
      account: { kind: 'workspace', domain: 'doankhoi.example.vn' },
      queue: 'BTV_DOAN_KHOI',
    });
    // A member of the committee signed in to the bloc's Workspace domain, the installer's.
    const editor = OTHER_EDITOR;
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt', editor));
    expect(await evaluations()).toEqual([
      expect.objectContaining({ queue: 'BTV_DOAN_KHOI', evaluatorEmail: editor, evaluatorSource: 'account' }),
    ]);
    expect(s.queue.spreadsheet.toasts.at(-1)?.message).toContain(`bạn đang đăng nhập bằng ${editor}`);
  });

  it('Workspace account, another domain: Google gives no editor either, and the row must name one', async () => {
    const s = await ready(HEADER, ROWS, { account: { kind: 'workspace', domain: 'doankhoi.example.vn' } });
    s.bundle.onQueueEdit(edit(s, 'F4', 'Đạt'));
    expect(await evaluations()).toEqual([]);
    s.bundle.onQueueEdit(edit(s, 'F2', 'Đạt'));
    expect(await evaluations()).toEqual([
      expect.objectContaining({ evidenceId: 'ev-001', evaluatorEmail: PEOPLE.bchSnv, evaluatorSource: 'named' }),
    ]);
  });
});
