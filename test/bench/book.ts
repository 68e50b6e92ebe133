// Benchmark: time and Firestore reads to answer one member's journey-book page, with 100 and with 10,000 members in the year.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import type { AppContext } from '../../functions/src/app/context';
import { createJourneyFunction } from '../../functions/src/journey';
import { viewWorkFor } from '../../functions/src/views/work';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { CONFIG, YEAR, evaluation, evidence, registration } from '../integration/fixtures';
import { percentile } from './percentile';
import { seedRoster } from './roster';

const SECRET = 'bench-secret-0123456789abcdef';
const PUBLIC = 'https://hanh-trinh.example.vn';
const WARMUP = 5;
const SAMPLES = 60;

export interface BookFigures {
  members: number;
  p50ms: number;
  p95ms: number;
  readsPerPage: number;
  /** Time to count the seeded roster into the ranking index (POST /sync does this once after an upgrade). */
  indexSeconds: number;
}

export async function benchBook(members: number): Promise<BookFigures> {
  const firestore = await startEmbeddedFirestore();
  const store = createFirestoreStore(firestore.db);
  const ctx: AppContext = {
    store,
    clock: () => new Date(),
    views: { workFor: viewWorkFor, changed: () => Promise.resolve() },
  };
  functions.http('journey', createJourneyFunction(ctx, { secret: SECRET, publicUrl: PUBLIC }));
  const server = getTestServer('journey');
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = createJourneyClient(url, SECRET, 'bench');
  try {
    await send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    await seedRoster(firestore.db, members - 1);
    const started = performance.now();
    await store.indexRanking(YEAR);
    const indexSeconds = (performance.now() - started) / 1000;

    // The member whose book is opened: registered, three activities reported, two of them decided with a comment.
    await send('POST', '/v1/registrations', registration());
    const ids: string[] = [];
    for (const activityDate of ['2019-04-10', '2019-04-20', '2019-04-27']) {
      ids.push((await send<{ id: string }>('POST', '/v1/evidence', evidence({ activityDate }))).body.id);
    }
    for (const id of ids.slice(0, 2))
      await send('POST', '/v1/evaluations', evaluation(id, { comment: 'Hoạt động có ý nghĩa, minh chứng đầy đủ.' }));
    const link = await send<{ url: string }>('GET', `/v1/years/${YEAR}/members/an.snv%40example.vn/book-link`);
    const page = url + link.body.url.slice(PUBLIC.length);

    const times: number[] = [];
    let reads = 0;
    for (let i = 0; i < WARMUP + SAMPLES; i += 1) {
      const before = store.counters.reads;
      const t = performance.now();
      const response = await fetch(page);
      const html = await response.text();
      if (response.status !== 200 || !html.includes('Nguyễn Văn An'))
        throw new Error(`the book answered ${response.status}`);
      if (i >= WARMUP) {
        times.push(performance.now() - t);
        reads += store.counters.reads - before;
      }
    }
    return {
      members,
      p50ms: percentile(times, 50),
      p95ms: percentile(times, 95),
      readsPerPage: reads / SAMPLES,
      indexSeconds,
    };
  } finally {
    await new Promise<void>((done) =>
      server.close(() => {
        done();
      }),
    );
    await firestore.stop();
  }
}
