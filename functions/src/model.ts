// What the function stores: the documents behind each member's journey, validated when read back.
import { z } from 'zod';
import { YearConfigSchema } from './domain/config';
import { DECISIONS } from './domain/evaluation';
import { MEETING_KINDS } from './domain/evidence';

const JourneyResultSchema = z.object({
  tasks: z.record(
    z.string(),
    z.object({
      status: z.enum(['not_registered', 'not_started', 'in_progress', 'done']),
      approved: z.number(),
      pending: z.number(),
      required: z.number(),
    }),
  ),
  done: z.object({ BB: z.number(), RL: z.number(), TT: z.number() }),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  grade: z.enum(['xuat_sac', 'tot', 'dat', 'chua_dat']),
  points: z.number(),
});

export const DecisionRecordSchema = z.object({
  editId: z.string(),
  editedAt: z.string(),
  decision: z.enum(DECISIONS),
  queue: z.string(),
  comment: z.string().nullable(),
  evaluatorEmail: z.string().nullable(),
  receivedAt: z.string(),
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

/** The part of an evidence entry scoring needs, kept on the journey so a recompute reads one document. */
export const EntrySummarySchema = z.object({
  evidenceId: z.string(),
  task: z.string(),
  activityDate: z.string(),
  submittedAt: z.string(),
  decisions: z.array(DecisionRecordSchema.pick({ editId: true, editedAt: true, decision: true })),
});
export type EntrySummary = z.infer<typeof EntrySummarySchema>;

export const PartyRecordSchema = z.object({
  introducedAt: z.string().nullable(),
  admittedAt: z.string().nullable(),
  reference: z.string().nullable(),
});
export type PartyRecord = z.infer<typeof PartyRecordSchema>;

/** A member across the phase: who they are, the years they took part in, and their party status. */
export const MemberDocSchema = z.object({
  memberId: z.string(),
  email: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  years: z.array(z.number()),
  party: PartyRecordSchema,
  updatedAt: z.string(),
});
export type MemberDoc = z.infer<typeof MemberDocSchema>;

export const JourneyDocSchema = z.object({
  year: z.number(),
  memberId: z.string(),
  email: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.string(),
  groupId: z.string().nullable(),
  training: z.array(z.string()),
  challenge: z.array(z.string()),
  registeredAt: z.string(),
  amendedAt: z.string().nullable(),
  entries: z.array(EntrySummarySchema),
  result: JourneyResultSchema,
  party: PartyRecordSchema,
  updatedAt: z.string(),
});
export type JourneyDoc = z.infer<typeof JourneyDocSchema>;

export const EvidenceDocSchema = z.object({
  year: z.number(),
  evidenceId: z.string(),
  responseId: z.string(),
  memberId: z.string(),
  email: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  groupId: z.string().nullable(),
  task: z.string(),
  activityDate: z.string(),
  submittedAt: z.string(),
  description: z.string(),
  links: z.array(z.string()),
  essay: z.string().nullable(),
  words: z.number().nullable(),
  initiative: z.string().nullable(),
  rating: z.string().nullable(),
  meetingKind: z.enum(MEETING_KINDS).nullable(),
  queues: z.array(z.string()),
  /** The effective decision (latest by editedAt), or `pending`. */
  status: z.enum(['pending', ...DECISIONS]),
  decisions: z.array(DecisionRecordSchema),
  receivedAt: z.string(),
});
export type EvidenceDoc = z.infer<typeof EvidenceDocSchema>;

export const YearDocSchema = z.object({
  year: z.number(),
  version: z.number(),
  config: YearConfigSchema,
  updatedAt: z.string(),
  /** Hash of the plan with its defaults filled in: a plan is a new version whenever this differs from the one in force. */
  contentHash: z.string().optional(),
  /** Per unit id, when the plan last changed that unit's `nominees` (compared with a base union's own list by time). */
  nomineesSetAt: z.record(z.string(), z.string()).optional(),
  /** The year this plan was rolled over from (`POST /rollover`), on the version the rollover made. */
  rolledOverFrom: z.number().optional(),
});
export type YearDoc = z.infer<typeof YearDocSchema>;

/** A base union's own nominee list for the year, as its executive keeps it in the "Đề cử" tab of its spreadsheet. */
export const NominationsDocSchema = z.object({
  year: z.number(),
  unitId: z.string(),
  nominees: z.array(z.object({ fullName: z.string(), email: z.string() })),
  editId: z.string(),
  /** When the list was edited in the sheet: a later edit replaces an earlier one, never the reverse (a late retry). */
  editedAt: z.string(),
  editorEmail: z.string().nullable(),
  receivedAt: z.string(),
});
export type NominationsDoc = z.infer<typeof NominationsDocSchema>;

export const INBOX_KINDS = [
  'config',
  'registration',
  'evidence',
  'evaluation',
  'party_status',
  'rollover',
  'nominations',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const ViolationRecordSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

/** Every submission exactly as received, then its outcome. */
export const InboxDocSchema = z.object({
  key: z.string(),
  kind: z.enum(INBOX_KINDS),
  /** The idempotency key as the caller gave it (responseId / editId), or the body's hash. */
  sourceKey: z.string(),
  year: z.number().nullable(),
  email: z.string().nullable(),
  raw: z.string(),
  receivedAt: z.string(),
  caller: z.string(),
  status: z.enum(['received', 'accepted', 'refused']),
  id: z.string().nullable(),
  errors: z.array(ViolationRecordSchema),
  decidedAt: z.string().nullable(),
});
export type InboxDoc = z.infer<typeof InboxDocSchema>;

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  source: string;
  detail: Record<string, unknown>;
}
