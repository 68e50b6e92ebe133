// The "Đề cử" tab of a base union's spreadsheet as a contract: written by the function's views, read by the Apps Script edit trigger.
// Dependency-free on purpose: esbuild bundles this very module into the Apps Script code.

/** Where a base union's executive lists the year's nominees, beside its evaluation queue. */
export const NOMINATION_TAB = 'Đề cử';

/** The tab's headers, by what each column holds. Apps Script finds columns by this text. */
export const NOMINATION_HEADERS = { fullName: 'Họ và tên', email: 'Email' } as const;

export const NOMINATION_COLUMNS: readonly string[] = Object.values(NOMINATION_HEADERS);

/** The queue whose spreadsheet carries a unit's "Đề cử" tab: its base union's executive (`BCH_CO_SO:{unitId}`). */
export const NOMINATING_ROLE = 'BCH_CO_SO';

export interface Nominee {
  fullName: string;
  email: string;
}

function text(value: unknown): string {
  return (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The nominees a tab lists (row 1 is the header, found by its text); rows with neither name nor e-mail are skipped. */
export function nomineesOf(rows: readonly (readonly unknown[])[]): Nominee[] | undefined {
  const header = (rows[0] ?? []).map((cell) => text(cell).toLowerCase());
  const fullName = header.indexOf(NOMINATION_HEADERS.fullName.toLowerCase());
  const email = header.indexOf(NOMINATION_HEADERS.email.toLowerCase());
  if (fullName < 0 || email < 0) return undefined;
  return rows
    .slice(1)
    .map((row) => ({ fullName: text(row[fullName]), email: text(row[email]).toLowerCase() }))
    .filter((n) => n.fullName !== '' || n.email !== '');
}
