// The year's plan: its head (`years/{year}`), every version kept, and the nominee rosters stored beside each in parts.
import type { Transaction } from 'firebase-admin/firestore';
import type { YearConfig } from '../../domain/config';
import { NominationsDocSchema, NomineePartSchema, YearDocSchema, type NominationsDoc, type YearDoc } from '../../model';
import type { FirestoreIo, Writer } from './io';
import { joinNominees, largePaths, yearDocuments } from './large-docs';
import { paths } from './paths';

/** Plans with their rosters put back, by year, version and content: a version never changes once stored. */
const ROSTER_CACHE_SIZE = 8;

export function firestorePlans(io: FirestoreIo) {
  const rosters = new Map<string, YearConfig>();

  /** The plan with its nominee rosters, which are stored beside it in parts (read once per version and process). */
  async function withRosters(doc: YearDoc, parts: number, erasedAt: unknown): Promise<YearDoc> {
    if (parts === 0) return doc;
    // An erasure rewrites the parts in place: the time of the last one is part of the key.
    const cacheKey = `${String(doc.year)}/${String(doc.version)}/${doc.contentHash ?? doc.updatedAt}/${String(erasedAt)}`;
    let config = rosters.get(cacheKey);
    if (!config) {
      // Parts are written with their version and never change: read outside any transaction, and remembered.
      const found = await io.query(io.db.collection(largePaths.nominees(doc.year, doc.version)));
      config = joinNominees(
        doc.config,
        found.map((d) => NomineePartSchema.parse(d.data())),
      );
      rosters.set(cacheKey, config);
      if (rosters.size > ROSTER_CACHE_SIZE) rosters.delete(rosters.keys().next().value ?? '');
    }
    return { ...doc, config };
  }

  /** A plan as stored, the year's head or one of its versions, with its rosters put back. */
  async function readPlan(path: string, tx?: Transaction): Promise<YearDoc | undefined> {
    const snapshot = await io.get(path, tx);
    if (!snapshot.exists) return undefined;
    const data = snapshot.data() ?? {};
    const parts = typeof data.nomineeParts === 'number' ? data.nomineeParts : 0;
    return withRosters(YearDocSchema.parse(data), parts, data.erasedAt);
  }

  return {
    getYear: (year: number, tx?: Transaction) => readPlan(paths.year(year), tx),
    getYearVersion: (year: number, version: number) => readPlan(paths.configVersion(year, version)),
    /** A new version of the plan, with the body as received. */
    putYear: (writer: Writer, doc: YearDoc, received: string): void => {
      io.setAll(writer, yearDocuments(doc, received));
    },
  };
}

/** A base union's own nominee lists. */
export function firestoreNominations(io: FirestoreIo) {
  return {
    getNominations: (year: number, unitId: string, tx?: Transaction): Promise<NominationsDoc | undefined> =>
      io.read(paths.nominations(year, unitId), NominationsDocSchema, tx),
    putNominations: (writer: Writer, doc: NominationsDoc): void => {
      io.set(writer, paths.nominations(doc.year, doc.unitId), doc);
    },
    listNominations: (year: number): Promise<NominationsDoc[]> =>
      io.list(io.db.collection(paths.nominationsList(year)), NominationsDocSchema),
  };
}
