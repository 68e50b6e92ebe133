// The local Sheets stand-in answers the real @googleapis/sheets client as Google would (SPEC §5).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { createSheetsStandIn, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { failure } from './sheets-client-failure';

let running: RunningSheetsStandIn;
let api: sheets_v4.Sheets;

beforeAll(async () => {
  running = await startSheetsStandIn();
  // No auth: the SDK then sends plain requests, which is what the local stack does.
  api = sheets({ version: 'v4', rootUrl: running.url, retry: false });
});

/**
 * Per-call options every call needs: googleapis-common keeps only the origin of a constructor
 * rootUrl (it rebuilds the URL from Google's default and re-bases its absolute path), so the
 * /_local/sheets/ prefix survives only when rootUrl is also given per call. The adapter does this.
 */
const at = (): { rootUrl: string } => ({ rootUrl: running.url });

afterAll(async () => {
  await running.close();
});

beforeEach(() => {
  running.standIn.reset();
  running.standIn.resetStats();
  running.standIn.clearFaults();
});

async function createBook(title = 'Sổ theo dõi', tabs: string[] = []): Promise<string> {
  const res = await api.spreadsheets.create(
    {
      requestBody: { properties: { title }, sheets: tabs.map((t) => ({ properties: { title: t } })) },
    },
    at(),
  );
  const id = res.data.spreadsheetId;
  if (!id) throw new Error('no spreadsheetId');
  return id;
}

function model(spreadsheetId: string) {
  const ss = running.standIn.getSpreadsheet(spreadsheetId);
  if (!ss) throw new Error(`no spreadsheet ${spreadsheetId}`);
  return ss;
}

function tab(spreadsheetId: string, title: string) {
  const found = model(spreadsheetId).tabs.find((t) => t.properties.title === title);
  if (!found) throw new Error(`no tab ${title}`);
  return found;
}

async function page(path: string): Promise<{ status: number; html: string; type: string }> {
  const res = await fetch(new URL(path, running.url));
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '' };
}

