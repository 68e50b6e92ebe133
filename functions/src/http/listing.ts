// API.md "Listings": `status`, `limit` and `cursor` read the same way on every listing, and the next page's cursor in `X-Next-Cursor`.
import { violation, type Violation } from '../domain/violations';
import type { PagePosition, PageRequest } from '../ports';
import { json, refusalAnswer, type HttpAnswer } from './answers';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1_000;
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

/** The cursor callers carry between pages: opaque to them, the position of the page's last entry to us. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, id] = value as unknown[];
    if (
      typeof at !== 'string' ||
      typeof id !== 'string' ||
      at === '' ||
      id === '' ||
      at.length > 64 ||
      id.length > 1_500 ||
      id.includes('/')
    )
      return undefined;
    return { at, id };
  } catch {
    return undefined;
  }
}

/** One query parameter given at most once: its value, absent (undefined), or the refusal of a repeat. */
function single(query: URLSearchParams, name: string, allowed: string): string | undefined | Violation {
  const values = query.getAll(name);
  if (values.length > 1)
    return violation('invalid_parameter', name, {
      detail: `chỉ được gửi một lần (đã gửi ${String(values.length)} lần); ${allowed}`,
    });
  return values[0] === '' ? undefined : values[0];
}

const isViolation = (value: unknown): value is Violation =>
  typeof value === 'object' && value !== null && 'code' in value;

/**
 * A listing's page as the query asks for it, or 400 naming what is wrong: `status` one of `statuses` (absent or
 * empty: every status), given at most once; `limit` a whole number from 1 to 1,000 (default 100); `cursor` as a
 * previous page's `X-Next-Cursor` gave it.
 */
export function readListingQuery<S extends string>(
  query: URLSearchParams,
  statuses: readonly S[],
): { request: PageRequest<S> } | { refusal: HttpAnswer } {
  const errors: Violation[] = [];
  const statusList = `chỉ nhận một trong các giá trị: ${statuses.join(', ')}.`;
  const status = single(query, 'status', statusList);
  if (isViolation(status)) errors.push(status);
  else if (status !== undefined && !(statuses as readonly string[]).includes(status)) {
    errors.push(
      violation('invalid_parameter', 'status', {
        detail: `"${status.slice(0, 40)}" không phải trạng thái; ${statusList}`,
      }),
    );
  }
  const limitText = single(query, 'limit', `số nguyên từ 1 đến ${MAX_PAGE.toLocaleString('vi-VN')}.`);
  let limit = DEFAULT_PAGE;
  if (isViolation(limitText)) errors.push(limitText);
  else if (limitText !== undefined) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1 || limit > MAX_PAGE) {
      errors.push(
        violation('invalid_parameter', 'limit', {
          detail: `cần là số nguyên từ 1 đến ${MAX_PAGE.toLocaleString('vi-VN')} (mặc định ${String(DEFAULT_PAGE)}).`,
        }),
      );
    }
  }
  const cursorText = single(query, 'cursor', 'dùng đúng giá trị tiêu đề X-Next-Cursor của trang trước.');
  let after: PagePosition | undefined;
  if (isViolation(cursorText)) errors.push(cursorText);
  else if (cursorText !== undefined) {
    after = decodeCursor(cursorText);
    if (!after)
      errors.push(
        violation('invalid_parameter', 'cursor', {
          detail: 'không đọc được; dùng đúng giá trị tiêu đề X-Next-Cursor của trang trước.',
        }),
      );
  }
  if (errors.length > 0) return { refusal: refusalAnswer(errors) };
  return { request: { status: status as S | undefined, limit, after } };
}

/** A page's answer: `body` as the listing's shape, and the next page's cursor in the header when there is one. */
export function pageAnswer(body: unknown, next: PagePosition | null): HttpAnswer {
  const answer = json(body);
  return next ? { ...answer, headers: { [NEXT_CURSOR_HEADER]: encodeCursor(next) } } : answer;
}
