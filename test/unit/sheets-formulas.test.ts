// The stand-in's formula evaluator: the subset the views write (RANK, COUNTIF(S), IF, …), Google's errors, cycles.
import { describe, expect, it } from 'vitest';
import {
  FormulaError,
  FormulaEvaluator,
  computedCellData,
  displayText,
  renderComputed,
  type Value,
} from '../../functions/dev/sheets/formulas/evaluator';
import { parseFormula } from '../../functions/dev/sheets/formulas/parser';
import {
  emptyTab,
  setCell,
  type CellValue,
  type SpreadsheetModel,
  type TabModel,
} from '../../functions/dev/sheets/model/spreadsheet';

function tab(sheetId: number, title: string, rowCount = 1000, columnCount = 40): TabModel {
  return emptyTab({ sheetId, title, index: sheetId, sheetType: 'GRID', gridProperties: { rowCount, columnCount } });
}

function fill(target: TabModel, rows: readonly (readonly CellValue[])[], startRow = 0, startCol = 0): void {
  rows.forEach((line, i) => {
    line.forEach((value, j) => {
      setCell<CellValue>(target.values, startRow + i, startCol + j, value);
    });
  });
}

const f = (formula: string): CellValue => ({ formula });

/** Kết quả as the views lay it out (fewer columns), plus a two-letter rank column pair at AB:AC. */
function book(): {
  ss: SpreadsheetModel;
  results: TabModel;
  summary: TabModel;
  loops: TabModel;
  quoted: TabModel;
  plain: TabModel;
} {
  const results = tab(0, 'Kết quả');
  fill(results, [
    ['Mã', 'Cơ sở Đoàn', 'Hoàn thành năm', 'Điểm', null, 'Ngày kết nạp', 'Ghi chú'],
    ['M1', 'Đoàn Sở Nội vụ', 'Có', 30, null, '01/02/2025', 'A*B'],
    ['M2', 'Đoàn Sở Tư pháp', 'Chưa', 10, null, null, 'AxB'],
    ['M3', 'đoàn sở nội vụ', 'Có', 30, null, null, true],
    ['M4', 'Đoàn Sở Nội vụ', 'Chưa', 5, null, '03/04/2025', false],
    ['M5', 'Đoàn Sở Tư pháp', 'Có', 'không rõ', null, null, true],
  ]);
  // AB: the rank key; AC: =RANK(AB2,AB$2:AB,1); AD: a formula column; AE: RANK over that formula column.
  fill(
    results,
    [30, 10, 30, 5, 'không rõ'].map((key, i) => [
      key,
      f(`=RANK(AB${i + 2},AB$2:AB,1)`),
      f(`=AB${i + 2}*2`),
      f(`=RANK(AD${i + 2},AD$2:AD)`),
    ]),
    1,
    27,
  );
  const summary = tab(1, 'Tổng hợp');
  const results$ = (col: string): string => `'Kết quả'!$${col}$2:$${col}`;
  fill(summary, [
    ['Đơn vị', 'Loại', 'Số đoàn viên', 'Hoàn thành', 'Tỷ lệ hoàn thành'],
    ...['Đoàn Sở Nội vụ', 'Đoàn Sở Tư pháp', 'Đoàn không có ai'].map((name, i) => {
      const r = i + 2;
      return [
        name,
        'Cơ sở Đoàn',
        f(`=COUNTIF(${results$('B')},$A${r})`),
        f(`=COUNTIFS(${results$('B')},$A${r},${results$('C')},"Có")`),
        f(`=IF(C${r}=0,"",D${r}/C${r})`),
      ];
    }),
  ]);
  const loops = tab(2, 'Vòng');
  fill(loops, [
    [f('=B1+1'), f('=A1'), f('=A1*2'), f('=D1'), f('=SUM(E2:E3)'), f('=SUM(F:F)'), 1],
    [null, null, null, null, f('=E1'), null, f('=G1+1')],
    [null, null, null, null, null, null, f('=G2+G1')],
  ]);
  const quoted = tab(3, "Đề cử 'hội' trại");
  fill(quoted, [['Cơ sở Đoàn'], ['Đoàn Sở Nội vụ'], ['Đoàn Sở Nội vụ']]);
  const plain = tab(4, 'Sheet_1');
  fill(plain, [[7]]);
  const ss: SpreadsheetModel = {
    spreadsheetId: 'unit',
    properties: { title: 'Sổ', locale: 'en_US', timeZone: 'Asia/Ho_Chi_Minh', autoRecalc: 'ON_CHANGE' },
    tabs: [results, summary, loops, quoted, plain],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
  return { ss, results, summary, loops, quoted, plain };
}

/** Errors as their code, so tables read like the sheet. */
const shown = (value: Value): Value => (value instanceof FormulaError ? value.code : value);

/** A formula computed as if typed on Kết quả (its own references point there). */
function run(formula: string, on: 'results' | 'summary' = 'results'): Value {
  const b = book();
  return shown(new FormulaEvaluator(b.ss).evaluate(formula, b[on]));
}

type Case = [formula: string, expected: Value];

describe('operators and literals', () => {
  const cases: Case[] = [
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=10/4', 2.5],
    ['=2^3', 8],
    ['=-2^2', 4],
    ['=--3', 3],
    ['=50%', 0.5],
    ['=1.5e2', 150],
    ['=-D2', -30],
    ['=D2+D3', 40],
    ['="5"+1', 6],
    ['=E2+1', 1],
    ['="Kết "&"quả"', 'Kết quả'],
    ['="say ""hi"""', 'say "hi"'],
    ['=1.5&TRUE&E2&"|"', '1.5TRUE|'],
    ['=1=1', true],
    ['=1<>1', false],
    ['="có"="CÓ"', true],
    ['=2<10', true],
    ['="2"<"10"', false],
    ['=1<"a"', true],
    ['=TRUE>1', true],
    ['=E2=0', true],
    ['=E2=""', true],
    ['=E2<=FALSE', true],
    ['=D2>=30', true],
    ['=E2', null],
    ['=  1 + 1 ', 2],
    ['=TRUE', true],
    ['=false', false],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });
});

