// The embedded Firestore stand-in: @firestore-emulator/server in this process, the real firebase-admin pointed at it.
import { createRequire } from 'node:module';
import {
  FirestoreServer,
  FirestoreStateCollection,
  FirestoreStateDocument,
  type FirestoreState,
} from '@firestore-emulator/server';
import { initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { completeQueries } from './firestore-queries';

export interface EmbeddedFirestore {
  host: string;
  db: Firestore;
  app: App;
  /** Drops every document (tests call it before each test). */
  clear(): void;
  stop(): Promise<void>;
}

export const DEFAULT_PROJECT_ID = 'demo-journey';

export interface GrpcServer {
  bindAsync(address: string, credentials: unknown, callback: (error: Error | null, port: number) => void): void;
  register(name: string, handler: unknown, serialize: unknown, deserialize: unknown, type: 'unary'): boolean;
  unregister(name: string): boolean;
}

/** The emulator's parts a wrapper may change before it listens: local persistence replays into `state` and journals commits. */
export interface EmulatorParts {
  state: FirestoreState;
  grpc: GrpcServer;
  projectId: string;
}

/** Modules as the emulator itself loads them (its own copies of @grpc/grpc-js and its generated protobuf classes). */
export const emulatorRequire = createRequire(createRequire(import.meta.url).resolve('@firestore-emulator/server'));

/** The emulator binds through its own copy of @grpc/grpc-js, whose credentials class we must use. */
const grpc = emulatorRequire('@grpc/grpc-js') as {
  ServerCredentials: { createInsecure(): unknown };
};

/** The parts of a v1 Write the emulator's writeV1Document looks at (protobuf objects with has_* flags). */
interface V1Write {
  has_update?: boolean;
  has_update_mask?: boolean;
  has_current_document?: boolean;
  current_document?: { has_exists?: boolean };
  update?: { name: string };
}

/**
 * Firestore replaces a whole document on a write without an update mask (`set` without merge); the emulator merges the
 * fields given into the stored ones instead, so a field the new version drops would survive locally and not in
 * production. The stored fields are cleared first for such a write (creates and masked updates are left as they are).
 */
function replaceOnSet(state: FirestoreState): void {
  const emulator = state as unknown as {
    writeV1Document(date: Date, write: V1Write): unknown;
    getDocument(name: string): { metadata: { hasExist: boolean }; fields: Record<string, unknown> };
  };
  const write = emulator.writeV1Document.bind(emulator);
  emulator.writeV1Document = (date, w) => {
    const precondition = w.has_current_document === true && w.current_document?.has_exists === true;
    if (w.has_update === true && w.has_update_mask !== true && !precondition && w.update) {
      const document = emulator.getDocument(w.update.name);
      if (document.metadata.hasExist) document.fields = {};
    }
    return write(date, w);
  };
}

/**
 * A new document in constant time. The emulator adds each document to its collection through immer, which copies the
 * collection's whole map of documents (frozen) for every new one: seeding N documents costs N²/2 copies, and a year of
 * 100,000 inbox entries took hours to seed. The map is copied once, unfrozen, then extended in place; documents
 * already there are returned as before (patched once, on the class, for every emulator in the process).
 */
function addDocumentsInPlace(): void {
  type Collection = {
    documents: Record<string, FirestoreStateDocument>;
    emitter: unknown;
    database: unknown;
    getDocument(name: string): FirestoreStateDocument;
  };
  const prototype = FirestoreStateCollection.prototype as unknown as Collection & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  prototype.getDocument = function getDocument(this: Collection, name: string): FirestoreStateDocument {
    const found = Object.hasOwn(this.documents, name) ? this.documents[name] : undefined;
    if (found) return found;
    if (Object.isFrozen(this.documents)) this.documents = { ...this.documents };
    const Document = FirestoreStateDocument as unknown as new (...args: unknown[]) => FirestoreStateDocument;
    const created = new Document(this.emitter, this.database, this, name, {}, {});
    this.documents[name] = created;
    return created;
  };
  prototype[PATCHED] = true;
}

const PATCHED = Symbol.for('journey.embeddedFirestore.addDocumentsInPlace');

export interface EmbeddedOptions {
  port?: number;
  projectId?: string;
  appName?: string;
  /** Runs before the emulator listens, so nothing reads the state while it is being prepared. */
  prepare?: (parts: EmulatorParts) => Promise<void>;
}

/**
 * Starts the emulator on 127.0.0.1 (an ephemeral port unless given) and a firebase-admin app bound to it.
 * Sets FIRESTORE_EMULATOR_HOST so any other firebase-admin user in the process finds it too.
 */
export async function startEmbeddedFirestore(options: EmbeddedOptions = {}): Promise<EmbeddedFirestore> {
  const server = new FirestoreServer();
  addDocumentsInPlace();
  replaceOnSet(server.state);
  completeQueries(server.state);
  const grpcServer = (server as unknown as { server: GrpcServer }).server;
  const projectId = options.projectId ?? DEFAULT_PROJECT_ID;
  await options.prepare?.({ state: server.state, grpc: grpcServer, projectId });
  const port = await new Promise<number>((resolve, reject) => {
    grpcServer.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  const host = `127.0.0.1:${port}`;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  // No Google metadata server exists locally; without this firebase-admin probes for one and warns.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const app = initializeApp({ projectId }, options.appName ?? `embedded-${port}`);
  const db = getFirestore(app);
  db.settings({ host, ssl: false, ignoreUndefinedProperties: false });
  return {
    host,
    db,
    app,
    clear: () => {
      server.state.clear();
    },
    stop: async () => {
      await db.terminate().catch(() => undefined);
      server.stop();
    },
  };
}
