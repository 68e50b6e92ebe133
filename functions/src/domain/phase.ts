// The phase (giai đoạn 2018–2022) and its years: bounds, and the plan's schedule for each year — the first one short (IV.3).
import type { TaskDefinition } from './catalogue';
import type { Calendar } from './calendar';

export interface PhaseBounds {
  first: number;
  last: number;
}

/**
 * The first and last year of a phase written `YYYY-YYYY`; undefined when malformed or backwards.
 * @example phaseBounds('2018-2022') // { first: 2018, last: 2022 }
 */
export function phaseBounds(phase: string): PhaseBounds | undefined {
  const match = /^(\d{4})-(\d{4})$/.exec(phase);
  if (!match?.[1] || !match[2]) return undefined;
  const first = Number(match[1]);
  const last = Number(match[2]);
  return first <= last ? { first, last } : undefined;
}

/** True when `year` is one of the phase's years. */
export function isInPhase(year: number, phase: string): boolean {
  const bounds = phaseBounds(phase);
  return bounds !== undefined && year >= bounds.first && year <= bounds.last;
}

/**
 * True for the phase's first year: the plan is issued in its autumn (04/10/2018), so that year runs October to
 * December only ("Tháng 10 năm 2018: tổ chức triển khai và các hoạt động năm 2018", IV.3).
 */
export function isShortFirstYear(year: number, phase: string | undefined): boolean {
  return phase !== undefined && phaseBounds(phase)?.first === year;
}

/**
 * The plan's calendar for a year (III.3 "Hàng năm"): register in January, act February–October, evaluate in October;
 * the phase's first year registers in October, acts October to mid-December and is evaluated by 31 December.
 * @example defaultCalendar(2018, '2018-2022').registrationOpens // '2018-10-01'
 */
export function defaultCalendar(year: number, phase?: string): Calendar {
  if (isShortFirstYear(year, phase)) {
    return {
      registrationOpens: `${year}-10-01`,
      registrationCloses: `${year}-10-31`,
      amendmentCloses: `${year}-11-15`,
      activityStarts: `${year}-10-01`,
      activityEnds: `${year}-12-15`,
      evaluationCloses: `${year}-12-31`,
    };
  }
  return {
    registrationOpens: `${year}-01-01`,
    registrationCloses: `${year}-01-31`,
    amendmentCloses: `${year}-06-30`,
    activityStarts: `${year}-02-01`,
    activityEnds: `${year}-10-31`,
    evaluationCloses: `${year}-10-31`,
  };
}

/**
 * What the short first year changes in the catalogue: BB2 asks for the quarterly sessions of the year ("ít nhất 04
 * lần/năm"), and a year of one quarter has one. Every other year keeps the catalogue as it is.
 */
export function taskDefaultsOfYear(year: number, phase: string | undefined): Partial<TaskDefinition>[] {
  if (!isShortFirstYear(year, phase)) return [];
  return [
    {
      code: 'BB2',
      minEntries: 1,
      description:
        `Tham gia học tập, quán triệt nghị quyết, nghe thời sự quý do Đoàn thể Khối phối hợp tổ chức hoặc cấp ủy tổ chức ít nhất 01 lần trong quý IV năm ${year} ` +
        '(năm đầu của giai đoạn chỉ có quý IV; các năm sau ít nhất 04 lần/năm) (Ban Thường vụ Đoàn Khối hoặc cấp ủy cho ý kiến và theo dõi đánh giá).',
    },
  ];
}
