// Every document the function stores, with what personal data each field holds (Law 91/2025/QH15). The data inventory
// in docs/du-lieu-ca-nhan.md is written from this list, and test/unit/personal-data-inventory.test.ts keeps the two
// equal: a stored field that is not classified here, or a personal field the inventory does not name, fails it.
import type { z } from 'zod';
import { AuditEntrySchema } from './audit';
import { DataRequestDocSchema } from './data-request';
import { EvidenceDocSchema } from './evidence';
import { InboxDocSchema } from './inbox';
import { JourneyDocSchema } from './journey';
import { MailBudgetDocSchema, MailContentDocSchema, MailDocSchema } from './mail';
import { MemberDocSchema } from './member';
import { NominationsDocSchema, NomineePartSchema, YearDocSchema } from './plan';
import { MailTabStateSchema, RegistrySchema, RowHeadSchema, RowShardSchema, SyncRunSchema } from './view-state';
import { ViewWorkDocSchema } from './view-work';

/** The kinds of personal data (the inventory names each in Vietnamese). */
export const DATA_CATEGORIES = [
  /** Full name, date of birth. */
  'identity',
  /** E-mail address, phone number. */
  'contact',
  /** The member id: a hash of the e-mail, so it points at one person. */
  'member_id',
  /** Base union and group: where the member works. */
  'workplace',
  /** Tasks registered, evidence entries, results, grade, rank. */
  'activity',
  /** What the member wrote: descriptions, links, the BB3 essay, initiatives. */
  'free_text',
  /** Decisions on the member's evidence and the evaluators' comments. */
  'evaluation',
  /** Introduction to and admission into the Party: political affiliation, sensitive personal data. */
  'party',
  /** The member's consent: the notice version agreed to, when, and when withdrawn. */
  'consent',
  /** E-mail addresses and names of officials: evaluators, party committees, the committee, group leaders. */
  'officials',
  /** A body as received, or a letter as written: holds whatever its sender or writer put in. */
  'whole_text',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface StoredDocument {
  /** The document's path, as docs/data-model.md writes it. */
  path: string;
  schema: z.ZodType;
  /**
   * Fields (dotted paths, `[]` for an array's elements, `{}` for a map's values) holding personal data; a field covers
   * the fields inside it.
   */
  personal: Readonly<Record<string, DataCategory>>;
  /** Fields that hold none; `x.*` for x and every field inside it. */
  other: readonly string[];
}

/** Who the member is, as both their record and each year's journey hold it. */
const PERSON = {
  memberId: 'member_id',
  email: 'contact',
  fullName: 'identity',
  dateOfBirth: 'identity',
  phone: 'contact',
} as const satisfies Record<string, DataCategory>;

const PARTY = {
  'party.introducedAt': 'party',
  'party.admittedAt': 'party',
  'party.reference': 'party',
} as const satisfies Record<string, DataCategory>;

export const STORED_DOCUMENTS: readonly StoredDocument[] = [
  {
    path: 'members/{memberId}',
    schema: MemberDocSchema,
    personal: { ...PERSON, ...PARTY },
    other: ['years', 'party', 'updatedAt'],
  },
  {
    path: 'years/{year}/journeys/{memberId}',
    schema: JourneyDocSchema,
    personal: {
      ...PERSON,
      unitId: 'workplace',
      groupId: 'workplace',
      training: 'activity',
      challenge: 'activity',
      entries: 'activity',
      result: 'activity',
      ...PARTY,
      consent: 'consent',
    },
    other: ['year', 'registeredAt', 'amendedAt', 'party', 'updatedAt'],
  },
  {
    path: 'years/{year}/evidence/{evidenceId}',
    schema: EvidenceDocSchema,
    personal: {
      memberId: 'member_id',
      email: 'contact',
      fullName: 'identity',
      unitId: 'workplace',
      groupId: 'workplace',
      description: 'free_text',
      links: 'free_text',
      essay: 'free_text',
      initiative: 'free_text',
      rating: 'evaluation',
      decisions: 'evaluation',
      'decisions[].comment': 'evaluation',
      'decisions[].evaluatorEmail': 'officials',
    },
    other: [
      'year',
      'evidenceId',
      'responseId',
      'task',
      'activityDate',
      'submittedAt',
      'words',
      'meetingKind',
      'queues',
      'status',
      'receivedAt',
    ],
  },
  {
    path: 'years/{year}/dataRequests/{requestId}',
    schema: DataRequestDocSchema,
    personal: { memberId: 'member_id', text: 'free_text', answer: 'free_text' },
    other: ['year', 'requestId', 'kind', 'receivedAt', 'deadline', 'status', 'answeredAt', 'answerEditId'],
  },
  {
    path: 'inbox/{key}',
    schema: InboxDocSchema,
    personal: { email: 'contact', raw: 'whole_text', 'errors[].message': 'whole_text' },
    other: ['key', 'kind', 'sourceKey', 'year', 'receivedAt', 'caller', 'status', 'id', 'errors.*', 'decidedAt'],
  },
  {
    path: 'audit/{auto}',
    schema: AuditEntrySchema,
    personal: { actor: 'contact', by: 'officials', target: 'member_id', detail: 'whole_text', source: 'officials' },
    other: ['at', 'role', 'action'],
  },
  {
    path: 'mail/{id}',
    schema: MailDocSchema,
    personal: { to: 'contact', subject: 'identity', letter: 'whole_text', reason: 'contact' },
    other: [
      'id',
      'year',
      'kind',
      'period',
      'priority',
      'status',
      'attempts',
      'queuedAt',
      'dueAt',
      'sentAt',
      'messageId',
      'mergedInto',
      'contentKey',
      'day',
      'claimedUntil',
      'providerId',
      'waiting',
    ],
  },
  {
    path: 'mailContent/{key}',
    schema: MailContentDocSchema,
    personal: { letter: 'whole_text' },
    other: ['key'],
  },
  { path: 'mailBudget/{day}', schema: MailBudgetDocSchema, personal: {}, other: ['day', 'used'] },
  {
    path: 'years/{year}',
    schema: YearDocSchema,
    personal: {
      'config.units[].evaluators': 'officials',
      'config.units[].reportTo': 'officials',
      'config.units[].nominees': 'contact',
      'config.groups[].leader': 'officials',
      'config.groups[].supervisor': 'officials',
      'config.committee': 'officials',
      'config.lateRegistrations[].email': 'contact',
      'config.forms.responders': 'contact',
    },
    other: [
      'year',
      'version',
      'config',
      'config.year',
      'config.phase',
      'config.calendar.*',
      'config.rules.*',
      'config.tasks.*',
      'config.units',
      'config.units[].id',
      'config.units[].name',
      'config.units[].cluster',
      'config.groups',
      'config.groups[].id',
      'config.groups[].name',
      'config.groups[].cluster',
      'config.lateRegistrations',
      'config.lateRegistrations[].unitId',
      'config.lateRegistrations[].until',
      'config.forms',
      'config.privacy.*',
      'notices.*',
      'updatedAt',
      'contentHash',
      'nomineesSetAt.*',
      'rolledOverFrom',
    ],
  },
  {
    path: 'years/{year}/configVersions/{n}/nominees/{unit}~{k}',
    schema: NomineePartSchema,
    personal: { emails: 'contact' },
    other: ['unitId', 'part'],
  },
  {
    path: 'years/{year}/nominations/{unitId}',
    schema: NominationsDocSchema,
    personal: { 'nominees[].fullName': 'identity', 'nominees[].email': 'contact', editorEmail: 'officials' },
    other: ['year', 'unitId', 'nominees', 'editId', 'editedAt', 'receivedAt'],
  },
  {
    path: 'viewWork/{auto}',
    schema: ViewWorkDocSchema,
    personal: { itemId: 'member_id' },
    other: ['year', 'sheet', 'queue', 'itemKind', 'at'],
  },
  { path: 'years/{year}/sheets/registry', schema: RegistrySchema, personal: {}, other: ['master.*', 'queues.*'] },
  {
    path: 'years/{year}/sheets/rows-{tab}',
    schema: RowHeadSchema,
    personal: { rows: 'member_id' },
    other: ['next', 'gridRows', 'shards'],
  },
  { path: 'years/{year}/sheets/rows-{tab}~{k}', schema: RowShardSchema, personal: { rows: 'member_id' }, other: [] },
  {
    path: 'years/{year}/sheets/sync',
    schema: SyncRunSchema,
    personal: {},
    other: ['syncId', 'startedAt', 'finishedAt', 'total', 'writes', 'states.*', 'shownAt'],
  },
  { path: 'years/{year}/sheets/mail', schema: MailTabStateSchema, personal: {}, other: ['shownAt', 'askedAt'] },
];

/** Each kind in the words of the inventory (docs/du-lieu-ca-nhan.md). */
export const DATA_CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = {
  identity: 'Nhân thân',
  contact: 'Liên lạc',
  member_id: 'Mã đoàn viên',
  workplace: 'Nơi công tác',
  activity: 'Hoạt động',
  free_text: 'Nội dung tự viết',
  evaluation: 'Đánh giá',
  party: 'Nhạy cảm: Đảng',
  consent: 'Sự đồng ý',
  officials: 'Cán bộ',
  whole_text: 'Toàn văn',
};
