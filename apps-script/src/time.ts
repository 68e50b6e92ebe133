// The clock and the project's date formats, all in Asia/Ho_Chi_Minh: ISO instants for the API, dd/MM/yyyy for people.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function now(): Date {
  return new Date();
}

/** `2019-01-15T08:30:00+07:00`: the instant format API.md asks for. */
export function isoWithOffset(date: Date): string {
  return Utilities.formatDate(date, TIME_ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** `15/01/2019 08:30`, for messages. */
export function displayDateTime(date: Date): string {
  return Utilities.formatDate(date, TIME_ZONE, 'dd/MM/yyyy HH:mm');
}

/** `2019-01-31` → `31/01/2019`; anything else is returned as given. */
export function displayIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3] ?? ''}/${match[2] ?? ''}/${match[1] ?? ''}` : isoDate;
}

/**
 * A date answer as `YYYY-MM-DD`. Forms give date items as `YYYY-MM-DD` already; a typed `dd/MM/yyyy` is converted,
 * anything else is passed on unchanged so the function can refuse it with a message naming the field.
 */
export function toIsoDate(answer: string): string {
  const value = answer.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (local) return `${local[3] ?? ''}-${(local[2] ?? '').padStart(2, '0')}-${(local[1] ?? '').padStart(2, '0')}`;
  return value;
}
