// The views' own documents (`years/{year}/sheets/{name}`) and their work queue (`viewWork/{id}`).
import type { Transaction } from 'firebase-admin/firestore';
import { ViewWorkDocSchema } from '../../model';
import type { QueuedViewWork, SpreadsheetKey, ViewWork } from '../../ports';
import type { FirestoreIo, Writer } from './io';
import { paths } from './paths';
import { viewWorkDoc, viewWorkFromDoc } from './view-work';

/** Deletes per batch (Firestore takes 500 writes a batch). */
const DELETE_BATCH = 400;

export function firestoreViewState(io: FirestoreIo) {
  return {
    getViewState: async (year: number, name: string, tx?: Transaction): Promise<unknown> => {
      const snapshot = await io.get(paths.viewState(year, name), tx);
      return snapshot.exists ? snapshot.data() : undefined;
    },
    getViewStates: async (year: number, names: readonly string[], tx?: Transaction): Promise<unknown[]> => {
      const snapshots = await io.getAll(
        names.map((name) => paths.viewState(year, name)),
        tx,
      );
      return snapshots.map((snapshot) => (snapshot.exists ? snapshot.data() : undefined));
    },
    putViewState: (writer: Writer, year: number, name: string, data: Record<string, unknown>): void => {
      io.set(writer, paths.viewState(year, name), data);
    },
  };
}

export function firestoreViewWork(io: FirestoreIo) {
  return {
    /** A new document per change (never overwritten), so a flush deletes exactly what it read. */
    enqueueViewWork: (writer: Writer, items: readonly ViewWork[]): void => {
      for (const item of items) io.create(writer, paths.viewWork, viewWorkDoc(item));
    },
    listViewWork: async (spreadsheet: SpreadsheetKey | null, limit: number): Promise<QueuedViewWork[]> => {
      const collection = io.db.collection(paths.viewWork);
      const query =
        spreadsheet === null
          ? collection
          : collection
              .where('year', '==', spreadsheet.year)
              .where('sheet', '==', spreadsheet.kind)
              .where('queue', '==', spreadsheet.kind === 'queue' ? spreadsheet.queue : '');
      const docs = await io.query(query.limit(limit));
      return docs.map((d) => ({ id: d.id, ...viewWorkFromDoc(ViewWorkDocSchema.parse(d.data())) }));
    },
    deleteViewWork: async (ids: readonly string[]): Promise<void> => {
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        await io.batch((batch) => {
          for (const id of ids.slice(i, i + DELETE_BATCH)) batch.delete(io.db.collection(paths.viewWork).doc(id));
        });
      }
      io.counters.writes += ids.length;
    },
  };
}
