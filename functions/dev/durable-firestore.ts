// Local Firestore that keeps what it acknowledged: every commit is journaled and on disk before it is answered.
import { mkdir } from 'node:fs/promises';
import { TimestampFromDate, type FirestoreState } from '@firestore-emulator/server';
import { emulatorRequire, startEmbeddedFirestore, type EmbeddedFirestore, type EmulatorParts } from './firestore';
import { TTL_POLICIES } from '../src/adapters/firestore/indexes';
import {
  dataFromProto,
  fieldsFromData,
  timestampOf,
  UnsupportedValueError,
  type DocumentData,
} from './firestore-values';
import { Journal, listSegments, readSegment, type JournalEntry } from './journal';
import { StartError } from './start-error';
import { loadSnapshot, saveSnapshot } from './persistence';

type EmulatorWrite = Parameters<FirestoreState['writeV1Document']>[1];

interface CommitCall {
  request: { writes: EmulatorWrite[] };
}
type CommitCallback = (error: { code: number; message: string; name: string } | null, response: unknown) => void;

const proto = {
  write: emulatorRequire('@firestore-emulator/proto/dist/google/firestore/v1/write') as {
    Write: { fromObject(object: unknown): EmulatorWrite };
  },
  firestore: emulatorRequire('@firestore-emulator/proto/dist/google/firestore/v1/firestore') as {
    CommitResponse: { fromObject(object: unknown): unknown };
    UnimplementedFirestoreService: {
      definition: { Commit: { path: string; responseSerialize: unknown; requestDeserialize: unknown } };
    };
  },
};

// gRPC status codes.
const UNKNOWN = 2;
const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;

export interface Recovered {
  /** Documents in force after the start. */
  documents: number;
  /** Commits replayed from the journal: more than none means the last run did not stop cleanly. */
  journalEntries: number;
}

export interface DurableFirestore extends Omit<EmbeddedFirestore, 'clear'> {
  recovered: Recovered;
  /** The top-level documents of a collection as they are now (e.g. `years`), read without a round trip. */
  documentIds(collection: string): string[];
  /** Every document as it is now, path → data, in every collection and subcollection (the mirror snapshots are made of). */
  everyDocument(): ReadonlyMap<string, DocumentData>;
  /**
   * Deletes what the TTL policies say has expired, then folds the journal into a new snapshot of this instant; does
   * nothing when neither happened since the last.
   */
  checkpoint(): Promise<void>;
}

export interface DurableOptions {
  dataDir: string;
  /** What "now" is for the TTL sweep at each checkpoint; real time when absent. */
  clock?: () => Date;
  /** The disk refused a journal write: nothing more can be acknowledged safely (`npm start` exits). */
  onJournalFailure: (error: unknown) => void;
}

/** The documents the emulator holds, mirrored as plain data: snapshots serialise the mirror in one turn. */
class Documents {
  readonly mirror = new Map<string, DocumentData>();
  private readonly prefix: string;

  constructor(
    private readonly state: FirestoreState,
    projectId: string,
  ) {
    this.prefix = `projects/${projectId}/databases/(default)/documents/`;
  }

  pathOf(write: EmulatorWrite): string {
    const name = write.has_delete ? write.delete : write.has_update ? write.update.name : '';
    if (!name.startsWith(this.prefix))
      throw new UnsupportedValueError(`local persistence keeps ${this.prefix}… only, not "${name}"`);
    return name.slice(this.prefix.length);
  }

  /** The document as the emulator holds it now; null when it does not exist. */
  read(path: string): DocumentData | null {
    const document = this.state.getDocument(this.prefix + path);
    if (!document.metadata.hasExist) return null;
    return dataFromProto(document.toV1Document().fields);
  }

  /** Puts a document exactly as given. The emulator's set merges fields, so an existing document is deleted first. */
  put(path: string, data: DocumentData | null, date: Date): void {
    const name = this.prefix + path;
    if (this.state.getDocument(name).metadata.hasExist)
      this.state.writeV1Document(date, proto.write.Write.fromObject({ delete: name }));
    if (data !== null)
      this.state.writeV1Document(
        date,
        proto.write.Write.fromObject({ update: { name, fields: fieldsFromData(data) } }),
      );
    if (data === null) this.mirror.delete(path);
    else this.mirror.set(path, data);
  }
}

/**
 * Deletes the documents whose TTL field (TTL_POLICIES, as Firestore's policies the deploy turns on) has passed, as
 * Firestore does in the background; answers how many. Not journaled: the snapshot written right after leaves them out,
 * and a crash before it only puts them back until the next sweep.
 */
function sweepExpired(documents: Documents, now: Date): number {
  let swept = 0;
  for (const [path, data] of [...documents.mirror]) {
    const segments = path.split('/');
    const group = segments.at(-2);
    const policy = TTL_POLICIES.find((p) => p.collectionGroup === group);
    const expiry = policy ? timestampOf(data[policy.fieldPath]) : undefined;
    if (expiry && expiry.getTime() <= now.getTime()) {
      documents.put(path, null, now);
      swept += 1;
    }
  }
  return swept;
}

