// The Firestore documents a city-sized year leaves (50,000 members, 10 entries each, 200 queues), built with the same
// functions the store and the views write them with — not written to the emulator, which would take hours — and
// measured with the store's own size and index-entry functions against Firestore's limits.
import { inboxDocuments, yearDocuments, type StoredDocument } from '../../functions/src/adapters/firestore/large-docs';
import { FIRESTORE_LIMITS, measureDocument, type DocumentMeasure } from '../../functions/src/adapters/firestore/limits';
import { rankPaths } from '../../functions/src/adapters/firestore/rank-index';
import { paths } from '../../functions/src/adapters/firestore/store';
import { viewWorkDoc } from '../../functions/src/adapters/firestore/view-work';
import { evidenceIdFor, inboxKeyFor, memberIdFor } from '../../functions/src/app/ids';
import { rescore } from '../../functions/src/app/journey';
import { resolveYearConfig, type YearConfig } from '../../functions/src/domain/config';
import { allQueues } from '../../functions/src/domain/queues';
import { rankKey } from '../../functions/src/domain/ranking';
import { MAX_BODY_BYTES } from '../../functions/src/http/router';
import type { EvidenceDoc, InboxDoc, JourneyDoc, YearDoc } from '../../functions/src/model';
import {
  gridRowsFor,
  rowIndexDocuments,
  rowShardsFor,
  type Registry,
  type RowIndex,
} from '../../functions/src/views/state';
import { emptyResult } from '../../functions/src/domain/results';

export interface CityShape {
  members: number;
  entriesPerMember: number;
  units: number;
  groups: number;
  /** Share of submissions refused (one row each on Lỗi). */
  refusedShare: number;
}

/** 1 BTV queue + a BCH and a Cấp ủy queue for each of 60 units + 79 groups = 200 queues. */
export const CITY: CityShape = { members: 50_000, entriesPerMember: 10, units: 60, groups: 79, refusedShare: 0.1 };

const YEAR = 2019;
const AT = '2019-05-02T03:00:00.000Z';

export function cityPlanBody(shape: CityShape): Record<string, unknown> {
  const units = Array.from({ length: shape.units }, (_, u) => ({
    id: `U${String(u).padStart(3, '0')}`,
    name: `Đoàn cơ sở Sở, ngành số ${String(u + 1)} thành phố Hồ Chí Minh`,
    evaluators: {
      BCH_CO_SO: [`bch.u${String(u)}@doankhoi.example.vn`],
      CAP_UY: [`capuy.u${String(u)}@doankhoi.example.vn`],
    },
    reportTo: [`capuy.u${String(u)}@doankhoi.example.vn`],
    nominees: [] as string[],
  }));
  for (let i = 0; i < shape.members; i++) units[i % shape.units]?.nominees.push(memberEmail(i));
  const groups = Array.from({ length: shape.groups }, (_, g) => ({
    id: `TO${String(g + 1)}`,
    name: `Tổ ${String(g + 1)} - Cụm thi đua số ${String((g % 12) + 1)}`,
    leader: `totruong${String(g)}@doankhoi.example.vn`,
    supervisor: `giamsat${String(g)}@doankhoi.example.vn`,
  }));
  return {
    year: YEAR,
    phase: '2018-2022',
    units,
    groups,
    committee: {
      BTV_DOAN_KHOI: ['btv1@doankhoi.example.vn', 'btv2@doankhoi.example.vn'],
      digestTo: ['btv1@doankhoi.example.vn'],
    },
  };
}

const memberEmail = (i: number): string => `nguyen.van.doanvien${String(i).padStart(5, '0')}@coquan.hcm.gov.vn`;

function plan(shape: CityShape): { config: YearConfig; raw: string } {
  const body = cityPlanBody(shape);
  const resolved = resolveYearConfig(body);
  if (!resolved.ok) throw new Error(`city plan invalid: ${JSON.stringify(resolved.issues.slice(0, 3))}`);
  return { config: resolved.config, raw: JSON.stringify(body) };
}

function inbox(kind: InboxDoc['kind'], sourceKey: string, raw: string): InboxDoc {
  return {
    key: inboxKeyFor(kind, sourceKey),
    kind,
    sourceKey,
    year: YEAR,
    email: memberEmail(1),
    raw,
    receivedAt: AT,
    caller: 'apps-script 66.249.84.1',
    status: 'accepted',
    id: `${String(YEAR)}-e-0123456789abcdef`,
    errors: [],
    decidedAt: AT,
  };
}

/** Row positions of a tab with `keys`, as the views store them (head + shards). */
function rowDocuments(name: string, keys: readonly string[]): StoredDocument[] {
  const index: RowIndex = { rows: {}, next: 2, gridRows: 0 };
  for (const key of keys) index.rows[key] = index.next++;
  index.gridRows = gridRowsFor(index.next);
  return rowIndexDocuments(name, index, rowShardsFor(keys.length)).map((d) => ({
    path: paths.viewState(YEAR, d.name),
    data: d.data,
  }));
}

