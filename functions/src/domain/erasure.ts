// Erasing a member (Law No. 91/2025/QH15): who they become, and how any stored text is rid of who they were.

/** The domain erased members' addresses are in: reserved (RFC 2606), so no mail is ever sent to one. */
export const PSEUDONYM_DOMAIN = 'an-danh.invalid';

/** An erased member as every document shows them from now on: an id, a name and an address that say nothing. */
export interface Pseudonym {
  /** Random, in the shape of a member id (so every route and view keeps working), derivable from nothing. */
  memberId: string;
  /** `Ẩn danh 3F9A0C`: stable (from the random id), readable in the sheets and reports. */
  name: string;
  email: string;
}

/** The pseudonym of a random id (`m-` and 16 hex digits). */
export function pseudonymOf(memberId: string): Pseudonym {
  return {
    memberId,
    name: `Ẩn danh ${memberId.slice(2, 8).toUpperCase()}`,
    email: `${memberId}@${PSEUDONYM_DOMAIN}`,
  };
}

/** Whether an address is an erased member's: such an address is never written to. */
export function isPseudonymousAddress(address: string): boolean {
  return address.trim().toLowerCase().endsWith(`@${PSEUDONYM_DOMAIN}`);
}

/** Who is erased (as stored until the erasure ends, then forgotten) and who they become. */
export interface ErasureTarget {
  /** The id derived from the e-mail (app/ids.ts): documents keyed by it are moved to the pseudonym's. */
  memberId: string;
  email: string;
  /** Every full name the member was known by; names another member also bears are left out (see `scrubText`). */
  names: string[];
  /** The years of the phase the member took part in. */
  years: number[];
  pseudonym: Pseudonym;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One expression that finds the member in any text: the e-mail (any case), the old member id, and each name as whole
 * words (any case, NFC): "Nguyễn Văn An" is found in "… Nguyễn Văn An, …" but not inside "Nguyễn Văn Anh".
 */
function finder(target: ErasureTarget): { pattern: RegExp; replace: (found: string) => string } | undefined {
  const names = target.names.map((n) => n.normalize('NFC').trim().replace(/\s+/gu, ' ')).filter((n) => n.length > 1);
  const parts = [
    ...[target.email, target.memberId].filter((v) => v.length > 0).map(escape),
    ...names.map((n) => `(?<![\\p{L}\\p{N}])${escape(n).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`),
  ];
  if (parts.length === 0) return undefined;
  const email = target.email.toLowerCase();
  return {
    pattern: new RegExp(parts.join('|'), 'giu'),
    replace: (found) =>
      found.toLowerCase() === email
        ? target.pseudonym.email
        : found === target.memberId
          ? target.pseudonym.memberId
          : target.pseudonym.name,
  };
}

/** A text with the member's e-mail, old id and names replaced by their pseudonym's. */
export function scrubText(text: string, target: ErasureTarget): string {
  const found = finder(target);
  if (!found) return text;
  const normal = text.normalize('NFC');
  return normal.replace(found.pattern, found.replace);
}

/** A stored value (any JSON) with `scrubText` applied to every string in it, keys included. */
export function scrubDeep<T>(value: T, target: ErasureTarget): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, target);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [scrubText(k, target), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Whether a stored value names the member anywhere (e-mail, old id, a name). */
export function mentions(value: unknown, target: ErasureTarget): boolean {
  return JSON.stringify(scrubDeep(value, target)) !== JSON.stringify(value);
}

/** What a member wrote or what was written about them, emptied: kept as empty values so every schema still reads. */
export const BLANKED_TEXT = '';

/**
 * A submission's body as received, with the member's free texts emptied and every mention replaced: the fields
 * Registration, Evidence, Evaluation and PartyStatus carry (API.md). A body that is not JSON is scrubbed as text.
 */
export function scrubRawBody(raw: string, target: ErasureTarget, owned: boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return scrubText(raw, target);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return scrubText(raw, target);
  const body = { ...(parsed as Record<string, unknown>) };
  if (owned) {
    if (typeof body.fullName === 'string') body.fullName = target.pseudonym.name;
    if (typeof body.email === 'string') body.email = target.pseudonym.email;
    for (const field of ['description', 'essay', 'initiative', 'comment', 'reference']) {
      if (typeof body[field] === 'string') body[field] = BLANKED_TEXT;
    }
    for (const field of ['phone', 'dateOfBirth']) if (field in body) body[field] = null;
    if (Array.isArray(body.links)) body.links = [];
  }
  return JSON.stringify(scrubDeep(body, target));
}
