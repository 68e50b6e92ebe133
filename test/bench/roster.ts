// Bench data: a roster of registered members written straight into the store, the way many registrations would leave it.
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '../../functions/src/adapters/firestore/store';
import { memberIdFor } from '../../functions/src/app/ids';
import { rescore } from '../../functions/src/app/journey';
import { resolveYearConfig } from '../../functions/src/domain/config';
import { CONFIG, YEAR } from '../integration/fixtures';

/** Writes `members` registered journeys in batches of 500 (the emulator slows as a collection grows). */
export async function seedRoster(db: Firestore, members: number): Promise<void> {
  const resolved = resolveYearConfig(CONFIG);
  if (!resolved.ok) throw new Error('bench config invalid');
  const config = resolved.config;
  for (let start = 0; start < members; start += 500) {
    const batch = db.batch();
    for (let i = start; i < Math.min(members, start + 500); i += 1) {
      const email = `roster${i}@example.vn`;
      const journey = rescore(config, {
        year: YEAR,
        memberId: memberIdFor(email),
        email,
        fullName: `Đoàn viên ${i}`,
        dateOfBirth: null,
        phone: null,
        unitId: i % 2 === 0 ? 'SNV' : 'STP',
        groupId: 'TO1',
        training: ['RL1', 'RL2', 'RL6'],
        challenge: ['TT1'],
        registeredAt: new Date(Date.UTC(YEAR, 0, 2) + i * 1000).toISOString(),
        amendedAt: null,
        entries: [],
        result: { tasks: {}, done: { BB: 0, RL: 0, TT: 0 }, completed: false, completedAt: null, grade: 'chua_dat', points: 0 },
        party: { introducedAt: null, admittedAt: null, reference: null },
        updatedAt: '2019-01-10T02:00:00.000Z',
      });
      batch.set(db.doc(paths.journey(YEAR, journey.memberId)), journey);
    }
    await batch.commit();
  }
}
