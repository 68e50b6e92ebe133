// The year's calendar: when registration opens and closes, when activities run, when evaluation closes.
import { z } from 'zod';
import { isIsoDate } from './dates';

/** A day as the plan writes it, `YYYY-MM-DD`. */
export const isoDate = z.string().refine(isIsoDate, { message: 'Ngày phải có dạng YYYY-MM-DD' });

export const CalendarSchema = z.object({
  registrationOpens: isoDate,
  registrationCloses: isoDate,
  amendmentCloses: isoDate,
  activityStarts: isoDate,
  activityEnds: isoDate,
  evaluationCloses: isoDate,
});
export type Calendar = z.infer<typeof CalendarSchema>;
