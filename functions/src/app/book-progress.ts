// A member's progress across the year, month by month, for the journey book's chart (pure: the journey in, figures out).
import { TZDate } from '@date-fns/tz';
import type { TaskGroup } from '../domain/catalogue';
import type { YearConfig } from '../domain/config';
import { localDate, TIME_ZONE } from '../domain/dates';
import type { JourneyDoc } from '../model';
import { journeyAt } from './journey';

/** One month of the activity period: `2019-03`, and the tasks done per group by its end (null: not reached yet). */
export interface BookMonth {
  month: string;
  done: Record<TaskGroup, number> | null;
}

export interface BookProgress {
  /** The day the figures stand at: today, or the day evaluation closed once the year is over. */
  asOf: string;
  months: BookMonth[];
  /** Tasks to finish per group: every BB task, the minimum of RL and TT. */
  needed: Record<TaskGroup, number>;
}

/** The last instant of a month in Vietnam: the first of the next, less a millisecond. */
function monthEnd(year: number, month: number): Date {
  return new Date(new TZDate(year, month, 1, 0, 0, 0, 0, TIME_ZONE).getTime() - 1);
}

/**
 * From the month activities start to the month evaluation closes, the tasks done per group as the journey stood at
 * each month's end (the current month as it stands now); months still ahead have no figures.
 * @example monthlyProgress(config, journey, new Date('2019-05-10')).months.map((m) => m.month)
 *   // ['2019-03', …, '2019-10'] for activities from March, evaluation closing in October; June onwards `done: null`
 */
export function monthlyProgress(config: YearConfig, journey: JourneyDoc, now: Date): BookProgress {
  const { activityStarts, evaluationCloses } = config.calendar;
  const index = (date: string): number => {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return y * 12 + m - 1;
  };
  const months: BookMonth[] = [];
  for (let i = index(activityStarts); i <= index(evaluationCloses); i++) {
    const [y, m] = [Math.floor(i / 12), (i % 12) + 1];
    const start = new Date(monthEnd(y, m - 1).getTime() + 1);
    const end = monthEnd(y, m);
    // Not yet registered at the month's end: nothing done.
    const then = start > now ? undefined : journeyAt(config, journey, end < now ? end : now);
    months.push({
      month: `${String(y)}-${String(m).padStart(2, '0')}`,
      done: start > now ? null : { BB: 0, RL: 0, TT: 0, ...then?.result.done },
    });
  }
  const needed = {
    BB: config.tasks.filter((t) => t.group === 'BB').length,
    RL: config.rules.minTraining,
    TT: config.rules.minChallenge,
  };
  const today = localDate(now);
  return { asOf: today < evaluationCloses ? today : evaluationCloses, months, needed };
}
