// Benchmark: what one page of a year's inbox costs (GET …/inbox?status=refused, 100 entries), with 1,000 and with 100,000 entries in the year.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import type { AppContext } from '../../functions/src/app/context';
import { createJourneyFunction } from '../../functions/src/journey';
import type { InboxDoc } from '../../functions/src/model';
import { viewWorkFor } from '../../functions/src/views/work';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { CONFIG, YEAR } from '../integration/fixtures';
import { percentile } from './percentile';

const SECRET = 'bench-secret-0123456789abcdef';
// Full pages at both sizes: 1,000 entries hold 334 refused.
const PAGES = 3;
const PAGE = 100;

export interface ListingFigures {
  entries: number;
  /** Firestore documents read per page, as the store counts them (Firestore bills the same). */
  readsPerPage: number;
  /** Time per page on the embedded emulator, which scans the collection for every query (Firestore reads the index). */
  p50ms: number;
  seedSeconds: number;
}

/** A year's inbox of `entries` submissions, one in three refused, over the year's first months. */
function entry(i: number): InboxDoc {
  const at = new Date(Date.UTC(YEAR, 0, 10) + i * 60_000).toISOString();
  return {
    key: `evidence-${String(i).padStart(8, '0')}`,
    kind: 'evidence',
    sourceKey: `e-${String(i)}`,
    year: YEAR,
    email: `m${String(i % 50_000)}@example.vn`,
    raw: JSON.stringify({
      responseId: `e-${String(i)}`,
      year: YEAR,
      email: `m${String(i % 50_000)}@example.vn`,
      task: 'RL2',
      description: 'Tham gia hiến máu tình nguyện',
    }),
    receivedAt: at,
    caller: 'apps-script',
    status: i % 3 === 0 ? 'refused' : 'accepted',
    id: null,
    errors:
      i % 3 === 0 ? [{ field: 'task', code: 'task_not_registered', message: 'Bạn chưa đăng ký nhiệm vụ RL2.' }] : [],
    decidedAt: at,
  };
}

export async function benchInboxListing(entries: number): Promise<ListingFigures> {
  const firestore = await startEmbeddedFirestore();
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
    const seeding = performance.now();
    for (let i = 0; i < entries; i += 500) {
      const batch = firestore.db.batch();
      for (let k = i; k < Math.min(entries, i + 500); k += 1) {
        const doc = entry(k);
        batch.set(firestore.db.doc(`inbox/${doc.key}`), doc);
      }
      await batch.commit();
    }
    const seedSeconds = (performance.now() - seeding) / 1000;

    const times: number[] = [];
    let reads = 0;
    let cursor: string | null = null;
    for (let page = 0; page < PAGES; page += 1) {
      const before = store.counters.reads;
      const started = performance.now();
      const answer: Awaited<ReturnType<typeof send<{ items: unknown[] }>>> = await send(
        'GET',
        `/v1/years/${YEAR}/inbox?status=refused&limit=${String(PAGE)}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      times.push(performance.now() - started);
      if (answer.status !== 200 || answer.body.items.length !== PAGE)
        throw new Error(`page ${String(page)} answered ${String(answer.status)}`);
      // The plan's year is read to know the year exists; the rest is the page.
      reads += store.counters.reads - before;
      cursor = answer.headers?.get('x-next-cursor') ?? null;
    }
    return { entries, readsPerPage: reads / PAGES, p50ms: percentile(times, 50), seedSeconds };
  } finally {
    await new Promise<void>((done) => {
      server.close(() => {
        done();
      });
    });
    await firestore.stop();
  }
}