describe('references', () => {
  const cases: Case[] = [
    ['=$D$2', 30],
    ['=D$3', 10],
    ['=$D3', 10],
    ['=d5', 5],
    ['=AB3', 10],
    ["='Kết quả'!$B$2", 'Đoàn Sở Nội vụ'],
    ["='Đề cử ''hội'' trại'!A2", 'Đoàn Sở Nội vụ'],
    ['=Sheet_1!A1', 7],
    ['=sheet_1!A1*2', 14],
    ["=COUNTIF('Đề cử ''hội'' trại'!$A$2:$A,'Tổng hợp'!$A2)", 2],
    ['=SUM(D:D)', 75],
    ['=SUM(2:2)', 30 + 30 + 3 + 60 + 1],
    ['=SUM(D2:D3,D4)', 70],
    ['=SUM(D3:D2)', 40],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });

  it('reads open-ended ranges to the grid edge and names tabs as written', () => {
    expect(parseFormula("=COUNTIF('Kết quả'!$D$2:$D,$A2)")).toEqual({
      kind: 'call',
      name: 'COUNTIF',
      args: [
        { kind: 'ref', sheet: 'Kết quả', bounds: { startRow: 1, startCol: 3, endCol: 4 }, singleCell: false },
        { kind: 'ref', sheet: undefined, bounds: { startRow: 1, endRow: 2, startCol: 0, endCol: 1 }, singleCell: true },
      ],
    });
    expect(parseFormula('=RANK(AB5,AB$2:AB,1)')).toMatchObject({
      args: [
        { bounds: { startRow: 4, endRow: 5, startCol: 27, endCol: 28 } },
        { bounds: { startRow: 1, startCol: 27, endCol: 28 } },
        { kind: 'number', value: 1 },
      ],
    });
    expect(parseFormula('=A:A')).toEqual({
      kind: 'ref',
      sheet: undefined,
      bounds: { startCol: 0, endCol: 1 },
      singleCell: false,
    });
    expect(parseFormula("='It''s'!A1")).toMatchObject({ kind: 'ref', sheet: "It's" });
  });
});

