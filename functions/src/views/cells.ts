// The cells a view writes: plain values (written as values, never parsed), our own formulas, dropdowns.

/** A cell as the views build it. Strings are always stored as text, even when they start with "=". */
export type Cell =
  | string
  | number
  | boolean
  | null
  | { formula: string }
  | { value: string; dropdown: readonly string[] }
  | { checkbox: boolean };

export type Row = Cell[];

/** Column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A tab name quoted for A1 notation inside formulas: 'Kết quả'. */
export function quoteTab(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** Sheets cells hold at most 50,000 characters; longer text is cut with a visible mark. */
export function fitCell(text: string): string {
  const limit = 45_000;
  return text.length <= limit ? text : `${text.slice(0, limit)}… (đã rút gọn, bản đầy đủ lưu trong hệ thống)`;
}
