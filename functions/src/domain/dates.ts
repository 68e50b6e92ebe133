// Calendar dates of the plan: ISO `YYYY-MM-DD` strings in Asia/Ho_Chi_Minh, compared as text.
import { TZDate } from '@date-fns/tz';
import { format, isValid, parseISO } from 'date-fns';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An ISO calendar date such as `2019-01-31`. Lexicographic order is date order. */
export type IsoDate = string;

/**
 * The calendar date of an instant in Vietnam.
 * @example localDate(new Date('2019-01-31T18:00:00Z')) // '2019-02-01'
 */
export function localDate(instant: Date): IsoDate {
  return format(new TZDate(instant.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2019-02-30`). */
export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value
  );
}

/** A date as people read it in Vietnam: `dd/MM/yyyy`. */
export function displayDate(date: IsoDate): string {
  return format(parseISO(date), 'dd/MM/yyyy');
}

/** An instant as people read it in Vietnam: `dd/MM/yyyy HH:mm`. */
export function displayInstant(instant: Date): string {
  return format(new TZDate(instant.getTime(), TIME_ZONE), 'dd/MM/yyyy HH:mm');
}

/** The month (1–12) of an ISO date. */
export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** Inclusive range check on ISO dates. */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

/**
 * The same calendar date `years` later (or earlier); 29 February becomes 28 February in a year without it.
 * @example addYears('2020-02-29', 1) // '2021-02-28'
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