describe('RANK', () => {
  const cases: Case[] = [
    // Data AB2:AB6 is 30, 10, 30, 5 and a text (ignored).
    ['=RANK(30,AB$2:AB)', 1],
    ['=RANK(10,AB$2:AB)', 3],
    ['=RANK(5,AB$2:AB)', 4],
    ['=RANK(5,AB$2:AB,1)', 1],
    ['=RANK(10,AB$2:AB,1)', 2],
    ['=RANK(30,AB$2:AB,1)', 3],
    ['=RANK(30,AB$2:AB,0)', 1],
    ['=RANK(30,AB$2:AB,TRUE)', 3],
    ['=RANK.EQ(10,AB2:AB6)', 3],
    ['=RANK("30",AB2:AB6)', 1],
    ['=RANK(7,AB$2:AB)', '#N/A'],
    ['=RANK("không rõ",AB$2:AB)', '#VALUE!'],
    ['=RANK(1/0,AB$2:AB)', '#DIV/0!'],
    ['=RANK(30,Khác!A:A)', '#REF!'],
    ['=RANK(30)', '#N/A'],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });

  it('gives tied rows the same rank down a two-letter column, and ranks formula results', () => {
    const { ss, results } = book();
    const evaluator = new FormulaEvaluator(ss);
    const column = (col: number): Value[] => [1, 2, 3, 4, 5].map((row) => shown(evaluator.value(results, row, col)));
    expect(column(28)).toEqual([3, 2, 3, 1, '#VALUE!']);
    // AD = AB*2 (the text row is #VALUE!, which RANK's data skips); AE ranks AD descending.
    expect(column(29)).toEqual([60, 20, 60, 10, '#VALUE!']);
    expect(column(30)).toEqual([1, 3, 1, 4, '#VALUE!']);
  });
});

describe('COUNTIF and COUNTIFS criteria', () => {
  const cases: Case[] = [
    ['=COUNTIF(B2:B6,"Đoàn Sở Nội vụ")', 3],
    ['=COUNTIF(B2:B6,"ĐOÀN SỞ NỘI VỤ")', 3],
    ['=COUNTIF(\'Kết quả\'!$B$2:$B,"Đoàn Sở Tư pháp")', 2],
    ['=COUNTIF(B2:B6,"Đoàn*")', 5],
    ['=COUNTIF(B2:B6,"*tư pháp")', 2],
    ['=COUNTIF(B2:B6,"?oàn Sở Nội vụ")', 3],
    ['=COUNTIF(G2:G6,"A*B")', 2],
    ['=COUNTIF(G2:G6,"A~*B")', 1],
    ['=COUNTIF(G2:G6,TRUE)', 2],
    ['=COUNTIF(G2:G6,"true")', 2],
    ['=COUNTIF(G2:G6,"<>TRUE")', 3],
    ['=COUNTIF(D2:D6,30)', 2],
    ['=COUNTIF(D2:D6,"30")', 2],
    ['=COUNTIF(D2:D6,"=30")', 2],
    ['=COUNTIF(D2:D6,"<>30")', 3],
    ['=COUNTIF(D2:D6,">5")', 3],
    ['=COUNTIF(D2:D6,">=30")', 2],
    ['=COUNTIF(D2:D6,"<30")', 2],
    ['=COUNTIF(D2:D6,"<=10")', 2],
    ['=COUNTIF(D2:D6,">a")', 1],
    ['=COUNTIF(C2:C6,"<>Có")', 2],
    ['=COUNTIF(F2:F6,"<>")', 2],
    ['=COUNTIF(F2:F6,"")', 3],
    ['=COUNTIF(E2:E6,"=")', 5],
    // Open-ended: rows 2…1000 of an empty column are 999 blanks; "<>Có" counts blanks too.
    ['=COUNTIF(E$2:E,"")', 999],
    ['=COUNTIF(C$2:C,"<>Có")', 996],
    ['=COUNTIF(C$2:C,"<>")', 5],
    ['=COUNTIF(B2:B6,E2)', 0],
    ['=COUNTIF(B2,"Đoàn Sở Nội vụ")', 1],
    ['=COUNTIFS(B2:B6,"Đoàn Sở Nội vụ",C2:C6,"Có")', 2],
    ['=COUNTIFS(\'Kết quả\'!$B$2:$B,"Đoàn Sở Nội vụ",\'Kết quả\'!$F$2:$F,"<>")', 2],
    ['=COUNTIFS(\'Kết quả\'!$B$2:$B,"Đoàn Sở Tư pháp",\'Kết quả\'!$C$2:$C,"Có",\'Kết quả\'!$D$2:$D,"<>")', 1],
    ['=COUNTIFS(B2:B6,"Đoàn*",C2:C5,"Có")', '#VALUE!'],
    ['=COUNTIFS(B2:B6,"Đoàn*",C2:C6)', '#N/A'],
    ['=COUNTIF(B2:B6)', '#N/A'],
    ['=COUNTIF(B2:B6,1/0)', '#DIV/0!'],
    ["=COUNTIF('Không có'!A:A,1)", '#REF!'],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });
});