/** Loads snapshot then journal into the emulator, before it listens. */
function replay(dataDir: string, documents: Documents): { journalEntries: number; segments: number[] } {
  const date = new Date();
  const put = (path: string, data: DocumentData | null): void => {
    try {
      documents.put(path, data, date);
    } catch (error) {
      throw new StartError(`Bản ghi ${path} trong thư mục dữ liệu ${dataDir} không khôi phục được: ${String(error)}`);
    }
  };
  for (const [path, data] of Object.entries(loadSnapshot(dataDir) ?? {})) put(path, data);
  const segments = listSegments(dataDir);
  let journalEntries = 0;
  for (const segment of segments) {
    // A segment may repeat commits the snapshot already holds: each entry is a whole document, so replaying is harmless.
    for (const entry of readSegment(dataDir, segment).entries) {
      for (const [path, data] of Object.entries(entry)) put(path, data);
      journalEntries += 1;
    }
  }
  return { journalEntries, segments };
}

/** The emulator's own errors carry their status (ALREADY_EXISTS, NOT_FOUND); anything else is UNKNOWN, as it answers. */
function grpcCode(error: unknown): number {
  if (error instanceof UnsupportedValueError) return INVALID_ARGUMENT;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : UNKNOWN;
}

/**
 * The emulator's Commit, made all-or-nothing (it applies writes one by one) and durable: the commit's documents
 * are appended to the journal, and the answer waits until they are on disk.
 */
function journaledCommit(
  state: FirestoreState,
  documents: Documents,
  journal: Journal,
  onJournalFailure: (error: unknown) => void,
) {
  return (call: CommitCall, callback: CommitCallback): void => {
    const date = new Date();
    const touched = new Set<string>();
    let results: { toObject(): unknown }[];
    let entry: JournalEntry;
    try {
      results = call.request.writes.map((write) => {
        touched.add(documents.pathOf(write));
        return state.writeV1Document(date, write);
      });
      entry = Object.fromEntries([...touched].map((path) => [path, documents.read(path)]));
    } catch (error) {
      for (const path of touched) documents.put(path, documents.mirror.get(path) ?? null, date);
      callback(
        { code: grpcCode(error), message: error instanceof Error ? error.message : String(error), name: 'Error' },
        null,
      );
      return;
    }
    for (const [path, data] of Object.entries(entry)) {
      if (data === null) documents.mirror.delete(path);
      else documents.mirror.set(path, data);
    }
    const answer = (): void => {
      callback(
        null,
        proto.firestore.CommitResponse.fromObject({
          commit_time: TimestampFromDate(date),
          write_results: results.map((r) => r.toObject()),
        }),
      );
    };
    // A transaction that only read commits nothing: there is nothing to keep.
    if (touched.size === 0) {
      answer();
      return;
    }
    journal.append(entry).then(answer, (error: unknown) => {
      onJournalFailure(error);
      callback({ code: UNAVAILABLE, message: `local journal write failed: ${String(error)}`, name: 'Error' }, null);
    });
  };
}

/** The embedded emulator with its state replayed from `dataDir` and every later commit journaled there. */
export async function startDurableFirestore(options: DurableOptions): Promise<DurableFirestore> {
  const { dataDir } = options;
  const clock = options.clock ?? (() => new Date());
  let prepared: { documents: Documents; journal: Journal; recovered: Recovered } | undefined;
  const prepare = async ({ state, grpc, projectId }: EmulatorParts): Promise<void> => {
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw new StartError(`Không tạo được thư mục dữ liệu ${dataDir}: ${String(error)}`);
    }
    const documents = new Documents(state, projectId);
    const { journalEntries, segments } = replay(dataDir, documents);
    const journal = new Journal(dataDir, (segments.at(-1) ?? 0) + 1);
    const commit = proto.firestore.UnimplementedFirestoreService.definition.Commit;
    grpc.unregister(commit.path);
    grpc.register(
      commit.path,
      journaledCommit(state, documents, journal, options.onJournalFailure),
      commit.responseSerialize,
      commit.requestDeserialize,
      'unary',
    );
    prepared = { documents, journal, recovered: { documents: documents.mirror.size, journalEntries } };
  };
  const firestore = await startEmbeddedFirestore({ prepare });
  if (!prepared) throw new Error('the emulator started without being prepared');
  const { documents, journal, recovered } = prepared;

  let checkpoints: Promise<void> = Promise.resolve();
  const fold = (force: boolean): Promise<void> => {
    // A failed checkpoint leaves the journal in place (nothing is lost); the next one tries again.
    checkpoints = checkpoints
      .catch(() => undefined)
      .then(async () => {
        const swept = sweepExpired(documents, clock());
        if (!force && swept === 0 && journal.appendedSinceRotation === 0) return;
        // Serialised and rotated in one turn: the snapshot holds every commit of the older segments.
        const text = JSON.stringify(Object.fromEntries(documents.mirror));
        const next = journal.rotate();
        await saveSnapshot(dataDir, text);
        await journal.retireBefore(next);
      });
    return checkpoints;
  };
  try {
    // The replayed journal becomes part of a fresh snapshot now; this also proves the folder is writable.
    await fold(true);
  } catch (error) {
    await firestore.stop();
    throw new StartError(`Không ghi được dữ liệu vào ${dataDir}: ${String(error)}`);
  }

  return {
    host: firestore.host,
    db: firestore.db,
    app: firestore.app,
    recovered,
    documentIds: (collection) =>
      [...documents.mirror.keys()]
        .filter((path) => path.startsWith(`${collection}/`) && !path.includes('/', collection.length + 1))
        .map((path) => path.slice(collection.length + 1)),
    everyDocument: () => new Map(documents.mirror),
    checkpoint: () => fold(false),
    /** No commit comes after this; the journal is folded into the snapshot, so the next start has nothing to replay. */
    async stop() {
      await firestore.stop();
      await fold(false);
      await journal.close();
    },
  };
}
