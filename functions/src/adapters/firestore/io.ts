// What each aggregate's Firestore code shares: the database, the cost counters, reads made in a transaction when one
// is given (outside one otherwise), and writes checked against Firestore's limits onto a transaction or a batch.
import type {
  DocumentData,
  DocumentReference,
  DocumentSnapshot,
  FieldValue,
  Firestore,
  Query,
  QueryDocumentSnapshot,
  Transaction,
  WriteBatch,
} from 'firebase-admin/firestore';
import type { z } from 'zod';
import type { StoredDocument } from './large-docs';
import { assertWithinLimits } from './limits';

/** Document reads and writes made, for the benchmark's cost figures. */
export interface StoreCounters {
  reads: number;
  writes: number;
}

/** Where writes go: a transaction, or a batch its caller commits. */
export interface Writer {
  set(ref: DocumentReference, data: DocumentData, options?: { merge: true }): unknown;
  create(ref: DocumentReference, data: DocumentData): unknown;
  delete(ref: DocumentReference): unknown;
}

export interface FirestoreIo {
  db: Firestore;
  counters: StoreCounters;
  /** One document, read in `tx` when given. */
  get(path: string, tx?: Transaction): Promise<DocumentSnapshot>;
  /** Several documents in one round trip, in the order of `paths`, read in `tx` when given. */
  getAll(paths: readonly string[], tx?: Transaction): Promise<DocumentSnapshot[]>;
  /** A query's documents, read in `tx` when given (an empty answer costs one read). */
  query(query: Query, tx?: Transaction): Promise<QueryDocumentSnapshot[]>;
  /** A document validated by `schema`, read in `tx` when given; undefined when absent. */
  read<S extends z.ZodType>(path: string, schema: S, tx?: Transaction): Promise<z.infer<S> | undefined>;
  /** Every document a query finds, validated by `schema`. */
  list<S extends z.ZodType>(query: Query, schema: S): Promise<z.infer<S>[]>;
  /** Sets a document after checking that Firestore would store it (throws DocumentLimitError). */
  set(writer: Writer, path: string, data: Record<string, unknown>, merge?: boolean): void;
  /** Creates a document (a new id in `collection` when `path` names a collection), checked the same way. */
  create(writer: Writer, collection: string, data: Record<string, unknown>): void;
  setAll(writer: Writer, docs: readonly StoredDocument[]): void;
  /** Runs `write` on a new batch and commits it: the same writes as in a transaction, outside one. */
  batch(write: (batch: Writer) => void): Promise<void>;
}

export function firestoreIo(db: Firestore, counters: StoreCounters): FirestoreIo {
  const io: FirestoreIo = {
    db,
    counters,
    get: async (path, tx) => {
      const ref = db.doc(path);
      const snapshot = tx ? await tx.get(ref) : await ref.get();
      counters.reads += 1;
      return snapshot;
    },
    getAll: async (paths, tx) => {
      if (paths.length === 0) return [];
      const refs = paths.map((path) => db.doc(path));
      const snapshots = tx ? await tx.getAll(...refs) : await db.getAll(...refs);
      counters.reads += paths.length;
      return snapshots;
    },
    query: async (query, tx) => {
      const snapshot = tx ? await tx.get(query) : await query.get();
      counters.reads += Math.max(1, snapshot.size);
      return snapshot.docs;
    },
    read: async (path, schema, tx) => {
      const snapshot = await io.get(path, tx);
      return snapshot.exists ? schema.parse(snapshot.data()) : undefined;
    },
    list: async (query, schema) => (await io.query(query)).map((d) => schema.parse(d.data())),
    set: (writer, path, data, merge = false) => {
      assertWithinLimits(path, data);
      if (merge) writer.set(db.doc(path), data, { merge: true });
      else writer.set(db.doc(path), data);
      counters.writes += 1;
    },
    create: (writer, collection, data) => {
      const ref = db.collection(collection).doc();
      assertWithinLimits(ref.path, data);
      writer.create(ref, data);
      counters.writes += 1;
    },
    setAll: (writer, docs) => {
      for (const { path, data } of docs) io.set(writer, path, data);
    },
    batch: async (write) => {
      const batch: WriteBatch = db.batch();
      write(batch);
      await batch.commit();
    },
  };
  return io;
}

/**
 * The SDK's `FieldValue`, imported at the first transaction rather than when this module loads: the function's entry
 * then loads no Firestore SDK until a request needs storage (cold start). Whoever made `db` has loaded it already.
 */
let sdk: Promise<{ FieldValue: typeof FieldValue }> | undefined;
export function firestoreSdk(): Promise<{ FieldValue: typeof FieldValue }> {
  sdk ??= import('firebase-admin/firestore').catch((error: unknown) => {
    sdk = undefined;
    throw error;
  });
  return sdk;
}
