// A1 notation as the Sheets API reads it: sheet names (quoted, Vietnamese), cells, columns, rows, open ends.
import { describe, expect, it } from 'vitest';
import {
  A1ParseError,
  columnIndex,
  columnLetters,
  formatRange,
  parseA1,
  quoteSheetName,
  type ParsedRange,
} from '../../functions/dev/sheets/model/a1';

describe('parseA1 reads ranges the way Google does', () => {
  const cases: [string, ParsedRange][] = [
    ['Sheet1!A1:C3', { sheetName: 'Sheet1', bounds: { startRow: 0, endRow: 3, startCol: 0, endCol: 3 } }],
    ['A1', { sheetName: undefined, bounds: { startRow: 0, endRow: 1, startCol: 0, endCol: 1 } }],
    ['a1:b2', { sheetName: undefined, bounds: { startRow: 0, endRow: 2, startCol: 0, endCol: 2 } }],
    ['$B$2:$D$4', { sheetName: undefined, bounds: { startRow: 1, endRow: 4, startCol: 1, endCol: 4 } }],
    ['C3:A1', { sheetName: undefined, bounds: { startRow: 0, endRow: 3, startCol: 0, endCol: 3 } }],
    ['A:C', { sheetName: undefined, bounds: { startCol: 0, endCol: 3 } }],
    ['Sheet1!C:A', { sheetName: 'Sheet1', bounds: { startCol: 0, endCol: 3 } }],
    ['2:5', { sheetName: undefined, bounds: { startRow: 1, endRow: 5 } }],
    ['A2:C', { sheetName: undefined, bounds: { startRow: 1, startCol: 0, endCol: 3 } }],
    ['A2:5', { sheetName: undefined, bounds: { startRow: 1, endRow: 5, startCol: 0 } }],
    ['AA10:ZZZ12', { sheetName: undefined, bounds: { startRow: 9, endRow: 12, startCol: 26, endCol: 18_278 } }],
    ["'Tên có dấu cách'!A:C", { sheetName: 'Tên có dấu cách', bounds: { startCol: 0, endCol: 3 } }],
    ["'Kết quả'!B2", { sheetName: 'Kết quả', bounds: { startRow: 1, endRow: 2, startCol: 1, endCol: 2 } }],
    ["'It''s'!A1:B2", { sheetName: "It's", bounds: { startRow: 0, endRow: 2, startCol: 0, endCol: 2 } }],
    ["'Sổ!điểm'!A1", { sheetName: 'Sổ!điểm', bounds: { startRow: 0, endRow: 1, startCol: 0, endCol: 1 } }],
    ["'Kết quả'", { sheetName: 'Kết quả', bounds: undefined }],
    ['Sheet1', { sheetName: 'Sheet1', bounds: undefined }],
    ['Nhật ký', { sheetName: 'Nhật ký', bounds: undefined }],
    ['Nhật ký!A1:B2', { sheetName: 'Nhật ký', bounds: { startRow: 0, endRow: 2, startCol: 0, endCol: 2 } }],
    ['  Sheet1!A1  ', { sheetName: 'Sheet1', bounds: { startRow: 0, endRow: 1, startCol: 0, endCol: 1 } }],
  ];

  it.each(cases)('%s', (input, expected) => {
    expect(parseA1(input)).toEqual(expected);
  });

  it('reads a URL-decoded Vietnamese name exactly as the client encoded it', () => {
    const encoded = encodeURIComponent("'Kết quả'!A1:C3");
    expect(parseA1(decodeURIComponent(encoded))).toEqual({
      sheetName: 'Kết quả',
      bounds: { startRow: 0, endRow: 3, startCol: 0, endCol: 3 },
    });
  });
});

describe('parseA1 refuses what Google cannot parse, with its message', () => {
  const bad = [
    '',
    '!A1',
    'Sheet1!',
    'Sheet1!A0',
    'Sheet1!A1:B2:C3',
    'Sheet1!A:5',
    'Sheet1!5:A',
    "'unterminated!A1",
    "''!A1",
    "'Sheet1'A1",
    'Sheet1!AAAA1',
    'Sheet1!1A',
  ];

  it.each(bad)('%j', (input) => {
    expect(() => parseA1(input)).toThrow(A1ParseError);
    expect(() => parseA1(input)).toThrow(`Unable to parse range: ${input}`);
  });
});

describe('column letters and indexes are inverse', () => {
  const cases: [string, number][] = [
    ['A', 0],
    ['Z', 25],
    ['AA', 26],
    ['AZ', 51],
    ['BA', 52],
    ['ZZ', 701],
    ['AAA', 702],
    ['ZZZ', 18_277],
  ];

  it.each(cases)('%s ↔ %i', (letters, index) => {
    expect(columnIndex(letters)).toBe(index);
    expect(columnLetters(index)).toBe(letters);
  });

  it('refuses columns past ZZZ and non-letters', () => {
    expect(columnIndex('AAAA')).toBeUndefined();
    expect(columnIndex('A1')).toBeUndefined();
  });
});

describe('sheet names are quoted when Google quotes them', () => {
  const cases: [string, string][] = [
    ['Sheet1', 'Sheet1'],
    ['Data_2025', 'Data_2025'],
    ['Kết quả', "'Kết quả'"],
    ['Tổng', "'Tổng'"],
    ['My Sheet', "'My Sheet'"],
    ["It's", "'It''s'"],
    ['A1', "'A1'"],
    ['R1C1', "'R1C1'"],
  ];

  it.each(cases)('%s → %s', (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
    // Whatever is written back reads back as the same sheet.
    expect(parseA1(`${quoted}!A1`).sheetName).toBe(name);
  });
});

describe('formatRange writes closed bounds like Google answers', () => {
  const cases: [string, { startRow: number; endRow: number; startCol: number; endCol: number }, string][] = [
    ['Sheet1', { startRow: 0, endRow: 3, startCol: 0, endCol: 3 }, 'Sheet1!A1:C3'],
    ['Sheet1', { startRow: 4, endRow: 5, startCol: 1, endCol: 2 }, 'Sheet1!B5'],
    ['Kết quả', { startRow: 0, endRow: 1000, startCol: 0, endCol: 26 }, "'Kết quả'!A1:Z1000"],
  ];

  it.each(cases)('%s %j → %s', (title, bounds, expected) => {
    expect(formatRange(title, bounds)).toBe(expected);
  });
});
