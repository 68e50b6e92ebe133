// The "Đề cử" tab of a base union's spreadsheet: an edit sends the unit's whole list, signed, once per edit, only when its rows are complete.
import { describe, expect, it } from 'vitest';
import type { FakeSpreadsheet } from './fakes/spreadsheets';
import { PEOPLE, yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { MINUTE, newSandbox, received, type Sandbox, useJourneyServer } from './harness';

const journey = useJourneyServer();
const PATH = `/v1/years/${String(YEAR)}/units/SNV/nominees`;

/** Set up, with the "Đề cử" tab the function's sync adds to the base union's spreadsheet (header only). */
async function ready(): Promise<Sandbox & { spreadsheet: FakeSpreadsheet }> {
  const s = await newSandbox(journey.server);
  s.bundle.setup();
  const map = s.fakes.props.sheetsMap(YEAR) ?? expect.fail('no sheets map');
  const spreadsheet = s.fakes.sheets.openById(map.queues['BCH_CO_SO:SNV']?.spreadsheetId ?? '');
  spreadsheet
    .insertSheet('Đề cử')
    .getRange(1, 1, 1, 2)
    .setValues([['Họ và tên', 'Email']]);
  await journey.server.script({
    method: 'PUT',
    path: PATH,
    status: 200,
    body: { status: 'accepted', id: '2019-SNV-nominees', errors: [] },
    times: 10,
  });
  return { ...s, spreadsheet };
}

const type = (s: Sandbox & { spreadsheet: FakeSpreadsheet }, a1: string, value: string) =>
  s.fakes.sheets.edit(s.spreadsheet, 'Đề cử', a1, value, PEOPLE.bchSnv);
const sent = async () =>
  (await received(journey.server, PATH)).map((r) => ({
    body: r.body as Record<string, unknown>,
    signatureError: r.signatureError,
  }));

describe('onQueueEdit in the "Đề cử" tab', () => {
  it("sends the whole list as the unit's nominees, signed, once the row is complete (no editor: Google names none on a consumer account)", async () => {
    const s = await ready();
    s.bundle.onQueueEdit(type(s, 'A2', 'Nguyễn Văn An'));
    expect(await sent()).toEqual([]);
    expect(s.spreadsheet.toasts.at(-1)?.message).toContain('Dòng 2 chưa có đủ họ tên và email hợp lệ');

    s.bundle.onQueueEdit(type(s, 'B2', ' An.Nguyen@Example.vn '));
    s.bundle.onQueueEdit(type(s, 'A3', 'Trần Thị Bình'));
    s.bundle.onQueueEdit(type(s, 'B3', 'binh.tran@example.vn'));

    const bodies = await sent();
    expect(bodies.map((b) => b.signatureError)).toEqual([null, null]);
    expect(bodies.at(-1)?.body).toEqual({
      editId: expect.stringMatching(/^gs-[0-9a-f]{40}$/) as unknown,
      editedAt: expect.stringMatching(/^2019-01-15T08:3\d:\d\d\+07:00$/) as unknown,
      nominees: [
        { fullName: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' },
        { fullName: 'Trần Thị Bình', email: 'binh.tran@example.vn' },
      ],
    });
    expect(s.spreadsheet.toasts.at(-1)?.message).toBe('Đã ghi nhận danh sách đề cử (2 người).');
  });

  it('gives a trigger fired twice the same edit id, and a later edit of the same list a new one', async () => {
    const s = await ready();
    type(s, 'A2', 'Nguyễn Văn An');
    const event = type(s, 'B2', 'an.nguyen@example.vn');
    s.bundle.onQueueEdit(event);
    s.bundle.onQueueEdit(event);
    await s.advance(30 * MINUTE);
    s.bundle.onQueueEdit(event);
    const ids = (await sent()).map((b) => b.body.editId);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('leaves decisions in the queue tab to the queue trigger', async () => {
    const s = await ready();
    const queue = s.spreadsheet.getSheetByName('Hàng chờ đánh giá');
    queue?.getRange(1, 1, 2, 3).setValues([
      ['Mã minh chứng', 'Đánh giá', 'Người xác nhận'],
      ['ev-001', '', PEOPLE.bchSnv],
    ]);
    s.bundle.onQueueEdit(s.fakes.sheets.edit(s.spreadsheet, 'Hàng chờ đánh giá', 'B2', 'Đạt', PEOPLE.bchSnv));
    expect(await sent()).toEqual([]);
    expect(
      (await received(journey.server, '/v1/evaluations')).map((r) => (r.body as { evidenceId: string }).evidenceId),
    ).toEqual(['ev-001']);
  });
});

// 24 units: more base union spreadsheets than the 20-trigger quota leaves edit triggers for, so some are polled.
const MANY_UNITS = Array.from({ length: 24 }, (_, i) => ({
  id: `DON_VI_${String(i + 1)}`,
  name: `Đoàn cơ sở số ${String(i + 1)}`,
  evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
}));

describe('collectQueueDecisions and the "Đề cử" tab of a base union without an edit trigger', () => {
  it('sends a list typed there once, not an empty tab never typed in, and again only when it changes', async () => {
    const input = yearConfigInput();
    const s = await newSandbox(journey.server, {
      config: yearConfig({ ...input, units: MANY_UNITS, groups: (input.groups as unknown[]).slice(0, 1) }),
    });
    s.bundle.setup();
    const map = s.fakes.props.sheetsMap(YEAR) ?? expect.fail('no sheets map');
    const watched = new Set(s.fakes.scripts.triggers.map((t) => t.getTriggerSourceId()));
    const polled = Object.entries(map.queues).filter(
      ([queue, ref]) => queue.startsWith('BCH_CO_SO:') && !watched.has(ref.spreadsheetId),
    );
    expect(polled.length).toBeGreaterThan(0);
    const [queue, ref] = polled[0] ?? expect.fail('no polled base union');
    const unit = queue.slice('BCH_CO_SO:'.length);
    const path = `/v1/years/${String(YEAR)}/units/${unit}/nominees`;
    await journey.server.script({
      method: 'PUT',
      path,
      status: 200,
      body: { status: 'accepted', id: `2019-${unit}-nominees`, errors: [] },
      times: 10,
    });
    const spreadsheet = s.fakes.sheets.openById(ref.spreadsheetId);
    const tab = spreadsheet.insertSheet('Đề cử');
    tab.getRange(1, 1, 1, 2).setValues([['Họ và tên', 'Email']]);
    const lists = async () =>
      (await received(journey.server, path)).map((r) => (r.body as { nominees: unknown[] }).nominees);

    // The tab as the function made it, header only: nothing to send (an empty list would close the unit's registration).
    const opened = s.fakes.sheets.calls.openById;
    s.bundle.collectQueueDecisions();
    expect(await lists()).toEqual([]);

    await s.advance(10 * MINUTE);
    tab.getRange(2, 1, 1, 2).setValues([['Nguyễn Văn An', 'An.Nguyen@example.vn']]);
    await s.advance(MINUTE);
    // Looked at hourly: not in the next pass, in the first one an hour after the last look.
    s.bundle.collectQueueDecisions();
    expect(await lists()).toEqual([]);
    await s.advance(50 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect(await lists()).toEqual([[{ fullName: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' }]]);
    // Read through the Sheets API, in the poller's batches: the spreadsheet itself was not opened.
    expect(s.fakes.sheets.calls.openById).toBe(opened);

    // Nothing changed: nothing sent, however often it runs; a second nominee: the whole list again.
    await s.advance(61 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect(await lists()).toHaveLength(1);
    tab.getRange(3, 1, 1, 2).setValues([['Trần Thị Bình', 'binh.tran@example.vn']]);
    await s.advance(61 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect((await lists()).at(-1)).toEqual([
      { fullName: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' },
      { fullName: 'Trần Thị Bình', email: 'binh.tran@example.vn' },
    ]);
  });
});
