// What a log line must never hold (the brief: "Log ids, never names or e-mails"; Law 91/2025/QH15): an e-mail address,
// a member's full name from the tests' fixtures, or any Vietnamese full name built the way the demo builds its members'
// (a common surname followed by capitalised words). Used over everything the integration suite's stacks log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SURNAMES } from '../../functions/dev/demo/data/names';

/** An e-mail address as people write them (`an.snv@example.vn`), also percent- or JSON-escaped (`%40`, `\u0040`). */
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40|\\u0040)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

/** Surnames the demo draws from, and a few more common ones that are not also the start of a place's name. */
const MORE_SURNAMES = ['Tạ', 'Lương', 'Quách', 'Tăng', 'Kiều'];
const SURNAME_LIST = [...new Set([...SURNAMES.map(([name]) => name), ...MORE_SURNAMES])];
/** Places that read like a full name. */
const PLACES = ['Hồ Chí Minh', 'Lâm Đồng', 'Đinh Tiên Hoàng'];

/** `Nguyễn Văn An`, `Trần Thị Bình`: a surname, then one to four capitalised words. */
const FULL_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${SURNAME_LIST.join('|')})(?: \\p{Lu}\\p{Ll}*){1,4}(?![\\p{L}\\p{N}])`,
  'gu',
);

/** `fullName: 'Nguyễn Văn An'` as the integration tests and fixtures write their members' names. */
const FULL_NAME_LITERAL = /fullName:\s*(['"`])((?:(?!\1).)+)\1/gu;

/** Every full name the integration tests give a member (without `${…}` templates, which FULL_NAME covers). */
export function fixtureNames(folder: string): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(join(folder, file), 'utf8').matchAll(FULL_NAME_LITERAL)) {
      const name = match[2] ?? '';
      if (!name.includes('${') && name.trim().includes(' ')) names.add(name.normalize('NFC'));
    }
  }
  return [...names];
}

export interface Leak {
  line: string;
  found: string;
}

/** The e-mail addresses and names `lines` hold, each with its line; none for a clean log. */
export function personalDataIn(lines: readonly string[], names: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const raw of lines) {
    const line = raw.normalize('NFC');
    const found = new Set<string>();
    for (const match of line.matchAll(EMAIL)) found.add(match[0]);
    for (const match of line.matchAll(FULL_NAME))
      if (!PLACES.some((place) => match[0].startsWith(place))) found.add(match[0]);
    for (const name of names) if (line.includes(name)) found.add(name);
    for (const item of found) leaks.push({ line: raw, found: item });
  }
  return leaks;
}
