// Local state across restarts: the store's collections exported to a JSON file and replayed at start.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';

/** path → document data. Every document the store writes is plain JSON (instants are ISO strings). */
export type Snapshot = Record<string, Record<string, unknown>>;

const YEAR_SUBCOLLECTIONS = ['configVersions', 'journeys', 'evidence', 'sheets', 'ranking'];
const TOP_COLLECTIONS = ['years', 'members', 'inbox', 'audit', 'viewWork'];

/** Reads every document of the collections the project owns (the emulator cannot list collections). */
export async function exportDocuments(db: Firestore): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const name of TOP_COLLECTIONS) {
    const docs = await db.collection(name).get();
    for (const doc of docs.docs) snapshot[doc.ref.path] = doc.data();
  }
  const years = Object.keys(snapshot).filter((p) => /^years\/[^/]+$/.test(p));
  for (const year of years) {
    for (const sub of YEAR_SUBCOLLECTIONS) {
      const docs = await db.collection(`${year}/${sub}`).get();
      for (const doc of docs.docs) snapshot[doc.ref.path] = doc.data();
    }
  }
  return snapshot;
}

export async function importDocuments(db: Firestore, snapshot: Snapshot): Promise<number> {
  const entries = Object.entries(snapshot);
  for (let i = 0; i < entries.length; i += 400) {
    const batch = db.batch();
    for (const [path, data] of entries.slice(i, i + 400)) batch.set(db.doc(path), data);
    await batch.commit();
  }
  return entries.length;
}

export function stateFile(dataDir: string): string {
  return join(dataDir, 'firestore.json');
}

export async function saveSnapshot(dataDir: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = stateFile(dataDir);
  // Write then rename, so a crash mid-write never leaves a truncated state file.
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
  await rename(`${file}.tmp`, file);
}

export async function loadSnapshot(dataDir: string): Promise<Snapshot | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as Snapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
