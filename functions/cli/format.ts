// Output formatting shared by the commands: aligned plain-text tables, dates in Vietnam, raw bodies and server refusals.
import type { JourneyAnswer } from '../dev/client';
import { displayDate, displayInstant, localDate } from '../src/domain/dates';

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Visible width of a string in a terminal: grapheme clusters, so a letter with its tone marks counts as one. */
function width(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

export function padEnd(text: string, size: number): string {
  return text.normalize('NFC') + ' '.repeat(Math.max(0, size - width(text)));
}

function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text.normalize('NFC');
}

/** A plain text table; `right` marks columns aligned to the right (numbers). */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (right.includes(i) ? padStart(cell, widths[i] ?? 0) : padEnd(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** An instant as a date in Vietnam, dd/MM/yyyy; "—" when absent. */
export function formatDay(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : displayDate(localDate(date));
}

/** An instant in Vietnam, dd/MM/yyyy HH:mm. */
export function formatTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : displayInstant(date);
}

/** A calendar date yyyy-MM-dd as dd/MM/yyyy; "—" when absent or not such a date. */
export function formatIsoDate(date: string | null | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? displayDate(date) : '—';
}

/** A body as the server sent it: text as is, JSON indented. */
export function formatBody(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

interface ErrorItem {
  field?: string;
  code?: string;
  message?: string;
}

/** Why the server said no, in Vietnamese: the HTTP status and each reason it gave. */
export function formatFailure(answer: JourneyAnswer): string {
  const lines: string[] = [];
  if (answer.status === 401) {
    lines.push(
      'Máy chủ từ chối chữ ký của yêu cầu (HTTP 401). Vui lòng kiểm tra biến JOURNEY_SHARED_SECRET có trùng với khóa ký của máy chủ không.',
    );
  } else {
    lines.push(`Máy chủ trả lời lỗi HTTP ${answer.status}.`);
  }
  const errors =
    typeof answer.body === 'object' && answer.body !== null ? (answer.body as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors)) {
    for (const e of errors as ErrorItem[])
      lines.push(`  - ${e.code ?? 'lỗi'}${e.field ? ` (${e.field})` : ''}: ${e.message ?? ''}`);
  } else if (typeof answer.body === 'string' && answer.body.trim() !== '') {
    lines.push(`  ${answer.body.slice(0, 500)}`);
  }
  return lines.join('\n');
}