describe('IF, IFERROR, SUM, COUNT, COUNTA, AND, OR, NOT', () => {
  const cases: Case[] = [
    ['=IF(D2>5,"cao","thấp")', 'cao'],
    ['=IF(D5>5,"cao","thấp")', 'thấp'],
    ['=IF(0,"có")', false],
    ['=IF(E2,1,2)', 2],
    ['=IF("TRUE",1,2)', 1],
    ['=IF("abc",1,2)', '#VALUE!'],
    ['=IF(TRUE,1,1/0)', 1],
    ['=IF(1)', '#N/A'],
    ['=IFERROR(1/0,"không chia được")', 'không chia được'],
    ['=IFERROR(RANK(7,D2:D6))', null],
    ['=IFERROR(4,0)', 4],
    ['=SUM(D2:D6)', 75],
    ['=SUM(1,"2",TRUE)', 4],
    ['=SUM(1,"x")', '#VALUE!'],
    ['=SUM(AD2:AD6)', '#VALUE!'],
    ['=COUNT(D2:D6,1)', 5],
    ['=COUNTA(B2:B)', 5],
    ['=COUNTA(F2:F6,"x")', 3],
    ['=AND(D2>5,D3>5)', true],
    ['=AND(D2>5,D5>5)', false],
    ['=OR(D5>5,FALSE)', false],
    ['=OR(G2:G6)', true],
    ['=AND(E2:E6)', '#VALUE!'],
    ['=NOT(D2=30)', false],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });
});

describe('the summary formulas the views write', () => {
  it('counts members per unit over Kết quả and leaves the rate blank when nobody is counted', () => {
    const { ss, summary } = book();
    const evaluator = new FormulaEvaluator(ss);
    const rows = [1, 2, 3].map((row) => [2, 3, 4].map((col) => shown(evaluator.value(summary, row, col))));
    expect(rows).toEqual([
      [3, 2, 2 / 3],
      [2, 1, 0.5],
      [0, 0, ''],
    ]);
  });
});

describe('errors as Google shows them', () => {
  const cases: Case[] = [
    ['=1/0', '#DIV/0!'],
    ['=D2/E2', '#DIV/0!'],
    ['=(1/0)+RANK(7,D2:D6)', '#DIV/0!'],
    ['=RANK(7,D2:D6)+1/0', '#N/A'],
    ['=FOO(1)', '#NAME?'],
    ['=diem', '#NAME?'],
    ["='Không có'!A1", '#REF!'],
    ['=Khác!A1', '#REF!'],
    ['="a"*2', '#VALUE!'],
    ['=D2:D6+1', '#VALUE!'],
    ['=NOT(1,2)', '#N/A'],
    ['=', '#ERROR!'],
    ['=1+', '#ERROR!'],
    ['=SUM(1', '#ERROR!'],
    ['="abc', '#ERROR!'],
    ["='Kết quả'", '#ERROR!'],
    ["='Kết quả!A1", '#ERROR!'],
    ['={1,2}', '#ERROR!'],
    ['=1 2', '#ERROR!'],
    ['=SUM(1,,2)', 3],
  ];
  it.each(cases)('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });

  it('explains errors the way the tooltip shows them', () => {
    const { ss, results } = book();
    const evaluator = new FormulaEvaluator(ss);
    const error = evaluator.evaluate("='Không có'!A1", results);
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).message).toBe("Unresolved sheet name 'Không có'.");
    expect((evaluator.evaluate('=FOO(1)', results) as FormulaError).message).toBe("Unknown function: 'FOO'.");
    expect((evaluator.evaluate('=IF(1)', results) as FormulaError).message).toBe(
      'Wrong number of arguments to IF. Expected between 2 and 3 arguments, but got 1 arguments.',
    );
  });
});

