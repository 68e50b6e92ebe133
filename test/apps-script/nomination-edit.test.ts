// The "Đề cử" tab of a base union's spreadsheet: an edit sends the unit's whole list, signed, once per edit, only when its rows are complete.
import { describe, expect, it } from 'vitest';
import type { FakeSpreadsheet } from './fakes/spreadsheets';
import { PEOPLE, YEAR } from './fixtures/year-config';
import { MINUTE, newSandbox, received, type Sandbox, useJourneyServer } from './harness';

const journey = useJourneyServer();
const PATH = `/v1/years/${String(YEAR)}/units/SO_NOI_VU/nominees`;

/** Set up, with the "Đề cử" tab the function's sync adds to the base union's spreadsheet (header only). */
async function ready(): Promise<Sandbox & { spreadsheet: FakeSpreadsheet }> {
  const s = await newSandbox(journey.server);
  s.bundle.setup();
  const map = s.fakes.props.json(`journey.sheets.${String(YEAR)}`) as { queues: Record<string, { spreadsheetId: string }> };
  const spreadsheet = s.fakes.sheets.openById(map.queues['BCH_CO_SO:SO_NOI_VU']?.spreadsheetId ?? '');
  spreadsheet.insertSheet('Đề cử').getRange(1, 1, 1, 2).setValues([['Họ và tên', 'Email']]);
  await journey.server.script({ method: 'PUT', path: PATH, status: 200, body: { status: 'accepted', id: '2019-SO_NOI_VU-nominees', errors: [] }, times: 10 });
  return { ...s, spreadsheet };
}

const type = (s: Sandbox & { spreadsheet: FakeSpreadsheet }, a1: string, value: string) => s.fakes.sheets.edit(s.spreadsheet, 'Đề cử', a1, value, PEOPLE.bchNoiVu);
const sent = async () => (await received(journey.server, PATH)).map((r) => ({ body: r.body as Record<string, unknown>, signatureError: r.signatureError }));

describe('onQueueEdit in the "Đề cử" tab', () => {
  it("sends the whole list as the unit's nominees, with the editor, signed, once the row is complete", async () => {
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
      editedAt: '2019-01-15T08:30:00+07:00',
      nominees: [
        { fullName: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' },
        { fullName: 'Trần Thị Bình', email: 'binh.tran@example.vn' },
      ],
      editorEmail: PEOPLE.bchNoiVu,
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
    queue?.getRange(1, 1, 2, 2).setValues([['Mã minh chứng', 'Đánh giá'], ['ev-001', '']]);
    s.bundle.onQueueEdit(s.fakes.sheets.edit(s.spreadsheet, 'Hàng chờ đánh giá', 'B2', 'Đạt', PEOPLE.bchNoiVu));
    expect(await sent()).toEqual([]);
    expect((await received(journey.server, '/v1/evaluations')).map((r) => (r.body as { evidenceId: string }).evidenceId)).toEqual(['ev-001']);
  });
});
