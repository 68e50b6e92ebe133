// What a member still needs for completing the year and for each grade (SPEC §2 Results), with the plan's dates.
import type { TaskGroup } from './catalogue';
import type { YearConfig } from './config';
import type { IsoDate } from './dates';
import type { Grade, JourneyResult } from './results';

/** One thing still to do. `by` is the last day it can be done; `late` when that day has passed. */
export type OutlookStep = (
  | { kind: 'task'; code: string; group: TaskGroup; remaining: number; pending: number; distinctDates: boolean }
  | { kind: 'choose'; group: 'RL' | 'TT'; count: number; from: string[] }
  | { kind: 'register'; group: 'RL' | 'TT'; count: number }
) & { by: IsoDate; late: boolean };

export interface GradeOutlook {
  /** `dat` is completing the year; `tot` and `xuat_sac` the grades above it. */
  grade: Exclude<Grade, 'chua_dat'>;
  reached: boolean;
  steps: OutlookStep[];
}

export interface MemberTasks {
  training: readonly string[];
  challenge: readonly string[];
}

/**
 * The steps left for each grade, from the stored result: completion needs every BB task and the minimum of RL
 * and TT tasks; Tốt every registered task; Xuất sắc one RL and one TT task beyond the minimum, which may
 * first need an amendment (đăng ký bổ sung) before the amendment window closes.
 * @example gradeOutlook(config, { training: ['RL1','RL2','RL6'], challenge: ['TT1'] }, result, '2019-05-01')
 */
export function gradeOutlook(
  config: YearConfig,
  registered: MemberTasks,
  result: Pick<JourneyResult, 'tasks' | 'done' | 'completed' | 'grade'>,
  today: IsoDate,
): GradeOutlook[] {
  const { calendar, rules } = config;
  const activity = { by: calendar.activityEnds, late: today > calendar.activityEnds };
  const amendment = { by: calendar.amendmentCloses, late: today > calendar.amendmentCloses };
  const codes: Record<TaskGroup, string[]> = {
    BB: config.tasks.filter((t) => t.group === 'BB').map((t) => t.code),
    RL: [...registered.training],
    TT: [...registered.challenge],
  };
  const notDone = (group: TaskGroup): string[] => codes[group].filter((code) => result.tasks[code]?.status !== 'done');
  const taskStep = (code: string): OutlookStep => {
    const task = config.tasks.find((t) => t.code === code);
    const progress = result.tasks[code];
    const required = progress?.required ?? task?.minEntries ?? 1;
    return {
      kind: 'task',
      code,
      group: task?.group ?? 'RL',
      remaining: Math.max(1, required - (progress?.approved ?? 0)),
      pending: progress?.pending ?? 0,
      distinctDates: task?.distinctDates ?? false,
      ...activity,
    };
  };
  const minimum: Record<'RL' | 'TT', number> = { RL: rules.minTraining, TT: rules.minChallenge };

  // Completion: every BB task, then enough RL and TT tasks among those registered (or registered in addition).
  const completion: OutlookStep[] = notDone('BB').map(taskStep);
  for (const group of ['RL', 'TT'] as const) {
    const short = minimum[group] - result.done[group];
    if (short <= 0) continue;
    const open = notDone(group);
    if (open.length > 0)
      completion.push({ kind: 'choose', group, count: Math.min(short, open.length), from: open, ...activity });
    if (open.length < short) completion.push({ kind: 'register', group, count: short - open.length, ...amendment });
  }

  // Tốt: every registered task done (which includes completion when at least the minimum is registered).
  const good: OutlookStep[] = [...notDone('BB'), ...notDone('RL'), ...notDone('TT')].map(taskStep);
  for (const group of ['RL', 'TT'] as const) {
    const unregistered = minimum[group] - codes[group].length;
    if (unregistered > 0) good.push({ kind: 'register', group, count: unregistered, ...amendment });
  }

  // Xuất sắc: Tốt, with one task beyond the minimum in RL and in TT; one more may need registering first.
  const excellent: OutlookStep[] = good.filter((step) => step.kind !== 'register');
  for (const group of ['RL', 'TT'] as const) {
    // Registered up to the minimum plus one more: the amendment adds them all at once.
    const toRegister = minimum[group] + 1 - codes[group].length;
    if (toRegister > 0) excellent.push({ kind: 'register', group, count: toRegister, ...amendment });
  }

  return [
    { grade: 'dat', reached: result.completed, steps: result.completed ? [] : completion },
    {
      grade: 'tot',
      reached: result.grade === 'tot' || result.grade === 'xuat_sac',
      steps: result.grade === 'tot' || result.grade === 'xuat_sac' ? [] : good,
    },
    { grade: 'xuat_sac', reached: result.grade === 'xuat_sac', steps: result.grade === 'xuat_sac' ? [] : excellent },
  ];
}

/** Where a member stands for the "Lá Trung Quân" camp nominations by the current ranking (the committee confirms the list). */
export type CampOutlook =
  | { kind: 'grade_too_low' }
  | { kind: 'within_quota'; quota: number; perUnitMax: number | null }
  | { kind: 'outside_quota'; quota: number };

/**
 * Nominations are the top `campQuota` members of grade Tốt or better; better grades rank first, so a member of
 * grade Tốt or better is inside the quota exactly when its rank is. A per-unit cap may still leave them out.
 */
export function campOutlook(
  grade: Grade,
  rank: number | undefined,
  rules: Pick<YearConfig['rules'], 'campQuota' | 'campPerUnitMax'>,
): CampOutlook {
  if (grade !== 'tot' && grade !== 'xuat_sac') return { kind: 'grade_too_low' };
  if (rank !== undefined && rank <= rules.campQuota)
    return { kind: 'within_quota', quota: rules.campQuota, perUnitMax: rules.campPerUnitMax };
  return { kind: 'outside_quota', quota: rules.campQuota };
}
