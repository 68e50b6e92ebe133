// zod schemas of every request body of API.md (what the use cases validate), and their failures as field violations in Vietnamese.
import { z } from 'zod';
import { EVALUATOR_SOURCES } from '../contract/queue-sheet';
import { DECISIONS } from '../domain/evaluation';
import { MEETING_KINDS } from '../domain/evidence';
import { isIsoDate } from '../domain/dates';
import { issueDetail } from '../domain/issues';
import { consentAnswerOf } from '../domain/privacy';
import { parseQueueId } from '../domain/queues';
import { violation, type Violation } from '../domain/violations';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1);
const isoDate = z.string().refine(isIsoDate, { message: 'cần có dạng năm-tháng-ngày (YYYY-MM-DD)' });
const instant = z.iso.datetime({ offset: true, message: 'cần là thời điểm ISO-8601 có múi giờ' });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'địa chỉ email không hợp lệ' }));
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

export const RegistrationBody = z.object({
  responseId: required(200),
  submittedAt: instant,
  year: z.number().int(),
  email,
  fullName: required(200),
  unit: required(200),
  group: optionalText(200),
  dateOfBirth: z
    .union([isoDate, z.literal('')])
    .optional()
    .nullable()
    .transform((v) => v || undefined),
  phone: optionalText(40),
  trainingTasks: z.array(text(300)).max(50),
  challengeTasks: z.array(text(300)).max(50),
  /** `{"notice": version, "given": true}`; read leniently, so a missing or wrong consent is `consent_required`, not a schema error. */
  consent: z.unknown().optional().transform(consentAnswerOf),
});
export type RegistrationBody = z.infer<typeof RegistrationBody>;

export const EvidenceBody = z.object({
  responseId: required(200),
  submittedAt: instant,
  year: z.number().int(),
  email,
  task: required(300),
  activityDate: isoDate,
  description: text(20_000),
  links: z.array(text(2_000)).max(50).optional(),
  essay: optionalText(200_000),
  initiative: optionalText(2_000),
  rating: optionalText(200),
  meetingKind: z
    .enum(MEETING_KINDS)
    .optional()
    .nullable()
    .transform((v) => v ?? undefined),
});
export type EvidenceBody = z.infer<typeof EvidenceBody>;

export const EvaluationBody = z.object({
  editId: required(300),
  editedAt: instant,
  queue: required(200),
  evidenceId: required(100),
  decision: z.enum(DECISIONS),
  comment: optionalText(5_000),
  evaluatorEmail: z
    .union([email, z.literal('')])
    .optional()
    .nullable()
    .transform((v) => v || undefined),
  /** How the caller knew the evaluator (an extension of API.md): `account` (Google named the editor) or `named` (picked in the queue sheet). */
  evaluatorSource: z
    .enum([EVALUATOR_SOURCES.account, EVALUATOR_SOURCES.named])
    .optional()
    .nullable()
    .transform((v) => v ?? undefined),
});
export type EvaluationBody = z.infer<typeof EvaluationBody>;

export const PartyStatusBody = z
  .object({
    editId: required(300),
    email: email.optional(),
    memberId: required(100).optional(),
    year: z.number().int(),
    introducedAt: isoDate
      .optional()
      .nullable()
      .transform((v) => v ?? undefined),
    admittedAt: isoDate
      .optional()
      .nullable()
      .transform((v) => v ?? undefined),
    reference: optionalText(500),
  })
  .refine((b) => b.email !== undefined || b.memberId !== undefined, {
    message: 'cần email hoặc mã đoàn viên',
    path: ['email'],
  });
export type PartyStatusBody = z.infer<typeof PartyStatusBody>;

/** POST /v1/years/{year}/rollover: the new year's plan from `fromYear`'s; `editId` makes a retry answer the same. */
export const RolloverBody = z.object({
  editId: required(300),
  fromYear: z.number().int().min(2000).max(2100),
});
export type RolloverBody = z.infer<typeof RolloverBody>;

/** `POST /v1/members/{memberId}/erase`: the idempotency key, and why (kept in the audit: no names in it, please). */
export const EraseBody = z.object({
  editId: required(300),
  reason: required(2000),
});
export type EraseBody = z.infer<typeof EraseBody>;

/** PUT /v1/years/{year}/units/{unitId}/nominees: the whole list a base union's "Đề cử" tab holds, as its executive left it. */
export const NominationsBody = z.object({
  editId: required(300),
  editedAt: instant,
  nominees: z.array(z.object({ fullName: required(200), email })).max(5_000),
  editorEmail: z
    .union([email, z.literal('')])
    .optional()
    .nullable()
    .transform((v) => v || undefined),
});
export type NominationsBody = z.infer<typeof NominationsBody>;

/** A queue id as API.md spells it (`CAP_UY:u1`); checked before it becomes a key anywhere. */
export const queueIdField = z
  .string()
  .refine((value) => parseQueueId(value) !== undefined, { message: 'mã hàng chờ không hợp lệ' });

export const SheetsBody = z.object({
  master: z.object({ spreadsheetId: required(200), url: z.string().optional() }),
  queues: z.record(
    queueIdField,
    z.object({ spreadsheetId: required(200), sheetName: required(200), url: z.string().optional() }),
  ),
});
export type SheetsBody = z.infer<typeof SheetsBody>;

/** A schema failure as violations, one per field, in words a member understands. */
export function schemaViolations(error: z.ZodError): Violation[] {
  return error.issues.map((issue) =>
    violation('invalid_value', issue.path.map(String).join('.') || 'body', { detail: issueDetail(issue) }),
  );
}
