// The stand-in computes the views' formulas as Google would: values.get, the local page and its chart show numbers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { createSheetsClient, type SheetsClient } from '../../functions/src/adapters/sheets';

let running: RunningSheetsStandIn;
let client: SheetsClient;

beforeAll(async () => {
  running = await startSheetsStandIn();
  client = createSheetsClient({ rootUrl: running.url, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
});

afterAll(async () => {
  await running.close();
});

beforeEach(() => {
  running.standIn.reset();
});

type Cell = string | number | { formula: string } | null;

function cellData(cell: Cell): sheets_v4.Schema$CellData {
  if (cell === null) return {};
  if (typeof cell === 'string') return { userEnteredValue: { stringValue: cell } };
  if (typeof cell === 'number') return { userEnteredValue: { numberValue: cell } };
  return { userEnteredValue: { formulaValue: cell.formula } };
}

function updateCells(sheetId: number, rows: readonly (readonly Cell[])[]): sheets_v4.Schema$Request {
  return {
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      rows: rows.map((row) => ({ values: row.map(cellData) })),
      fields: 'userEnteredValue',
    },
  };
}

const RESULTS = "'Kết quả'";
const col = (letter: string): string => `${RESULTS}!$${letter}$2:$${letter}`;

/** Kết quả: A Mã, B Họ và tên, C Cơ sở Đoàn, D Hoàn thành năm, E Xếp loại, F Xếp hạng (formula), G Khóa xếp hạng. */
const MEMBERS: [string, string, string, string, string, number][] = [
  ['M1', 'Nguyễn Văn An', 'Đoàn Sở Nội vụ', 'Có', 'Xuất sắc', 1000],
  ['M2', 'Trần Thị Bình', 'Đoàn Sở Tư pháp', 'Chưa', 'Chưa đạt', 3000],
  ['M3', 'Lê Minh Chi', 'Đoàn Sở Nội vụ', 'Có', 'Tốt', 1000],
  ['M4', 'Phạm Dũng', 'Đoàn Sở Nội vụ', 'Chưa', 'Đạt', 2000],
];

const UNITS: [string, string][] = [
  ['Đoàn Sở Nội vụ', 'Cơ sở Đoàn'],
  ['Đoàn Sở Tư pháp', 'Cơ sở Đoàn'],
  ['Tổ 1 - Cụm Nội chính', 'Tổ'],
];

function summaryFormulas(r: number): string[] {
  return [
    `=COUNTIF(${col('C')},$A${r})`,
    `=COUNTIFS(${col('C')},$A${r},${col('D')},"Có")`,
    `=COUNTIFS(${col('C')},$A${r},${col('E')},"Xuất sắc")`,
    `=IF(C${r}=0,"",D${r}/C${r})`,
  ];
}

async function buildBook(): Promise<{ spreadsheetId: string; resultsId: number; summaryId: number }> {
  const info = await client.create('Hành trình 2025', ['Kết quả', 'Tổng hợp']);
  const [results, summary] = info.tabs;
  if (!results || !summary) throw new Error('tabs missing');
  const resultRows: Cell[][] = [
    ['Mã đoàn viên', 'Họ và tên', 'Cơ sở Đoàn', 'Hoàn thành năm', 'Xếp loại', 'Xếp hạng', 'Khóa xếp hạng'],
    ...MEMBERS.map(([id, name, unit, done, grade, key], i): Cell[] => [
      id,
      name,
      unit,
      done,
      grade,
      { formula: `=RANK(G${i + 2},G$2:G,1)` },
      key,
    ]),
  ];
  const summaryRows: Cell[][] = [
    ['Đơn vị', 'Loại', 'Số đoàn viên', 'Hoàn thành', 'Xuất sắc', 'Tỷ lệ hoàn thành'],
    ...UNITS.map(([name, kind], i): Cell[] => [name, kind, ...summaryFormulas(i + 2).map((formula) => ({ formula }))]),
  ];
  const column = (index: number): sheets_v4.Schema$ChartData => ({
    sourceRange: {
      sources: [
        {
          sheetId: summary.sheetId,
          startRowIndex: 0,
          endRowIndex: UNITS.length + 1,
          startColumnIndex: index,
          endColumnIndex: index + 1,
        },
      ],
    },
  });
  await client.batchUpdate(info.spreadsheetId, [
    updateCells(results.sheetId, resultRows),
    updateCells(summary.sheetId, summaryRows),
    {
      addChart: {
        chart: {
          spec: {
            title: 'Đoàn viên hoàn thành hành trình theo đơn vị',
            basicChart: {
              chartType: 'COLUMN',
              headerCount: 1,
              domains: [{ domain: column(0) }],
              series: [{ series: column(2) }, { series: column(3) }],
            },
          },
          position: { overlayPosition: { anchorCell: { sheetId: summary.sheetId, rowIndex: 1, columnIndex: 8 } } },
        },
      },
    },
  ]);
  return { spreadsheetId: info.spreadsheetId, resultsId: results.sheetId, summaryId: summary.sheetId };
}

async function page(spreadsheetId: string): Promise<string> {
  const res = await fetch(new URL(spreadsheetId, running.url));
  expect(res.status).toBe(200);
  return res.text();
}

describe('formulas written with updateCells formulaValue', () => {
  it('reads ranks (ties shared) and counts as numbers, and formulas under FORMULA', async () => {
    const { spreadsheetId } = await buildBook();

    expect(await client.valuesGet(spreadsheetId, `${RESULTS}!F2:F5`, 'FORMATTED_VALUE')).toEqual([
      ['1'],
      ['4'],
      ['1'],
      ['3'],
    ]);
    expect(await client.valuesGet(spreadsheetId, `${RESULTS}!F2:F5`)).toEqual([[1], [4], [1], [3]]);

    expect(await client.valuesGet(spreadsheetId, "'Tổng hợp'!A1:F4", 'FORMATTED_VALUE')).toEqual([
      ['Đơn vị', 'Loại', 'Số đoàn viên', 'Hoàn thành', 'Xuất sắc', 'Tỷ lệ hoàn thành'],
      ['Đoàn Sở Nội vụ', 'Cơ sở Đoàn', '3', '2', '1', '0.666666666666667'],
      ['Đoàn Sở Tư pháp', 'Cơ sở Đoàn', '1', '0', '0', '0'],
      ['Tổ 1 - Cụm Nội chính', 'Tổ', '0', '0', '0', ''],
    ]);
    expect(await client.valuesGet(spreadsheetId, "'Tổng hợp'!C2:F3", 'UNFORMATTED_VALUE')).toEqual([
      [3, 2, 1, 2 / 3],
      [1, 0, 0, 0],
    ]);
    expect(await client.valuesGet(spreadsheetId, "'Tổng hợp'!C2:F2", 'FORMULA')).toEqual([summaryFormulas(2)]);
    expect(await client.valuesGet(spreadsheetId, `${RESULTS}!F3`, 'FORMULA')).toEqual([['=RANK(G3,G$2:G,1)']]);

    // The stored cells keep their formulas: reading never writes a value over them.
    const stored = running.standIn.getSpreadsheet(spreadsheetId);
    expect(stored?.tabs[1]?.values[1]?.slice(2)).toEqual(summaryFormulas(2).map((formula) => ({ formula })));
    expect(stored?.tabs[0]?.values[2]?.[5]).toEqual({ formula: '=RANK(G3,G$2:G,1)' });
  });

  it('answers batchGet with computed values, one pass over several ranges', async () => {
    const { spreadsheetId } = await buildBook();
    const api = sheets({ version: 'v4', rootUrl: running.url, retry: false });
    const res = await api.spreadsheets.values.batchGet(
      {
        spreadsheetId,
        ranges: [`${RESULTS}!F2:F`, "'Tổng hợp'!C2:C4"],
        valueRenderOption: 'UNFORMATTED_VALUE',
        majorDimension: 'COLUMNS',
      },
      { rootUrl: running.url },
    );
    expect(res.data.valueRanges?.map((r) => r.values)).toEqual([[[1, 4, 1, 3]], [[3, 1, 0]]]);
  });

  it('recomputes after a change, and computes USER_ENTERED formulas and their errors too', async () => {
    const { spreadsheetId } = await buildBook();
    await client.valuesBatchUpdate(
      spreadsheetId,
      [
        { range: `${RESULTS}!D5`, values: [['Có']] },
        { range: "'Tổng hợp'!G1", values: [['Tổng', '=SUM(C2:C4)', '=C2/0', '=DIEM(1)']] },
      ],
      'USER_ENTERED',
    );
    expect(await client.valuesGet(spreadsheetId, "'Tổng hợp'!D2")).toEqual([[3]]);
    expect(await client.valuesGet(spreadsheetId, "'Tổng hợp'!G1:J1", 'FORMATTED_VALUE')).toEqual([
      ['Tổng', '4', '#DIV/0!', '#NAME?'],
    ]);
  });
});

describe('the local page', () => {
  it('shows computed numbers with the formula in a tooltip, and the chart has bars', async () => {
    const { spreadsheetId } = await buildBook();
    await client.valuesBatchUpdate(spreadsheetId, [{ range: "'Tổng hợp'!H1", values: [['=1/0']] }], 'USER_ENTERED');
    const html = await page(spreadsheetId);

    expect(html).toContain(`<td class="formula" title="Công thức: =COUNTIF(&#39;Kết quả&#39;!$C$2:$C,$A2)">3</td>`);
    expect(html).toContain(
      `<td class="formula" title="Công thức: =COUNTIFS(&#39;Kết quả&#39;!$C$2:$C,$A2,&#39;Kết quả&#39;!$D$2:$D,&quot;Có&quot;)">2</td>`,
    );
    expect(html).toContain(
      '<td class="formula" title="Công thức: =IF(C2=0,&quot;&quot;,D2/C2)">0.666666666666667</td>',
    );
    expect(html).toContain('<td class="formula" title="Công thức: =RANK(G5,G$2:G,1)">3</td>');
    expect(html).toContain(
      '<td class="formula error" title="Công thức: =1/0\nLỗi: Function DIVIDE parameter 2 cannot be zero.">#DIV/0!</td>',
    );
    // No formula text stands in a cell any more.
    expect(html).not.toMatch(/<td[^>]*>=/);

    const svg =
      /<figcaption>Đoàn viên hoàn thành hành trình theo đơn vị<\/figcaption>(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1] ??
      '';
    const bars = [
      ...svg.matchAll(
        /<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="(#[0-9a-f]+)"><title>([^<]*)<\/title>/g,
      ),
    ].map((m) => ({
      height: Number(m[1]),
      fill: m[2],
      title: m[3],
    }));
    expect(bars.map((b) => b.title)).toEqual([
      'Đoàn Sở Nội vụ — Số đoàn viên: 3',
      'Đoàn Sở Nội vụ — Hoàn thành: 2',
      'Đoàn Sở Tư pháp — Số đoàn viên: 1',
      'Đoàn Sở Tư pháp — Hoàn thành: 0',
      'Tổ 1 - Cụm Nội chính — Số đoàn viên: 0',
      'Tổ 1 - Cụm Nội chính — Hoàn thành: 0',
    ]);
    const [members, done, members2] = bars;
    expect(members?.height).toBeGreaterThan(0);
    expect(done?.height).toBeCloseTo(((members?.height ?? 0) * 2) / 3, 0);
    expect(members2?.height).toBeCloseTo((members?.height ?? 0) / 3, 0);
  });
});