function registry(config: YearConfig): Registry {
  const ref = (i: number, sheetName?: string) => {
    const spreadsheetId = `1${String(i).padStart(5, '0')}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd`.slice(0, 44);
    return {
      spreadsheetId,
      url: `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
      ...(sheetName === undefined ? {} : { sheetName }),
      tabs:
        sheetName === undefined
          ? { 'Kết quả': 0, 'Tổng hợp': 1, Lỗi: 2, 'Đề cử hội trại': 3, 'Kết nạp Đảng': 4, 'Cấu hình': 5 }
          : { [sheetName]: 0 },
    };
  };
  return { master: ref(0), queues: Object.fromEntries(allQueues(config).map((q, i) => [q, ref(i + 1, 'Hàng chờ')])) };
}

function journey(config: YearConfig, i: number, entries: number): JourneyDoc & { rankKey: number } {
  const email = memberEmail(i);
  const doc = rescore(config, {
    year: YEAR,
    memberId: memberIdFor(email),
    email,
    fullName: 'Nguyễn Thị Phương Thảo Hoàng',
    dateOfBirth: '1995-03-12',
    phone: '0901234567',
    unitId: config.units[i % config.units.length]?.id ?? 'U000',
    groupId: config.groups[i % config.groups.length]?.id ?? null,
    training: ['RL1', 'RL2', 'RL6'],
    challenge: ['TT1'],
    registeredAt: AT,
    amendedAt: null,
    entries: Array.from({ length: entries }, (_, e) => ({
      evidenceId: evidenceIdFor(YEAR, `resp-${String(i)}-${String(e)}`),
      task: ['BB1', 'BB2', 'BB3', 'RL1', 'RL2', 'RL6', 'TT1'][e % 7] ?? 'RL2',
      activityDate: '2019-04-20',
      submittedAt: AT,
      decisions: Array.from({ length: 3 }, (_, d) => ({
        editId: `gs-${'a'.repeat(40)}${String(d)}`,
        editedAt: AT,
        decision: 'approved' as const,
      })),
    })),
    result: emptyResult(),
    party: { introducedAt: null, admittedAt: null, reference: null },
    consent: { notice: '0123456789ab', givenAt: AT, withdrawnAt: null },
    updatedAt: AT,
  });
  return { ...doc, rankKey: rankKey(YEAR, doc) };
}

/** An evidence entry with the longest essay a submission may carry, and decisions from every queue. */
function evidence(config: YearConfig): EvidenceDoc {
  // As long as a body under the HTTP limit allows: its UTF-8 bytes, not its characters.
  const sentence = 'Tuổi trẻ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. ';
  const essay = sentence.repeat(Math.floor((MAX_BODY_BYTES - 2_000) / Buffer.byteLength(sentence)));
  return {
    year: YEAR,
    evidenceId: evidenceIdFor(YEAR, 'resp-essay'),
    responseId: '2_ABaOnudV1n8f3Jc4qP9xZ-long-form-response-id',
    memberId: memberIdFor(memberEmail(1)),
    email: memberEmail(1),
    fullName: 'Nguyễn Thị Phương Thảo Hoàng',
    unitId: config.units[1]?.id ?? 'U001',
    groupId: config.groups[1]?.id ?? null,
    task: 'BB3',
    activityDate: '2019-04-20',
    submittedAt: AT,
    description: 'Bài viết cảm nhận về chủ đề năm',
    links: ['https://drive.google.com/open?id=1AbCdEfGhIjKlMnOpQrStUvWxYz'],
    essay,
    words: 6_000,
    initiative: null,
    rating: null,
    meetingKind: null,
    queues: ['BTV_DOAN_KHOI', 'CAP_UY:U001'],
    status: 'approved',
    decisions: Array.from({ length: 8 }, (_, d) => ({
      editId: `gs-${'b'.repeat(40)}${String(d)}`,
      editedAt: AT,
      decision: 'approved' as const,
      queue: 'BTV_DOAN_KHOI',
      comment: 'Bài viết đạt yêu cầu, nội dung sâu sắc, liên hệ thực tiễn tốt. '.repeat(3),
      evaluatorEmail: 'btv1@doankhoi.example.vn',
      receivedAt: AT,
    })),
    receivedAt: AT,
  };
}

export interface MeasuredDocument extends DocumentMeasure {
  path: string;
  what: string;
}

/** Every kind of document of a city-sized year (the biggest of each kind), measured. */
export function cityDocuments(shape: CityShape = CITY): MeasuredDocument[] {
  const { config, raw } = plan(shape);
  const docs: { what: string; doc: StoredDocument }[] = [];
  const add = (what: string, list: readonly StoredDocument[]): void => {
    for (const doc of list) docs.push({ what, doc });
  };
  const yearDoc: YearDoc = { year: YEAR, version: 3, config, updatedAt: AT, contentHash: 'sha256:0' };
  add(
    `the plan with ${shape.members.toLocaleString('en')} nominees (year, version, parts)`,
    yearDocuments(yearDoc, raw),
  );
  add('the plan as received, in the inbox', inboxDocuments(inbox('config', 'plan-edit', raw)));
  const longest = JSON.stringify({ responseId: 'r', essay: 'x'.repeat(MAX_BODY_BYTES - 100) });
  add(
    'an evidence submission of the largest allowed body, in the inbox',
    inboxDocuments(inbox('evidence', 'r-essay', longest)),
  );

  const members = Array.from({ length: shape.members }, (_, i) => memberIdFor(memberEmail(i)));
  add(`Kết quả row positions (${shape.members.toLocaleString('en')} rows)`, rowDocuments('results', members));
  const refused = Array.from({ length: Math.round(shape.members * shape.refusedShare) }, (_, i) =>
    inboxKeyFor('evidence', `refused-${String(i)}`),
  );
  add(`Lỗi row positions (${refused.length.toLocaleString('en')} rows)`, rowDocuments('errors', refused));
  // Worst case: every entry of every member waits in the one queue of the bloc's standing committee.
  const entries = shape.members * shape.entriesPerMember;
  const evidenceIds = Array.from({ length: entries }, (_, i) => evidenceIdFor(YEAR, `resp-${String(i)}`));
  add(
    `BTV_DOAN_KHOI queue row positions (${entries.toLocaleString('en')} rows)`,
    rowDocuments('queue-BTV_DOAN_KHOI', evidenceIds),
  );
  add(`the spreadsheet registry (${String(allQueues(config).length)} queues)`, [
    { path: paths.viewState(YEAR, 'registry'), data: registry(config) },
  ]);

  const j = journey(config, 1, shape.entriesPerMember);
  add(`a journey with ${String(shape.entriesPerMember)} entries`, [{ path: paths.journey(YEAR, j.memberId), data: j }]);
  const e = evidence(config);
  add('an evidence entry with the longest essay and 8 decisions', [
    { path: paths.evidence(YEAR, e.evidenceId), data: e },
  ]);
  add('a member', [
    {
      path: paths.member(j.memberId),
      data: {
        memberId: j.memberId,
        email: j.email,
        fullName: j.fullName,
        dateOfBirth: j.dateOfBirth,
        phone: j.phone,
        years: [2018, 2019, 2020, 2021, 2022],
        party: j.party,
        updatedAt: AT,
        bookLinkVersion: 3,
      },
    },
  ]);
  // Ranking counters at their fullest: every grade and points value, every day, every minute of a day.
  add('ranking counters (fullest shard, day and minute documents)', [
    {
      path: rankPaths.tops(YEAR, 0),
      data: Object.fromEntries(Array.from({ length: 4 * 200 }, (_, t) => [`t${String(t)}`, 999])),
    },
    {
      path: rankPaths.days(YEAR, 123),
      data: Object.fromEntries(Array.from({ length: 366 }, (_, d) => [`d${String(d)}`, 999])),
    },
    {
      path: rankPaths.minutes(YEAR, 123, 200),
      data: Object.fromEntries(Array.from({ length: 1440 }, (_, m) => [`m${String(m)}`, 999])),
    },
  ]);
  add('a view work item', [
    {
      path: `${paths.viewWork}/AbCdEfGhIjKlMnOpQrSt`,
      data: viewWorkDoc({
        spreadsheet: { kind: 'queue', year: YEAR, queue: 'CAP_UY:U001' },
        item: { kind: 'evidence', id: e.evidenceId },
      }),
    },
  ]);
  add('an audit entry', [
    {
      path: `${paths.audit}/AbCdEfGhIjKlMnOpQrSt`,
      data: {
        at: AT,
        actor: j.email,
        action: 'evidence',
        target: e.evidenceId,
        source: 'apps-script 66.249.84.1',
        detail: { inboxKey: 'x', sourceKey: 'y' },
      },
    },
  ]);

  return docs.map(({ what, doc }) => ({ what, path: doc.path, ...measureDocument(doc.path, doc.data) }));
}

export interface CityFigures {
  documents: number;
  largest: MeasuredDocument;
  mostIndexEntries: MeasuredDocument;
  mostFields: MeasuredDocument;
  /** The highest of the three fractions of a limit. */
  worstFraction: number;
}

export function cityFigures(shape: CityShape = CITY): CityFigures {
  const measured = cityDocuments(shape);
  const top = (f: (m: MeasuredDocument) => number): MeasuredDocument =>
    measured.reduce((a, b) => (f(b) > f(a) ? b : a));
  const largest = top((m) => m.bytes);
  const mostIndexEntries = top((m) => m.indexEntries);
  const mostFields = top((m) => m.fields);
  return {
    documents: measured.length,
    largest,
    mostIndexEntries,
    mostFields,
    worstFraction: Math.max(
      largest.bytes / FIRESTORE_LIMITS.documentBytes,
      mostIndexEntries.indexEntries / FIRESTORE_LIMITS.indexEntries,
      mostFields.fields / FIRESTORE_LIMITS.fields,
    ),
  };
}
