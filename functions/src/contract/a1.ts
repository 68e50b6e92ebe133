// A1 notation shared by the function's views, the Apps Script glue and the local tools: column letters and quoted tab names.

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
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

/** 0-based index of column letters ("A" → 0, "AA" → 26); undefined when they are not letters. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A tab name as A1 notation needs it: always quoted, quotes doubled ('Kết quả'!A1). Google accepts
 * quotes around any name, so quoting always is the one rule that is never wrong.
 */
export function quoteTab(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}
