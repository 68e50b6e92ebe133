// Benchmark: Firestore operations and latency per registration, evidence and decision, at two roster sizes.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore, paths } from '../../functions/src/adapters/firestore/store';
import type { AppContext } from '../../functions/src/app/context';
import { memberIdFor } from '../../functions/src/app/ids';
import { rescore } from '../../functions/src/app/journey';
import { resolveYearConfig } from '../../functions/src/domain/config';
import { createJourneyFunction } from '../../functions/src/journey';
import type { JourneyDoc } from '../../functions/src/model';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { CONFIG, YEAR, evaluation, evidence, registration } from '../integration/fixtures';

const SECRET = 'bench-secret-0123456789abcdef';
const SAMPLES = 40;

export interface SubmissionFigures {
  members: number;
  kind: 'registration' | 'evidence' | 'decision';
  readsPerOp: number;
  writesPerOp: number;
  p50ms: number;
  p95ms: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Registers `members` members straight into the store (the roster the measured submissions land among). */
async function seedRoster(db: FirebaseFirestore.Firestore, members: number): Promise<void> {
  const resolved = resolveYearConfig(CONFIG);
  if (!resolved.ok) throw new Error('bench config invalid');
  const config = resolved.config;
  for (let start = 0; start < members; start += 500) {
    const batch = db.batch();
    for (let i = start; i < Math.min(members, start + 500); i += 1) {
      const email = `roster${i}@example.vn`;
      const journey: JourneyDoc = rescore(config, {
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
        registeredAt: '2019-01-10T02:00:00.000Z',
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

export async function benchSubmissions(members: number): Promise<SubmissionFigures[]> {
  const firestore = await startEmbeddedFirestore();
  const store = createFirestoreStore(firestore.db);
  const ctx: AppContext = { store, clock: () => new Date(), views: { changed: () => undefined } };
  functions.http('journey', createJourneyFunction(ctx, { secret: SECRET }));
  const server = getTestServer('journey');
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const send = createJourneyClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SECRET, 'bench');
  try {
    await send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    await seedRoster(firestore.db, members);

    const figures: SubmissionFigures[] = [];
    const measure = async (kind: SubmissionFigures['kind'], bodies: { path: string; body: Record<string, unknown> }[]): Promise<string[]> => {
      const ids: string[] = [];
      const times: number[] = [];
      const before = { ...store.counters };
      for (const { path, body } of bodies) {
        const started = performance.now();
        const answer = await send<{ status: string; id: string }>('POST', path, body);
        times.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`${kind} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        ids.push(answer.body.id);
      }
      figures.push({
        members,
        kind,
        readsPerOp: (store.counters.reads - before.reads) / bodies.length,
        writesPerOp: (store.counters.writes - before.writes) / bodies.length,
        p50ms: percentile(times, 50),
        p95ms: percentile(times, 95),
      });
      return ids;
    };

    const emails = Array.from({ length: SAMPLES }, (_, i) => `bench${i}@example.vn`);
    await measure('registration', emails.map((email) => ({ path: '/v1/registrations', body: registration({ email, fullName: `Thành viên ${email}` }) })));
    const evidenceIds = await measure('evidence', emails.map((email) => ({ path: '/v1/evidence', body: evidence({ email }) })));
    await measure('decision', evidenceIds.map((id) => ({ path: '/v1/evaluations', body: evaluation(id) })));
    return figures;
  } finally {
    await new Promise<void>((done) => server.close(() => { done(); }));
    await firestore.stop();
  }
}