describe('formulas reading formulas, and cycles', () => {
  it('computes chains, and marks every cell of a cycle (and what reads it) #REF!', () => {
    const { ss, loops } = book();
    const evaluator = new FormulaEvaluator(ss);
    const at = (row: number, col: number): Value => shown(evaluator.value(loops, row, col));
    expect(at(0, 0)).toBe('#REF!'); // A1 = B1+1, B1 = A1
    expect(at(0, 1)).toBe('#REF!');
    expect(at(0, 2)).toBe('#REF!'); // C1 = A1*2 reads the cycle
    expect(at(0, 3)).toBe('#REF!'); // D1 = D1
    expect(at(0, 4)).toBe('#REF!'); // E1 = SUM(E2:E3), E2 = E1
    expect(at(1, 4)).toBe('#REF!');
    expect(at(0, 5)).toBe('#REF!'); // F1 = SUM(F:F) contains itself
    expect([at(0, 6), at(1, 6), at(2, 6)]).toEqual([1, 2, 3]); // G: 1, =G1+1, =G2+G1
    const cycle = evaluator.value(loops, 0, 3) as FormulaError;
    expect(cycle.message).toContain('Circular dependency detected');
  });

  it('evaluates a long chain read top-down, and stops (without crashing) past its depth limit', () => {
    const chain = tab(0, 'Chuỗi', 2000, 2);
    fill(chain, [[1], ...Array.from({ length: 999 }, (_, i) => [f(`=A${i + 1}+1`)])]);
    const ss: SpreadsheetModel = { ...book().ss, tabs: [chain] };
    expect(shown(new FormulaEvaluator(ss).evaluate('=SUM(A1:A1000)', chain))).toBe((1000 * 1001) / 2);
    expect(shown(new FormulaEvaluator(ss).value(chain, 999, 0))).toBe('#ERROR!');
  });
});

describe('a 10,000-row Kết quả', () => {
  it('ranks every row with ties sharing a rank', () => {
    const big = tab(0, 'Kết quả', 10_001, 30);
    const keys = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 5000); // every key twice
    fill(
      big,
      keys.map((key, i) => [key, f(`=RANK(A${i + 2},A$2:A,1)`)]),
      1,
    );
    const ss: SpreadsheetModel = { ...book().ss, tabs: [big] };
    const evaluator = new FormulaEvaluator(ss);
    const ranks = keys.map((_, i) => evaluator.value(big, i + 1, 1));
    expect(ranks).toEqual(keys.map((key) => key * 2 + 1));
  });
});

describe('showing computed values', () => {
  const cases: [Value, ReturnType<typeof renderComputed>, ReturnType<typeof renderComputed>, string][] = [
    [2 / 3, '0.666666666666667', 2 / 3, '0.666666666666667'],
    [3, '3', 3, '3'],
    [true, 'TRUE', true, 'TRUE'],
    ['', '', '', ''],
    [null, null, null, ''],
    [new FormulaError('#N/A', 'x'), '#N/A', '#N/A', '#N/A'],
  ];
  it.each(cases)('%j → %j / %j / %j', (value, formatted, unformatted, text) => {
    expect(renderComputed(value, 'FORMATTED_VALUE')).toEqual(formatted);
    expect(renderComputed(value, 'UNFORMATTED_VALUE')).toEqual(unformatted);
    expect(displayText(value)).toBe(text);
  });

  it('gives grid data effectiveValue and formattedValue, errors as errorValue', () => {
    expect(computedCellData(0.5)).toEqual({ effectiveValue: { numberValue: 0.5 }, formattedValue: '0.5' });
    expect(computedCellData('')).toEqual({ effectiveValue: { stringValue: '' }, formattedValue: '' });
    expect(computedCellData(null)).toEqual({});
    expect(computedCellData(new FormulaError('#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.'))).toEqual({
      effectiveValue: {
        errorValue: { type: 'DIVIDE_BY_ZERO', message: 'Function DIVIDE parameter 2 cannot be zero.' },
      },
      formattedValue: '#DIV/0!',
    });
  });
});
