// Benchmark: Firestore operations and latency per registration, evidence and decision, at two roster sizes.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import type { AppContext } from '../../functions/src/app/context';
import { createJourneyFunction } from '../../functions/src/journey';
import { viewWorkFor } from '../../functions/src/views/work';
import { createJourneyClient } from '../../functions/dev/client';
import { startDurableFirestore } from '../../functions/dev/durable-firestore';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { CONFIG, YEAR, evaluation, evidence, registration } from '../integration/fixtures';
import { percentile } from './percentile';
import { seedRoster } from './roster';

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

/** With `journalDir`, on the durable emulator of `npm start` (every commit flushed to a journal there before it is answered). */
export async function benchSubmissions(members: number, journalDir?: string): Promise<SubmissionFigures[]> {
  const firestore =
    journalDir === undefined
      ? await startEmbeddedFirestore()
      : await startDurableFirestore({
          dataDir: journalDir,
          onJournalFailure: (error) => {
            throw error;
          },
        });
  const store = createFirestoreStore(firestore.db);
  const ctx: AppContext = {
    store,
    clock: () => new Date(),
    views: { workFor: viewWorkFor, changed: () => Promise.resolve() },
  };
  functions.http('journey', createJourneyFunction(ctx, { secret: SECRET }));
  const server = getTestServer('journey');
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const send = createJourneyClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SECRET, 'bench');
  try {
    await send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    await seedRoster(firestore.db, members);

    const figures: SubmissionFigures[] = [];
    const measure = async (
      kind: SubmissionFigures['kind'],
      bodies: { path: string; body: Record<string, unknown> }[],
    ): Promise<string[]> => {
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
    await measure(
      'registration',
      emails.map((email) => ({
        path: '/v1/registrations',
        body: registration({ email, fullName: `Thành viên ${email}` }),
      })),
    );
    const evidenceIds = await measure(
      'evidence',
      emails.map((email) => ({ path: '/v1/evidence', body: evidence({ email }) })),
    );
    await measure(
      'decision',
      evidenceIds.map((id) => ({ path: '/v1/evaluations', body: evaluation(id) })),
    );
    return figures;
  } finally {
    await new Promise<void>((done) =>
      server.close(() => {
        done();
      }),
    );
    await firestore.stop();
  }
}