describe('spreadsheets.create and get', () => {
  it('creates a spreadsheet with Google defaults: Sheet1, id 0, 1000 × 26', async () => {
    const res = await api.spreadsheets.create({ requestBody: { properties: { title: 'Hành trình 2025' } } }, at());
    expect(res.status).toBe(200);
    expect(res.data.properties?.title).toBe('Hành trình 2025');
    expect(res.data.spreadsheetId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(res.data.sheets?.map((s) => s.properties)).toEqual([
      { sheetId: 0, title: 'Sheet1', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
    ]);
    expect(res.data.spreadsheetUrl).toBe(`${running.url}${res.data.spreadsheetId ?? ''}`);
  });

  it('creates the tabs asked for, in order, and get returns them', async () => {
    const id = await createBook('Sổ', ['Đăng ký', 'Minh chứng', 'Kết quả']);
    const res = await api.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties' }, at());
    expect(res.data.sheets?.map((s) => [s.properties?.title, s.properties?.index])).toEqual([
      ['Đăng ký', 0],
      ['Minh chứng', 1],
      ['Kết quả', 2],
    ]);
    expect(res.data.sheets?.[0]?.properties?.sheetId).toBe(0);
  });

  it('returns grid data for the ranges asked, only for their tabs', async () => {
    const id = await createBook('Sổ', ['A tab', 'Khác']);
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: "'A tab'!A1",
        valueInputOption: 'USER_ENTERED',
        requestBody: { values: [['Tên', 3, '=B1*2']] },
      },
      at(),
    );
    const res = await api.spreadsheets.get(
      { spreadsheetId: id, includeGridData: true, ranges: ["'A tab'!A1:C2"] },
      at(),
    );
    expect(res.data.sheets).toHaveLength(1);
    const data = res.data.sheets?.[0]?.data?.[0];
    expect(data?.rowData?.[0]?.values).toEqual([
      { userEnteredValue: { stringValue: 'Tên' }, effectiveValue: { stringValue: 'Tên' }, formattedValue: 'Tên' },
      { userEnteredValue: { numberValue: 3 }, effectiveValue: { numberValue: 3 }, formattedValue: '3' },
      { userEnteredValue: { formulaValue: '=B1*2' }, effectiveValue: { numberValue: 6 }, formattedValue: '6' },
    ]);
    expect(data?.rowMetadata).toHaveLength(2);
    expect(data?.columnMetadata).toHaveLength(3);
  });

  it('explains the 404 when a client drops the /_local/sheets prefix (constructor-only rootUrl)', async () => {
    const result = await failure(api.spreadsheets.get({ spreadsheetId: 'abc' }));
    expect(result.status).toBe(404);
    expect(result.message).toContain('rootUrl');
  });

  it('answers 404 NOT_FOUND for an unknown spreadsheet', async () => {
    const result = await failure(api.spreadsheets.get({ spreadsheetId: 'khong-co' }, at()));
    expect(result.status).toBe(404);
    expect(result.message).toBe('Requested entity was not found.');
    expect(result.body).toEqual({
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
  });
});

describe('values', () => {
  it('updates a Vietnamese-named tab added by batchUpdate and reads it back trimmed', async () => {
    const id = await createBook();
    const added = await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            { addSheet: { properties: { title: 'Kết quả', gridProperties: { rowCount: 50, columnCount: 5 } } } },
          ],
        },
      },
      at(),
    );
    const props = added.data.replies?.[0]?.addSheet?.properties;
    expect(props?.title).toBe('Kết quả');
    expect(typeof props?.sheetId).toBe('number');
    expect(props?.sheetId).not.toBe(0);
    expect(props?.index).toBe(1);

    const update = await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: "'Kết quả'!A1:C3",
        valueInputOption: 'USER_ENTERED',
        requestBody: {
          values: [
            ['Họ tên', 'Điểm', 'Xếp loại'],
            ['Nguyễn Văn A', '8.5', 'Tốt'],
            ['Trần Thị B', 7],
          ],
        },
      },
      at(),
    );
    expect(update.data).toEqual({
      spreadsheetId: id,
      updatedRange: "'Kết quả'!A1:C3",
      updatedRows: 3,
      updatedColumns: 3,
      updatedCells: 8,
    });

    const read = await api.spreadsheets.values.get({ spreadsheetId: id, range: "'Kết quả'!A1:E10" }, at());
    expect(read.data).toEqual({
      range: "'Kết quả'!A1:E10",
      majorDimension: 'ROWS',
      values: [
        ['Họ tên', 'Điểm', 'Xếp loại'],
        ['Nguyễn Văn A', '8.5', 'Tốt'],
        ['Trần Thị B', '7'],
      ],
    });
    const typed = await api.spreadsheets.values.get(
      { spreadsheetId: id, range: 'Kết quả', valueRenderOption: 'UNFORMATTED_VALUE' },
      at(),
    );
    expect(typed.data.range).toBe("'Kết quả'!A1:E50");
    expect(typed.data.values?.[1]).toEqual(['Nguyễn Văn A', 8.5, 'Tốt']);
    expect(tab(id, 'Kết quả').values).toEqual([
      ['Họ tên', 'Điểm', 'Xếp loại'],
      ['Nguyễn Văn A', 8.5, 'Tốt'],
      ['Trần Thị B', 7],
    ]);
  });

  it('keeps a formula-looking string written RAW as text, and makes a formula of it USER_ENTERED', async () => {
    const id = await createBook();
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'Sheet1!A1',
        valueInputOption: 'RAW',
        requestBody: { values: [['=HYPERLINK("http://x","bấm")', '0123', "'lời"]] },
      },
      at(),
    );
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'Sheet1!A2',
        valueInputOption: 'USER_ENTERED',
        requestBody: { values: [['=SUM(1,2)', '0123', "'lời", 'true', '12%']] },
      },
      at(),
    );
    expect(tab(id, 'Sheet1').values).toEqual([
      ['=HYPERLINK("http://x","bấm")', '0123', "'lời"],
      [{ formula: '=SUM(1,2)' }, 123, 'lời', true, 0.12],
    ]);
    const formulas = await api.spreadsheets.values.get(
      { spreadsheetId: id, range: 'A1:E2', valueRenderOption: 'FORMULA' },
      at(),
    );
    expect(formulas.data.values).toEqual([
      ['=HYPERLINK("http://x","bấm")', '0123', "'lời"],
      ['=SUM(1,2)', 123, 'lời', true, 0.12],
    ]);
  });

  it('writes several ranges with values.batchUpdate and reads them with batchGet', async () => {
    const id = await createBook('Sổ', ['Nhật ký', 'Tổng']);
    const res = await api.spreadsheets.values.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          valueInputOption: 'RAW',
          data: [
            {
              range: 'Nhật ký!A1',
              values: [
                ['a', 'b'],
                ['c', 'd'],
              ],
            },
            { range: "'Tổng'!B2:B3", majorDimension: 'COLUMNS', values: [[10, 20]] },
          ],
        },
      },
      at(),
    );
    expect(res.data.totalUpdatedCells).toBe(6);
    expect(res.data.totalUpdatedSheets).toBe(2);
    expect(res.data.responses?.map((r) => r.updatedRange)).toEqual(["'Nhật ký'!A1:B2", "'Tổng'!B2:B3"]);

    const got = await api.spreadsheets.values.batchGet(
      {
        spreadsheetId: id,
        ranges: ["'Nhật ký'!A:B", 'Tổng!A1:B3'],
        majorDimension: 'COLUMNS',
        valueRenderOption: 'UNFORMATTED_VALUE',
      },
      at(),
    );
    expect(got.data.valueRanges).toEqual([
      {
        range: "'Nhật ký'!A1:B1000",
        majorDimension: 'COLUMNS',
        values: [
          ['a', 'c'],
          ['b', 'd'],
        ],
      },
      { range: "'Tổng'!A1:B3", majorDimension: 'COLUMNS', values: [[], ['', 10, 20]] },
    ]);
  });

  it('appends after the table, grows the grid for new rows, and is counted', async () => {
    const id = await createBook();
    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              updateSheetProperties: {
                properties: { sheetId: 0, gridProperties: { rowCount: 3 } },
                fields: 'gridProperties.rowCount',
              },
            },
          ],
        },
      },
      at(),
    );
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'Sheet1!A1',
        valueInputOption: 'RAW',
        requestBody: {
          values: [
            ['Mã', 'Tên'],
            ['1', 'An'],
          ],
        },
      },
      at(),
    );
    const appended = await api.spreadsheets.values.append(
      {
        spreadsheetId: id,
        range: 'Sheet1!A:B',
        valueInputOption: 'RAW',
        requestBody: {
          values: [
            ['2', 'Bình'],
            ['3', 'Chi'],
          ],
        },
      },
      at(),
    );
    expect(appended.data.tableRange).toBe('Sheet1!A1:B2');
    expect(appended.data.updates).toEqual({
      spreadsheetId: id,
      updatedRange: 'Sheet1!A3:B4',
      updatedRows: 2,
      updatedColumns: 2,
      updatedCells: 4,
    });
    expect(tab(id, 'Sheet1').properties.gridProperties.rowCount).toBe(4);
    const read = await api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1' }, at());
    expect(read.data.values).toEqual([
      ['Mã', 'Tên'],
      ['1', 'An'],
      ['2', 'Bình'],
      ['3', 'Chi'],
    ]);
    expect(running.standIn.stats().byEndpoint['POST spreadsheets.values.append']).toBe(1);
    expect(running.standIn.stats().cellsWritten).toBe(8);
  });

  it('clears values only, and batchClear clears several ranges', async () => {
    const id = await createBook('Sổ', ['Một', 'Hai']);
    await api.spreadsheets.values.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          valueInputOption: 'RAW',
          data: [
            { range: 'Một!A1', values: [[1, 2, 3]] },
            { range: 'Hai!A1', values: [['x'], ['y']] },
          ],
        },
      },
      at(),
    );
    const cleared = await api.spreadsheets.values.clear(
      { spreadsheetId: id, range: 'Một!B1:C1', requestBody: {} },
      at(),
    );
    expect(cleared.data).toEqual({ spreadsheetId: id, clearedRange: "'Một'!B1:C1" });
    expect(tab(id, 'Một').values).toEqual([[1]]);
    const batch = await api.spreadsheets.values.batchClear(
      { spreadsheetId: id, requestBody: { ranges: ['Một', "'Hai'!A2"] } },
      at(),
    );
    expect(batch.data.clearedRanges).toEqual(["'Một'!A1:Z1000", 'Hai!A2']);
    expect(tab(id, 'Một').values).toEqual([]);
    expect(tab(id, 'Hai').values).toEqual([['x']]);
  });

  it('answers a bad range or an unknown sheet with Google’s 400', async () => {
    const id = await createBook();
    for (const range of ['Foo!A1', 'Sheet1!A0', 'Sheet1!A1:B2:C3']) {
      const result = await failure(api.spreadsheets.values.get({ spreadsheetId: id, range }, at()));
      expect(result.status).toBe(400);
      expect(result.message).toBe(`Unable to parse range: ${range}`);
      expect(result.body).toEqual({
        error: { code: 400, message: `Unable to parse range: ${range}`, status: 'INVALID_ARGUMENT' },
      });
    }
  });

  it('refuses writes past the grid or past the range, as Google does', async () => {
    const id = await createBook();
    const beyond = await failure(
      api.spreadsheets.values.update(
        {
          spreadsheetId: id,
          range: 'Sheet1!Z1000',
          valueInputOption: 'RAW',
          requestBody: {
            values: [
              [1, 2],
              [3, 4],
            ],
          },
        },
        at(),
      ),
    );
    expect(beyond.status).toBe(400);
    expect(beyond.message).toBe('Range (Sheet1!AA1000) exceeds grid limits. Max rows: 1000, max columns: 26');
    const outside = await failure(
      api.spreadsheets.values.update(
        { spreadsheetId: id, range: 'Sheet1!A1:B2', valueInputOption: 'RAW', requestBody: { values: [[1], [2], [3]] } },
        at(),
      ),
    );
    expect(outside.message).toBe('Requested writing within range [Sheet1!A1:B2], but tried writing to row [3]');
    const noOption = await failure(
      api.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', requestBody: { values: [[1]] } }, at()),
    );
    expect(noOption.message).toBe("'valueInputOption' is required but not specified");
    expect(model(id).tabs[0]?.values).toEqual([]);
  });
});

