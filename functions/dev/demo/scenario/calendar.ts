// Dates and instants of the demo year, always written with the Vietnam offset.
import { YEAR } from '../data/roster';

/** Last day evaluators may decide (default calendar: evaluation closes 31/10). */
export const LAST_DECISION_DAY = `${YEAR}-10-31`;
/** Submissions stop two days before, so every decision can come after its submission. */
export const LAST_SUBMISSION_DAY = `${YEAR}-10-29`;

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** `date` at `hour`:`minute` in Vietnam, as an ISO instant. */
export function instant(date: string, hour: number, minute: number): string {
  return `${date}T${pad(hour)}:${pad(minute)}:00+07:00`;
}
