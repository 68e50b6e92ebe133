// Matching what people type against the plan's names: codes inside form labels, names without case or spacing noise.

/**
 * The task code a form answer starts with, upper-cased, or the trimmed answer when it has none.
 * @example taskCodeOf('RL2 — Tham gia tổ chức hoạt động tình nguyện') // 'RL2'
 */
export function taskCodeOf(answer: string): string {
  const match = /^\s*([A-Za-z]{2}\d+)(?![\p{L}\p{N}])/u.exec(answer);
  return match?.[1] ? match[1].toUpperCase() : answer.trim();
}

/** A name compared the way people mean it: Unicode NFC, case-insensitive, single spaces. */
export function normalizeName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
}

/** Finds an item whose id or name matches what a person typed or picked. */
export function findByIdOrName<T extends { id: string; name: string }>(
  items: readonly T[],
  value: string,
): T | undefined {
  const wanted = normalizeName(value);
  return (
    items.find((item) => normalizeName(item.id) === wanted) ?? items.find((item) => normalizeName(item.name) === wanted)
  );
}

/**
 * Vietnamese collation for names (ranking ties, sheet order): the Vietnamese alphabet (a ă â … d đ …),
 * and for names that differ only by tone, the plain letter first ("Anh" before "Ánh"). Not for equality:
 * use `normalizeName` to match names.
 */
export const vietnameseCollator = new Intl.Collator('vi', { numeric: true });