describe('batchUpdate', () => {
  it('keeps dropdowns, protected ranges, rules and charts in the model and shows them on the page', async () => {
    const id = await createBook('Sổ <điểm> & "chấm"', ['Kết quả']);
    const sheetId = model(id).tabs[0]?.properties.sheetId ?? -1;
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: "'Kết quả'!A1",
        valueInputOption: 'RAW',
        requestBody: {
          values: [
            ['Chi đoàn', 'Điểm', 'Đánh giá'],
            ['<script>alert(1)</script>', 8],
            ['Chi đoàn 2', 6],
          ],
        },
      },
      at(),
    );
    const res = await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              setDataValidation: {
                range: { sheetId, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 },
                rule: {
                  condition: {
                    type: 'ONE_OF_LIST',
                    values: [{ userEnteredValue: 'Đạt' }, { userEnteredValue: 'Chưa đạt' }],
                  },
                  strict: true,
                  showCustomUi: true,
                },
              },
            },
            {
              addProtectedRange: {
                protectedRange: {
                  range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
                  description: 'Tiêu đề cột',
                  warningOnly: true,
                },
              },
            },
            {
              addConditionalFormatRule: {
                index: 0,
                rule: {
                  ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 }],
                  booleanRule: {
                    condition: { type: 'NUMBER_LESS', values: [{ userEnteredValue: '7' }] },
                    format: { backgroundColor: { red: 1, green: 0.8, blue: 0.8 } },
                  },
                },
              },
            },
            {
              addChart: {
                chart: {
                  spec: {
                    title: 'Điểm theo chi đoàn',
                    basicChart: {
                      chartType: 'COLUMN',
                      headerCount: 1,
                      domains: [
                        {
                          domain: {
                            sourceRange: {
                              sources: [
                                { sheetId, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 },
                              ],
                            },
                          },
                        },
                      ],
                      series: [
                        {
                          series: {
                            sourceRange: {
                              sources: [
                                { sheetId, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 2 },
                              ],
                            },
                          },
                        },
                      ],
                    },
                  },
                  position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 0, columnIndex: 4 } } },
                },
              },
            },
          ],
        },
      },
      at(),
    );
    const [validationReply, protectedReply, ruleReply, chartReply] = res.data.replies ?? [];
    expect(validationReply).toEqual({});
    expect(ruleReply).toEqual({});
    const protectedRangeId = protectedReply?.addProtectedRange?.protectedRange?.protectedRangeId;
    expect(protectedReply?.addProtectedRange?.protectedRange).toMatchObject({
      protectedRangeId: expect.any(Number) as unknown,
      description: 'Tiêu đề cột',
      warningOnly: true,
      requestingUserCanEdit: true,
      range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
    });
    const chartId = chartReply?.addChart?.chart?.chartId;
    expect(typeof chartId).toBe('number');

    const results = tab(id, 'Kết quả');
    expect(results.dataValidations[1]?.[2]?.condition?.values).toEqual([
      { userEnteredValue: 'Đạt' },
      { userEnteredValue: 'Chưa đạt' },
    ]);
    expect(results.dataValidations[0]?.[2] ?? null).toBeNull();
    expect(results.protectedRanges.map((pr) => pr.protectedRangeId)).toEqual([protectedRangeId]);
    expect(results.conditionalFormats).toHaveLength(1);
    expect(results.charts.map((c) => c.chartId)).toEqual([chartId]);

    const got = await api.spreadsheets.get({ spreadsheetId: id }, at());
    expect(got.data.sheets?.[0]?.protectedRanges?.[0]?.protectedRangeId).toBe(protectedRangeId);
    expect(got.data.sheets?.[0]?.charts?.[0]?.spec?.title).toBe('Điểm theo chi đoàn');
    expect(got.data.sheets?.[0]?.conditionalFormats?.[0]?.booleanRule?.condition?.type).toBe('NUMBER_LESS');

    const { status, html, type } = await page(id);
    expect(status).toBe(200);
    expect(type).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Bảng tính: Sổ &lt;điểm&gt; &amp; &quot;chấm&quot;');
    expect(html).toContain('Trang tính: Kết quả');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Lựa chọn: Danh sách: Đạt, Chưa đạt');
    expect(html).toMatch(/<code>C2:C3<\/code> — Danh sách: Đạt, Chưa đạt/);
    expect(html).toContain('Vùng được bảo vệ');
    expect(html).toContain('<code>&#39;Kết quả&#39;!A1:Z1</code> — Tiêu đề cột — chỉ cảnh báo khi sửa');
    expect(html).toContain('class="protected"');
    expect(html).toContain('Định dạng có điều kiện');
    expect(html).toContain('Số nhỏ hơn: 7');
    expect(html).toContain('Biểu đồ');
    expect(html).toContain('<figcaption>Điểm theo chi đoàn</figcaption>');
    // Two data rows under the header row: two columns in the SVG, named after the domain.
    expect(
      html.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#4285f4"><title>/g),
    ).toHaveLength(2);
    expect(html).toContain('Chi đoàn 2 — Điểm: 6');
    // Two labels fit their columns: upright.
    expect(html).not.toContain('rotate(');

    const missing = await page('khong-co');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Không tìm thấy bảng tính');

    const index = await page('');
    expect(index.status).toBe(200);
    expect(index.html).toContain(`href="/_local/sheets/${id}"`);
    expect(index.html).toContain('Sổ &lt;điểm&gt; &amp; &quot;chấm&quot;');
    expect(index.html).toContain('Bảng tính');
  });

  it('updates sheet properties through a field mask and moves ranges when rows are deleted', async () => {
    const id = await createBook();
    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              updateSheetProperties: {
                properties: { sheetId: 0, title: 'Đổi tên', gridProperties: { frozenRowCount: 1, rowCount: 5 } },
                fields: 'title,gridProperties.frozenRowCount',
              },
            },
            { addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 4, endRowIndex: 6 } } } },
            {
              updateDimensionProperties: {
                range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 },
                properties: { pixelSize: 180 },
                fields: 'pixelSize',
              },
            },
            { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 4 } },
          ],
        },
      },
      at(),
    );
    const props = model(id).tabs[0]?.properties;
    expect(props?.title).toBe('Đổi tên');
    expect(props?.gridProperties).toEqual({ rowCount: 1000, columnCount: 30, frozenRowCount: 1 });
    expect(model(id).tabs[0]?.columnMetadata).toEqual([{ pixelSize: 180 }, { pixelSize: 180 }]);

    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 2 } } }],
        },
      },
      at(),
    );
    const after = model(id).tabs[0];
    expect(after?.properties.gridProperties.rowCount).toBe(998);
    expect(after?.protectedRanges[0]?.range).toMatchObject({ startRowIndex: 2, endRowIndex: 4 });
  });

  it('applies a batch all or nothing and names the failing request like Google', async () => {
    const id = await createBook();
    const result = await failure(
      api.spreadsheets.batchUpdate(
        {
          spreadsheetId: id,
          requestBody: {
            requests: [
              { addSheet: { properties: { title: 'Mới' } } },
              { addSheet: { properties: { title: 'Sheet1' } } },
            ],
          },
        },
        at(),
      ),
    );
    expect(result.status).toBe(400);
    expect(result.message).toBe(
      'Invalid requests[1].addSheet: A sheet with the name "Sheet1" already exists. Please enter another name.',
    );
    expect(model(id).tabs.map((t) => t.properties.title)).toEqual(['Sheet1']);

    const last = await failure(
      api.spreadsheets.batchUpdate(
        { spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: 0 } }] } },
        at(),
      ),
    );
    expect(last.message).toBe("Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.");

    const malformed = await failure(
      api.spreadsheets.batchUpdate(
        { spreadsheetId: id, requestBody: { requests: [{ updateCells: { rows: 'x' as never, fields: '*' } }] } },
        at(),
      ),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.message).toContain("Invalid value at 'requests[0].updateCells.rows'");
    const unknown = await failure(
      api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ pasteData: {} }] } }, at()),
    );
    expect(unknown.message).toBe(
      'Invalid JSON payload received. Unknown name "pasteData" at \'requests[0]\': Cannot find field.',
    );
  });

  it('auto-resizes columns to their text and inserts rows below data', async () => {
    const id = await createBook();
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'A1',
        valueInputOption: 'RAW',
        requestBody: { values: [['Xin chào các bạn'], ['x']] },
      },
      at(),
    );
    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            { autoResizeDimensions: { dimensions: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } } },
            { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } },
          ],
        },
      },
      at(),
    );
    const sheet = model(id).tabs[0];
    expect(sheet?.columnMetadata).toEqual([{ pixelSize: 16 * 7 + 10 }, { pixelSize: 100 }]);
    expect(sheet?.values).toEqual([['Xin chào các bạn'], [], [], ['x']]);
    expect(sheet?.properties.gridProperties.rowCount).toBe(1002);
  });

  it('writes cells and formats with updateCells and repeatCell', async () => {
    const id = await createBook();
    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              updateCells: {
                start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
                rows: [
                  {
                    values: [
                      { userEnteredValue: { stringValue: 'Tiêu đề' } },
                      { userEnteredValue: { numberValue: 2 }, note: 'ghi chú' },
                    ],
                  },
                ],
                fields: 'userEnteredValue,note',
              },
            },
            {
              repeatCell: {
                range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
                cell: { userEnteredFormat: { textFormat: { bold: true } } },
                fields: 'userEnteredFormat.textFormat.bold',
              },
            },
          ],
        },
      },
      at(),
    );
    const sheet = model(id).tabs[0];
    expect(sheet?.values).toEqual([['Tiêu đề', 2]]);
    expect(sheet?.notes).toEqual([[null, 'ghi chú']]);
    expect(sheet?.formats[0]).toHaveLength(26);
    expect(sheet?.formats[0]?.[25]).toEqual({ textFormat: { bold: true } });
  });

  it('slants a chart’s category labels when they do not fit their columns, within the chart', async () => {
    const id = await createBook();
    const units = Array.from({ length: 9 }, (_, i) => [`Đoàn Ủy ban nhân dân số ${String(i + 1)}`, i + 3]);
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'A1',
        valueInputOption: 'RAW',
        requestBody: { values: [['Đơn vị', 'Số'], ...units] },
      },
      at(),
    );
    const column = (c: number) => ({
      sourceRange: {
        sources: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 10, startColumnIndex: c, endColumnIndex: c + 1 }],
      },
    });
    const spec = {
      title: 'Theo đơn vị',
      basicChart: {
        chartType: 'COLUMN',
        headerCount: 1,
        domains: [{ domain: column(0) }],
        series: [{ series: column(1) }],
      },
    };
    const anchorCell = { sheetId: 0, rowIndex: 0, columnIndex: 4 };
    await api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: { requests: [{ addChart: { chart: { spec, position: { overlayPosition: { anchorCell } } } } }] },
      },
      at(),
    );
    const { html } = await page(id);
    expect(html.match(/text-anchor="end" transform="rotate\(-35 /g)).toHaveLength(9);
    expect(html).toContain('viewBox="0 0 520 260"');
  });

  it('shows a number under a PERCENT format as Google does, wherever a formatted value is read', async () => {
    const id = await createBook();
    await api.spreadsheets.values.update(
      {
        spreadsheetId: id,
        range: 'A1:C1',
        valueInputOption: 'USER_ENTERED',
        requestBody: { values: [[0.35, '=A1/2', 0.125]] },
      },
      at(),
    );
    const percent = (column: number, pattern: string) => ({
      repeatCell: {
        range: { sheetId: 0, startColumnIndex: column, endColumnIndex: column + 1 },
        cell: { userEnteredFormat: { numberFormat: { type: 'PERCENT', pattern } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    });
    await api.spreadsheets.batchUpdate(
      { spreadsheetId: id, requestBody: { requests: [percent(0, '0.0%'), percent(1, '0%'), percent(2, '')] } },
      at(),
    );
    const formatted = await api.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:C1' }, at());
    // A plain value, a formula's value, and Google's default pattern (0.00%) when none is given.
    expect(formatted.data.values).toEqual([['35.0%', '18%', '12.50%']]);
    const raw = await api.spreadsheets.values.get(
      { spreadsheetId: id, range: 'A1:C1', valueRenderOption: 'UNFORMATTED_VALUE' },
      at(),
    );
    expect(raw.data.values).toEqual([[0.35, 0.175, 0.125]]);
    const grid = await api.spreadsheets.get({ spreadsheetId: id, includeGridData: true, ranges: ['A1:C1'] }, at());
    const cells = grid.data.sheets?.[0]?.data?.[0]?.rowData?.[0]?.values ?? [];
    expect(cells.map((c) => c.formattedValue)).toEqual(['35.0%', '18%', '12.50%']);
    const { html } = await page(id);
    for (const text of ['35.0%', '18%', '12.50%']) expect(html).toContain(`>${text}<`);
  });
});

describe('faults, stats and persistence', () => {
  it('injects seeded faults: same seed, same failures; 429 carries Retry-After', async () => {
    const id = await createBook();
    const runOnce = async (): Promise<number[]> => {
      running.standIn.injectFaults({ rate: 0.5, statuses: [429, 500, 503], seed: 42, retryAfterSeconds: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const res = await fetch(`${running.url}v4/spreadsheets/${id}/values/A1`);
        statuses.push(res.status);
        if (res.status === 429) expect(res.headers.get('retry-after')).toBe('3');
        if (res.status !== 200) {
          const body = (await res.json()) as { error: { status: string } };
          expect(body.error.status).toBe(
            { 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' }[res.status],
          );
        } else {
          await res.arrayBuffer();
        }
      }
      return statuses;
    };
    const first = await runOnce();
    const second = await runOnce();
    expect(second).toEqual(first);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);

    const stats = running.standIn.stats();
    expect(stats.byEndpoint['GET spreadsheets.values.get']).toBe(24);
    // Calls addressed to the spreadsheet; its create had no id yet.
    expect(stats.bySpreadsheet[id]).toBe(24);
    expect(stats.faultsInjected).toBe(first.filter((s) => s !== 200).length * 2);
    expect(stats.total).toBe(25);
  });

  it('saves to dataDir on flush and loads it back at creation', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sheets-standin-'));
    try {
      const first = await startSheetsStandIn({ dataDir });
      const client = sheets({ version: 'v4', rootUrl: first.url, retry: false });
      const created = await client.spreadsheets.create(
        { requestBody: { properties: { title: 'Lưu lại' } } },
        { rootUrl: first.url },
      );
      const id = created.data.spreadsheetId ?? '';
      await client.spreadsheets.values.update(
        {
          spreadsheetId: id,
          range: 'A1',
          valueInputOption: 'USER_ENTERED',
          requestBody: { values: [['=1+1', 'chữ']] },
        },
        { rootUrl: first.url },
      );
      // Saved shortly after the write, without waiting for flush().
      const file = join(dataDir, 'sheets.json');
      const deadline = Date.now() + 2_000;
      while (!(await readFile(file, 'utf8').catch(() => '')).includes('chữ') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await readFile(file, 'utf8')).toContain('chữ');
      await first.close();
      const saved = JSON.parse(await readFile(join(dataDir, 'sheets.json'), 'utf8')) as { version: number };
      expect(saved.version).toBe(1);

      const second = createSheetsStandIn({ dataDir });
      expect(second.listSpreadsheets().map((ss) => ss.properties.title)).toEqual(['Lưu lại']);
      expect(second.getSpreadsheet(id)?.tabs[0]?.values).toEqual([[{ formula: '=1+1' }, 'chữ']]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
