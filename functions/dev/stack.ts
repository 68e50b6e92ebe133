// The journey function on one machine, built one way for `npm start`, the integration harnesses and the benchmarks: a
// Firestore (the embedded stand-in unless one is given: the durable one of `npm start`, Google's emulator), the store,
// the function alone or composed with its Sheets views and outbox as in production (compose.ts), served by
// functions-framework on a local port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { createFirestoreMailStore } from '../src/adapters/firestore/mail-store';
import { createFirestoreStore, type StoreCounters } from '../src/adapters/firestore/store';
import { createSheetsClient, type RetryPolicy, type SheetsClient } from '../src/adapters/sheets';
import type { AppContext } from '../src/app/context';
import { composeJourney, type JourneyParts, type MailParts } from '../src/compose';
import { createJourneyFunction } from '../src/journey';
import type { Change, Clock, Store } from '../src/ports';
import type { SheetsViews } from '../src/views/sheets-views';
import { viewWorkFor } from '../src/views/work';
import { createJourneyClient, type JourneySend } from '../client/journey-client';
import { startEmbeddedFirestore, type EmbeddedFirestore } from './firestore';
import { startSheetsStandIn, type RunningSheetsStandIn, type SheetsStandInOptions } from './sheets';

/** What the stack needs of a Firestore: its client, and how to stop it (with the stack). */
export interface StackFirestore {
  db: Firestore;
  stop(): Promise<void>;
}

/** compose.ts's parts beyond those the stack fills in itself (the stores: on the stack's Firestore). */
export type ComposeParts = Omit<JourneyParts, 'store' | 'secret' | 'publicUrl' | 'clock' | 'log' | 'mail'> & {
  mail?: Omit<MailParts, 'store'>;
};

export interface BuildOptions<F extends StackFirestore> {
  firestore: F;
  secret: string;
  /** The base of journey-book links. */
  publicUrl?: string | undefined;
  /** The function's clock (real time when absent). */
  clock?: Clock;
  log?: JourneyParts['log'];
  /** A decorator around the real store (storage made unavailable, a roster served from memory). */
  wrapStore?: (store: Store) => Store;
  /**
   * With them, the function composed as in production (views, outbox). Without, the function alone: no views, no mail,
   * and each change the views would be told of recorded in `changes`.
   */
  compose?: ComposeParts;
}

export interface BuiltJourney<F extends StackFirestore> {
  firestore: F;
  /** The real store (before `wrapStore`), counting reads and writes. */
  store: Store & { counters: StoreCounters };
  ctx: AppContext;
  /** The Sheets views when composed. */
  views: SheetsViews | undefined;
  changes: Change[];
  /** functions-framework's server for the function, not yet listening (`npm start` passes it requests itself). */
  server: Server;
}

/** Builds the function over the Firestore given, synchronously: nothing can reach it before it is whole. */
export function buildJourney<F extends StackFirestore>(
  options: BuildOptions<F> & { compose: ComposeParts },
): BuiltJourney<F> & { views: SheetsViews };
export function buildJourney<F extends StackFirestore>(options: BuildOptions<F>): BuiltJourney<F>;
export function buildJourney<F extends StackFirestore>(options: BuildOptions<F>): BuiltJourney<F> {
  const store = createFirestoreStore(options.firestore.db, undefined, options.clock ? { clock: options.clock } : {});
  const used = options.wrapStore ? options.wrapStore(store) : store;
  const changes: Change[] = [];
  const common = {
    secret: options.secret,
    publicUrl: options.publicUrl,
    ...(options.log ? { log: options.log } : {}),
  };
  let ctx: AppContext;
  let views: SheetsViews | undefined;
  if (options.compose) {
    const { mail, ...parts } = options.compose;
    const composed = composeJourney({
      ...parts,
      ...common,
      store: used,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(mail ? { mail: { ...mail, store: createFirestoreMailStore(options.firestore.db) } } : {}),
    });
    ctx = composed.ctx;
    views = composed.views;
    functions.http('journey', composed.handler);
  } else {
    const changed = (change: Change): Promise<void> => {
      changes.push(change);
      return Promise.resolve();
    };
    ctx = { store: used, clock: options.clock ?? (() => new Date()), views: { workFor: viewWorkFor, changed } };
    functions.http('journey', createJourneyFunction(ctx, common));
  }
  return { firestore: options.firestore, store, ctx, views, changes, server: getTestServer('journey') };
}

export interface StackOptions extends Omit<BuildOptions<StackFirestore>, 'firestore' | 'compose'> {
  /** Started by the caller and stopped with the stack; the embedded stand-in when absent. */
  firestore?: StackFirestore | undefined;
  /**
   * The views and outbox, writing to a Sheets stand-in started with `standIn` (Google's limits unless it says otherwise)
   * through the real Sheets client (`retry`, and `wrapClient` around it to watch its calls).
   */
  views?: Omit<ComposeParts, 'sheets'> & {
    standIn?: SheetsStandInOptions;
    retry?: RetryPolicy;
    wrapClient?: (client: SheetsClient) => SheetsClient;
  };
  /** Who the signed client says it is (`x-journey-caller`). */
  caller?: string;
}

export interface JourneyStack<F extends StackFirestore> extends Omit<BuiltJourney<F>, 'server'> {
  url: string;
  /** The Sheets stand-in, when the views are on. */
  sheets: RunningSheetsStandIn | undefined;
  /** Signed with the stack's secret, on the function's clock. */
  send: JourneySend;
  stop: () => Promise<void>;
}

/** Starts the stack on 127.0.0.1 and a free port; `stop()` closes the server, the stand-in and the Firestore. */
export async function startJourneyStack(
  options: StackOptions & { firestore?: undefined },
): Promise<JourneyStack<EmbeddedFirestore>>;
export async function startJourneyStack<F extends StackFirestore>(
  options: StackOptions & { firestore: F },
): Promise<JourneyStack<F>>;
export async function startJourneyStack<F extends StackFirestore>(
  options: StackOptions & { firestore?: F | undefined },
): Promise<JourneyStack<F | EmbeddedFirestore>>;
export async function startJourneyStack(options: StackOptions): Promise<JourneyStack<StackFirestore>> {
  const firestore = options.firestore ?? (await startEmbeddedFirestore());
  const { views: viewParts, caller, ...rest } = options;
  let sheets: RunningSheetsStandIn | undefined;
  let compose: ComposeParts | undefined;
  if (viewParts) {
    const { standIn, retry, wrapClient, ...parts } = viewParts;
    sheets = await startSheetsStandIn(standIn);
    const client = createSheetsClient({ rootUrl: sheets.url, ...(retry ? { retry } : {}) });
    compose = { ...parts, sheets: wrapClient ? wrapClient(client) : client };
  }
  const { server, ...built } = buildJourney({ ...rest, firestore, compose });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    ...built,
    url,
    sheets,
    send: createJourneyClient(url, options.secret, caller ?? 'test', options.clock ? { now: options.clock } : {}),
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
      await sheets?.close();
      await firestore.stop();
    },
  };
}
