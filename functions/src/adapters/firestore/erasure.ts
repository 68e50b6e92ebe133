// Erasure in Firestore: one eraser per aggregate (ports/erasure.ts), each idempotent, each writing in batches of at
// most BATCH_WRITES (Firestore takes 500). The erasure's own record is `erasures/{key}`.
import type { DocumentData, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { scrubDeep, scrubRawBody, mentions, type ErasureTarget } from '../../domain/erasure';
import type { InboxDoc } from '../../model';
import type { ErasableAggregate, ErasureRecord, ErasureStep, ErasureStore } from '../../ports';
import type { FirestoreAggregates } from './aggregates';
import type { FirestoreIo, Writer } from './io';
import { commitAll, memberDocsIn, type PendingWrite } from './erasure-batches';
import { eraseOutbox, dropMailTo } from './erasure-outbox';
import { eraseDataRequests, moveAccessLog, requestIdsOf } from './erasure-requests';
import { moveJourneys, moveMember } from './erasure-rekey';
import { hashOf, inboxDocuments, largePaths, partsOf, textField } from './large-docs';
import { paths } from './paths';

const step = (documents: number): ErasureStep => ({ documents, sentCopies: [] });

/** Each document found rewritten with every mention scrubbed (those that name the member only). */
function scrubbed(io: FirestoreIo, docs: readonly QueryDocumentSnapshot[], target: ErasureTarget): PendingWrite[] {
  return docs
    .filter((d) => mentions(d.data(), target))
    .map((d) => ({
      writes: 1,
      apply: (batch: Writer) => {
        io.set(batch, d.ref.path, scrubDeep(d.data(), target));
      },
    }));
}

/** A long text field and its parts, rewritten scrubbed; parts the shorter text no longer needs are deleted. */
function scrubbedText(
  io: FirestoreIo,
  target: ErasureTarget,
  at: { path: string; data: DocumentData; field: string },
  text: string,
): PendingWrite {
  const { path, data, field } = at;
  const stored = textField(path, field, scrubRawBody(text, target, false));
  const before = partsOf(data, field);
  const stale = Array.from({ length: Math.max(0, before - stored.parts.length) }, (_, k) =>
    largePaths.textPart(path, field, stored.parts.length + k),
  );
  const head: Record<string, unknown> = { ...scrubDeep({ ...data, [field]: '' }, target), ...stored.fields };
  if (stored.parts.length === 0) {
    head[`${field}Parts`] = 0;
    head[`${field}Hash`] = null;
  }
  return {
    writes: 1 + stored.parts.length + stale.length,
    apply: (batch) => {
      io.set(batch, path, head);
      io.setAll(batch, stored.parts);
      for (const p of stale) batch.delete(io.db.doc(p));
    },
  };
}

async function erasePlans(io: FirestoreIo, target: ErasureTarget): Promise<ErasureStep> {
  const pending: PendingWrite[] = [];
  for (const year of target.years) {
    const before = pending.length;
    const head = await io.get(paths.year(year));
    const versions = await io.query(io.db.collection(`${paths.year(year)}/configVersions`));
    for (const version of versions) {
      const data = version.data();
      const parts = partsOf(data, 'received');
      const texts =
        parts === 0
          ? [String(data.received ?? '')]
          : (
              await io.getAll(
                Array.from({ length: parts }, (_, k) => largePaths.textPart(version.ref.path, 'received', k)),
              )
            ).map((p) => String(p.get('text') ?? ''));
      const received = texts.join('');
      if (mentions({ ...data, received }, target))
        pending.push(scrubbedText(io, target, { path: version.ref.path, data, field: 'received' }, received));
      const rosters = await io.query(io.db.collection(largePaths.nominees(year, Number(version.id))));
      pending.push(...scrubbed(io, rosters, target));
    }
    if (head.exists && (pending.length > before || mentions(head.data(), target))) {
      // Every reader's cache of the rosters is keyed by this time (plans.ts).
      const data = { ...scrubDeep(head.data() ?? {}, target), erasedAt: new Date().toISOString() };
      pending.push({
        writes: 1,
        apply: (batch) => {
          io.set(batch, head.ref.path, data);
        },
      });
    }
  }
  return step(await commitAll(io, pending));
}

async function eraseYearCollection(
  io: FirestoreIo,
  target: ErasureTarget,
  collection: (year: number) => string,
): Promise<ErasureStep> {
  const pending: PendingWrite[] = [];
  for (const year of target.years)
    pending.push(...scrubbed(io, await io.query(io.db.collection(collection(year))), target));
  return step(await commitAll(io, pending));
}

/** The member's own submissions (by their e-mail or id) lose their free texts; any other that names them, the mentions. */
async function eraseInbox(
  io: FirestoreIo,
  a: FirestoreAggregates,
  target: ErasureTarget,
  evidenceIds: ReadonlySet<string>,
): Promise<ErasureStep> {
  const pending: PendingWrite[] = [];
  for (const year of target.years) {
    for (const entry of await a.inbox.listInbox(year)) {
      const owned = ownedEntry(entry, target, evidenceIds);
      if (!owned && !mentions(entry, target)) continue;
      const doc: InboxDoc = {
        ...scrubDeep(entry, target),
        email: owned && entry.email !== null ? target.pseudonym.email : scrubDeep(entry.email, target),
        raw: scrubRawBody(entry.raw, target, owned),
      };
      const data = (await io.get(paths.inbox(entry.key))).data();
      const [head, ...parts] = inboxDocuments(doc);
      const stale = Array.from({ length: Math.max(0, partsOf(data, 'raw') - parts.length) }, (_, k) =>
        largePaths.textPart(paths.inbox(entry.key), 'raw', parts.length + k),
      );
      if (!head) continue;
      if (parts.length === 0 && hashOf(data, 'raw') !== undefined)
        Object.assign(head.data, { rawParts: 0, rawHash: null });
      pending.push({
        writes: 1 + parts.length + stale.length,
        apply: (batch) => {
          io.setAll(batch, [head, ...parts]);
          for (const p of stale) batch.delete(io.db.doc(p));
        },
      });
    }
  }
  return step(await commitAll(io, pending));
}

/** Sent by the member, about them (their party status), or deciding one of their evidence entries. */
function ownedEntry(entry: InboxDoc, target: ErasureTarget, evidenceIds: ReadonlySet<string>): boolean {
  if (entry.email !== null && entry.email.trim().toLowerCase() === target.email.toLowerCase()) return true;
  if (entry.id !== null && (evidenceIds.has(entry.id) || entry.id === target.memberId)) return true;
  return entry.raw.includes(target.memberId) || [...evidenceIds].some((id) => entry.raw.includes(id));
}

/** The member's evidence entries lose their texts, links and the comments made on them; they move to the pseudonym. */
async function eraseEvidence(io: FirestoreIo, target: ErasureTarget): Promise<ErasureStep> {
  const pending: PendingWrite[] = [];
  for (const d of await memberDocsIn(io, paths.evidenceList, target)) {
    const data = d.data();
    const blank = {
      ...scrubDeep(data, target),
      memberId: target.pseudonym.memberId,
      email: target.pseudonym.email,
      fullName: target.pseudonym.name,
      description: '',
      links: [],
      essay: data.essay === null ? null : '',
      initiative: data.initiative === null ? null : '',
      decisions: (data.decisions as Record<string, unknown>[]).map((x) => ({ ...x, comment: null })),
    };
    if (JSON.stringify(blank) !== JSON.stringify(data))
      pending.push({
        writes: 1,
        apply: (batch) => {
          io.set(batch, d.ref.path, blank);
        },
      });
  }
  return step(await commitAll(io, pending));
}

/** The evidence ids of the member (before or after they moved to the pseudonym). */
export async function evidenceIdsOf(io: FirestoreIo, target: ErasureTarget): Promise<Set<string>> {
  return new Set((await memberDocsIn(io, paths.evidenceList, target)).map((d) => d.id));
}

/** Audit entries about the member (by e-mail, id, or one of their evidence entries), scrubbed. */
async function eraseAudit(
  io: FirestoreIo,
  target: ErasureTarget,
  evidenceIds: ReadonlySet<string>,
): Promise<ErasureStep> {
  const audit = io.db.collection(paths.audit);
  const keys = [target.memberId, ...evidenceIds];
  const found = new Map<string, QueryDocumentSnapshot>();
  // By the member's e-mail or id as actor (a submission, a data request they sent); by target below (their id, their
  // evidence entries, their data requests, which the committee's answers name).
  for (const query of [audit.where('actor', '==', target.email), audit.where('actor', '==', target.memberId)])
    for (const d of await io.query(query)) found.set(d.id, d);
  for (let i = 0; i < keys.length; i += 30) {
    for (const d of await io.query(audit.where('target', 'in', keys.slice(i, i + 30)))) found.set(d.id, d);
  }
  const pending = [...found.values()].map((d) => {
    const data = scrubDeep(d.data(), target);
    const detail = { ...(data.detail as Record<string, unknown>) };
    for (const field of ['comment', 'reference']) if (typeof detail[field] === 'string') detail[field] = '';
    return {
      writes: 1,
      apply: (batch: Writer) => {
        io.set(batch, d.ref.path, { ...data, detail });
      },
    };
  });
  return step(await commitAll(io, pending));
}

/** The view work items of the member: dropped (the sync the erasure starts rewrites every row). */
async function eraseViewWork(io: FirestoreIo, target: ErasureTarget): Promise<ErasureStep> {
  const docs = await io.query(io.db.collection(paths.viewWork).where('itemId', '==', target.memberId));
  return step(
    await commitAll(
      io,
      docs.map((d) => ({
        writes: 1,
        apply: (batch: Writer) => {
          batch.delete(d.ref);
        },
      })),
    ),
  );
}

export function firestoreErasure(io: FirestoreIo, a: FirestoreAggregates): ErasureStore {
  const erasers: Record<ErasableAggregate, (target: ErasureTarget) => Promise<ErasureStep>> = {
    plans: (t) => erasePlans(io, t),
    nominations: (t) => eraseYearCollection(io, t, paths.nominationsList),
    inbox: async (t) => eraseInbox(io, a, t, await evidenceIdsOf(io, t)),
    evidence: (t) => eraseEvidence(io, t),
    dataRequests: async (t) => step(await eraseDataRequests(io, t)),
    viewState: (t) => eraseYearCollection(io, t, (year) => `${paths.year(year)}/sheets`),
    viewWork: (t) => eraseViewWork(io, t),
    outbox: (t) => eraseOutbox(io, t),
    journeys: async (t) => step(await moveJourneys(io, t)),
    members: async (t) => step(await moveMember(io, t)),
    accessLog: async (t) => step(await moveAccessLog(io, t)),
    audit: async (t) => eraseAudit(io, t, new Set([...(await evidenceIdsOf(io, t)), ...(await requestIdsOf(io, t))])),
  };
  return {
    getErasure: async (key) => {
      const snapshot = await io.get(`erasures/${key}`);
      return snapshot.exists ? (snapshot.data() as ErasureRecord) : undefined;
    },
    listRunningErasures: async (limit) =>
      (await io.query(io.db.collection('erasures').where('status', '==', 'running').limit(limit))).map(
        (d) => d.data() as ErasureRecord,
      ),
    putErasure: (record) =>
      io.batch((batch) => {
        io.set(batch, `erasures/${record.key}`, { ...record });
      }),
    eraseFrom: (aggregate, target) => erasers[aggregate](target),
    dropMailTo: (target) => dropMailTo(io, target),
  };
}
