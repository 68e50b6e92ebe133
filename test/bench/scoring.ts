// Benchmark: scoring a whole year (10,000 members × 30 entries) with scoreJourney, rankMembers and nominateForCamp.
import { seededRandom } from '../../functions/dev/seeded-random';
import { performance } from 'node:perf_hooks';
import { resolveYearConfig, type YearConfig } from '../../functions/src/domain/config';
import type { Decision, DecisionKind } from '../../functions/src/domain/evaluation';
import { nominateForCamp, rankMembers, type RankCandidate } from '../../functions/src/domain/ranking';
import { scoreJourney, type RegisteredJourney, type ScoredEntry } from '../../functions/src/domain/results';

export interface ScoringFigures {
  members: number;
  /** Entries per member. */
  entries: number;
  /** Best of the timed runs, in milliseconds. */
  ms: number;
}

interface BenchMember {
  memberId: string;
  fullName: string;
  unitId: string;
  registered: RegisteredJourney;
  entries: ScoredEntry[];
}

const MEMBERS = 10_000;
const ENTRIES_PER_MEMBER = 30;
const UNITS = 40;
const RUNS = 3;

function benchConfig(): YearConfig {
  const result = resolveYearConfig({
    year: 2019,
    phase: '2018-2022',
    units: Array.from({ length: UNITS }, (_, i) => ({
      id: `unit-${String(i)}`,
      name: `Đoàn cơ sở số ${String(i)}`,
      evaluators: { BCH_CO_SO: [`bch${String(i)}@doankhoi.vn`], CAP_UY: [`capuy${String(i)}@doankhoi.vn`] },
    })),
    groups: Array.from({ length: 10 }, (_, i) => ({
      id: `to-${String(i)}`,
      name: `Tổ ${String(i)}`,
      leader: `to${String(i)}@doankhoi.vn`,
      supervisor: `gs${String(i)}@doankhoi.vn`,
    })),
    committee: { BTV_DOAN_KHOI: ['btv@doankhoi.vn'], digestTo: ['btv@doankhoi.vn'] },
    rules: { campPerUnitMax: 2 },
  });
  if (!result.ok) throw new Error(`bench config refused: ${JSON.stringify(result.issues)}`);
  return result.config;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hoàng', 'Quốc'];
const GIVEN = [
  'An',
  'Anh',
  'Ánh',
  'Bảo',
  'Bình',
  'Chi',
  'Dũng',
  'Dương',
  'Giang',
  'Hà',
  'Hải',
  'Khoa',
  'Linh',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Tâm',
  'Trang',
  'Tú',
];

/**
 * A realistic year: every BB, 3–6 RL and 1–2 TT registered; each member first reports what their tasks
 * need (BB1, BB3, five BB2 sessions, each RL and TT, RL2 twice), then fills up to 30 entries, mostly BB2
 * sessions and volunteer work. Most entries are approved, some after "needs info", some rejected or revoked.
 */
function buildYear(random: () => number): BenchMember[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = Date.parse('2019-02-01T08:00:00+07:00');
  const span = Date.parse('2019-10-31T08:00:00+07:00') - start;
  const dateOf = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
  const members: BenchMember[] = [];
  for (let m = 0; m < MEMBERS; m += 1) {
    const training = ['RL1', 'RL2', 'RL3', ...['RL4', 'RL5', 'RL6'].filter(() => random() < 0.25)];
    const challenge = random() < 0.3 ? ['TT1', 'TT3'] : [pick(['TT1', 'TT3', 'TT4'])];
    const core = ['BB1', 'BB3', 'BB2', 'BB2', 'BB2', 'BB2', 'BB2', 'RL2', ...training, ...challenge];
    const extra = ['BB2', 'BB2', 'BB2', 'RL2', 'RL2', ...training, ...challenge];
    const entries: ScoredEntry[] = [];
    for (let e = 0; e < ENTRIES_PER_MEMBER; e += 1) {
      const activity = start + Math.floor(random() * span);
      const decisions: Decision[] = [];
      const decide = (kind: DecisionKind, afterDays: number): void => {
        const editId = `e-${String(m)}-${String(e)}-${String(decisions.length)}`;
        decisions.push({ editId, editedAt: new Date(activity + afterDays * 86_400_000), decision: kind });
      };
      const roll = random();
      if (roll < 0.7) decide('approved', 1 + random() * 10);
      else if (roll < 0.8) {
        decide('needs_info', 1 + random() * 5);
        decide('approved', 6 + random() * 10);
      } else if (roll < 0.86) decide('rejected', 1 + random() * 10);
      else if (roll < 0.88) {
        decide('approved', 1 + random() * 5);
        decide('rejected', 6 + random() * 10);
      } else if (roll < 0.94) decide('needs_info', 1 + random() * 5);
      entries.push({ task: core[e] ?? pick(extra), activityDate: dateOf(activity), decisions });
    }
    members.push({
      memberId: `m-${String(m).padStart(5, '0')}`,
      fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
      unitId: `unit-${String(Math.floor(random() * UNITS))}`,
      registered: { training, challenge },
      entries,
    });
  }
  return members;
}

/** Scores, ranks and nominates the whole year once; returns how many were nominated (so the work is not optimised away). */
function scoreYear(config: YearConfig, members: readonly BenchMember[]): number {
  const candidates: RankCandidate[] = members.map((m) => ({
    memberId: m.memberId,
    fullName: m.fullName,
    unitId: m.unitId,
    result: scoreJourney(config, m.registered, m.entries),
  }));
  return nominateForCamp(rankMembers(candidates), config.rules).length;
}

/** Lets pending callbacks and the collector run between timed runs, so one run's garbage does not land in the next. */
const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds 10,000 members × 30 entries with a fixed seed, then times scoring all of them
 * (scoreJourney + rankMembers + nominateForCamp): one warm-up, best of three runs.
 */
export async function benchScoring(): Promise<ScoringFigures> {
  const config = benchConfig();
  const members = buildYear(seededRandom(20190101));
  let nominated = scoreYear(config, members);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run += 1) {
    await pause();
    const started = performance.now();
    nominated = scoreYear(config, members);
    best = Math.min(best, performance.now() - started);
  }
  if (nominated === 0) throw new Error('bench year nominated nobody: the generated data is not realistic');
  return { members: members.length, entries: ENTRIES_PER_MEMBER, ms: best };
}
