// The periods reports cover: ISO weeks (`2019-W05`), quarters (`2019-Q2`), years (`2019`) and the phase (`2018-2022`).
import {
  addDays,
  format,
  getISOWeek,
  getISOWeekYear,
  parseISO,
  setISOWeek,
  startOfISOWeek,
  startOfISOWeekYear,
} from 'date-fns';
import { displayDate, type IsoDate } from './dates';
import type { ReportKind } from './mail';

export type PeriodKind = 'week' | 'quarter' | 'year' | 'phase';

export interface Period {
  kind: PeriodKind;
  /** As API.md writes it: `2019-W05`, `2019-Q2`, `2019`, `2018-2022`. */
  label: string;
  /** The year it belongs to (for a phase, its last year). */
  year: number;
  start: IsoDate;
  end: IsoDate;
  /** In words, for subjects and titles: `tuần 05/2019 (28/01–03/02/2019)`, `quý II/2019`, `năm 2019`, `giai đoạn 2018–2022`. */
  title: string;
}

const PERIOD_OF: Record<ReportKind, PeriodKind> = {
  digest: 'week',
  reminders: 'week',
  members: 'week',
  quarterly: 'quarter',
  annual: 'year',
  camp: 'year',
  phase: 'phase',
};

export function periodKindOf(kind: ReportKind): PeriodKind {
  return PERIOD_OF[kind];
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const iso = (date: Date): IsoDate => format(date, 'yyyy-MM-dd');

function week(year: number, number: number): Period | undefined {
  const first = startOfISOWeekYear(new Date(year, 5, 1));
  const start = startOfISOWeek(setISOWeek(first, number));
  if (getISOWeekYear(start) !== year || getISOWeek(start) !== number) return undefined;
  const end = addDays(start, 6);
  const label = `${year}-W${String(number).padStart(2, '0')}`;
  return {
    kind: 'week',
    label,
    year,
    start: iso(start),
    end: iso(end),
    title: `tuần ${String(number).padStart(2, '0')}/${year} (${format(start, 'dd/MM')}–${displayDate(iso(end))})`,
  };
}

function quarter(year: number, q: number): Period {
  const start = new Date(year, (q - 1) * 3, 1);
  const end = addDays(new Date(year, q * 3, 1), -1);
  return {
    kind: 'quarter',
    label: `${year}-Q${q}`,
    year,
    start: iso(start),
    end: iso(end),
    title: `quý ${ROMAN[q - 1] ?? q}/${year}`,
  };
}

function wholeYear(year: number): Period {
  return {
    kind: 'year',
    label: String(year),
    year,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    title: `năm ${year}`,
  };
}

function phase(first: number, last: number): Period {
  return {
    kind: 'phase',
    label: `${first}-${last}`,
    year: last,
    start: `${first}-01-01`,
    end: `${last}-12-31`,
    title: `giai đoạn ${first}–${last}`,
  };
}

/**
 * Reads a period of the given kind, or undefined when it is not one (`2019-W53` does not exist, `2019-Q5` neither).
 * @example parsePeriod('quarter', '2019-Q2')?.start // '2019-04-01'
 */
export function parsePeriod(kind: PeriodKind, text: string): Period | undefined {
  const value = text.trim();
  switch (kind) {
    case 'week': {
      const m = /^(\d{4})-W(\d{2})$/.exec(value);
      return m ? week(Number(m[1]), Number(m[2])) : undefined;
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(value);
      return m ? quarter(Number(m[1]), Number(m[2])) : undefined;
    }
    case 'year':
      return /^\d{4}$/.test(value) ? wholeYear(Number(value)) : undefined;
    case 'phase': {
      const m = /^(\d{4})-(\d{4})$/.exec(value);
      return m && Number(m[1]) <= Number(m[2]) ? phase(Number(m[1]), Number(m[2])) : undefined;
    }
  }
}

/**
 * The period a report covers when none is named: the week, quarter or year holding `today`, or the year's phase.
 * @example currentPeriod('week', '2019-02-01', '2018-2022').label // '2019-W05'
 */
export function currentPeriod(kind: PeriodKind, today: IsoDate, yearPhase: string): Period {
  const date = parseISO(today);
  switch (kind) {
    case 'week':
      return week(getISOWeekYear(date), getISOWeek(date)) ?? wholeYear(date.getFullYear());
    case 'quarter':
      return quarter(date.getFullYear(), Math.floor(date.getMonth() / 3) + 1);
    case 'year':
      return wholeYear(date.getFullYear());
    case 'phase':
      return parsePeriod('phase', yearPhase) ?? wholeYear(date.getFullYear());
  }
}

/** The `2019-W05` example a person is shown when a period is written wrong. */
export const PERIOD_EXAMPLES: Record<PeriodKind, string> = {
  week: '2019-W05',
  quarter: '2019-Q2',
  year: '2019',
  phase: '2018-2022',
};
