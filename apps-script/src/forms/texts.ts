// Vietnamese wording shared by the forms and the submission mapping (choice labels that map back to API values).
import { displayIsoDate } from '../time';

/** RL1 meeting kinds as the evidence form offers them; answers are mapped back by these prefixes. */
export const MEETING_KIND_PREFIX = {
  themed: 'Sinh hoạt chi đoàn chủ điểm',
  regular: 'Sinh hoạt chi đoàn định kỳ',
} as const;

export function meetingKindLabels(themedMonths: readonly number[]): { themed: string; regular: string } {
  const months = themedMonths.length > 0 ? ` (tháng ${joinOr(themedMonths.map(String))})` : '';
  return { themed: `${MEETING_KIND_PREFIX.themed}${months}`, regular: MEETING_KIND_PREFIX.regular };
}

/** `['3', '4', '9', '10']` → `3, 4, 9 hoặc 10`. */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} hoặc ${items[items.length - 1] ?? ''}`;
}

/** `1000` → `1.000`, the Vietnamese way of grouping digits. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function period(from: string, to: string): string {
  return `từ ngày ${displayIsoDate(from)} đến hết ngày ${displayIsoDate(to)}`;
}

export const PROGRAMME = 'Hành trình “Người Cộng sản trẻ”';
