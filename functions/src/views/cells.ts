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

/** Sheets cells hold at most 50,000 characters; longer text is cut (at `limit`) with a visible mark. */
export function fitCell(text: string, limit = 45_000): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (đã rút gọn, bản đầy đủ lưu trong hệ thống)`;
}
