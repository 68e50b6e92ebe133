// Bench data: a roster of registered members written straight into the store (or kept in memory), the way many
// registrations would leave it, and a year large enough for 100 evaluator queues.
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '../../functions/src/adapters/firestore/store';
import { memberIdFor } from '../../functions/src/app/ids';
import { rescore } from '../../functions/src/app/journey';
import { resolveYearConfig, type YearConfig } from '../../functions/src/domain/config';
import type { JourneyDoc } from '../../functions/src/model';
import { CONFIG, YEAR } from '../integration/fixtures';
import { emptyResult } from '../../functions/src/domain/results';

export function resolved(config: unknown = CONFIG): YearConfig {
  const result = resolveYearConfig(config);
  if (!result.ok) throw new Error('bench config invalid');
  return result.config;
}

/** `members` registered journeys spread over the plan's units and groups, in registration order. */
export function rosterJourneys(config: YearConfig, members: number): JourneyDoc[] {
  return Array.from({ length: members }, (_, i) => {
    const email = `roster${i}@example.vn`;
    return rescore(config, {
      year: config.year,
      memberId: memberIdFor(email),
      email,
      fullName: `Đoàn viên ${i}`,
      dateOfBirth: null,
      phone: null,
      unitId: config.units[i % config.units.length]?.id ?? '',
      groupId: config.groups.length === 0 ? null : (config.groups[i % config.groups.length]?.id ?? null),
      training: ['RL1', 'RL2', 'RL6'],
      challenge: ['TT1'],
      registeredAt: new Date(Date.UTC(config.year, 0, 2) + i * 1000).toISOString(),
      amendedAt: null,
      entries: [],
      result: emptyResult(),
      party: { introducedAt: null, admittedAt: null, reference: null },
      consent: { notice: '0123456789ab', givenAt: '2019-01-10T02:00:00.000Z', withdrawnAt: null },
      updatedAt: '2019-01-10T02:00:00.000Z',
    });
  });
}

/** Writes `members` registered journeys in batches of 500 (the emulator slows as a collection grows). */
export async function seedRoster(db: Firestore, members: number): Promise<void> {
  const journeys = rosterJourneys(resolved(), members);
  for (let start = 0; start < journeys.length; start += 500) {
    const batch = db.batch();
    for (const journey of journeys.slice(start, start + 500))
      batch.set(db.doc(paths.journey(YEAR, journey.memberId)), journey);
    await batch.commit();
  }
}

/**
 * A year of `units` base unions with a group each: the committee's queue, then a party committee's, a base-union
 * executive's and a group's queue per unit, so 1 + 3 × units queues (33 units: 100 queues).
 */
export function largeYear(units: number): Record<string, unknown> {
  return {
    year: YEAR,
    phase: '2018-2022',
    units: Array.from({ length: units }, (_, i) => ({
      id: `U${i + 1}`,
      name: `Đoàn cơ sở số ${i + 1}`,
      evaluators: { BCH_CO_SO: [`bch${i + 1}@example.vn`], CAP_UY: [`capuy${i + 1}@example.vn`] },
      reportTo: [`capuy${i + 1}@example.vn`],
    })),
    groups: Array.from({ length: units }, (_, i) => ({
      id: `TO${i + 1}`,
      name: `Tổ ${i + 1}`,
      leader: `totruong${i + 1}@example.vn`,
      supervisor: `giamsat${i + 1}@example.vn`,
    })),
    committee: { BTV_DOAN_KHOI: ['btv@example.vn'], digestTo: ['btv@example.vn'] },
  };
}
