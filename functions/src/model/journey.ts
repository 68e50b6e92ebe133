// A member's journey for a year (`years/{year}/journeys/{memberId}`), its result as scoring computed it.
import { z } from 'zod';
import { TASK_GROUPS, type TaskGroup } from '../domain/catalogue';
import { DECISIONS } from '../domain/evaluation';
import { GRADE_ORDER, TASK_STATUSES, type JourneyResult } from '../domain/results';

const doneCounts = Object.fromEntries(TASK_GROUPS.map((group) => [group, z.number()])) as Record<
  TaskGroup,
  z.ZodNumber
>;

/** The domain's `JourneyResult` as stored. */
export const JourneyResultSchema = z.object({
  tasks: z.record(
    z.string(),
    z.object({
      status: z.enum(TASK_STATUSES),
      approved: z.number(),
      pending: z.number(),
      required: z.number(),
    }),
  ),
  done: z.object(doneCounts),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  grade: z.enum(GRADE_ORDER),
  points: z.number(),
}) satisfies z.ZodType<JourneyResult>;

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

/**
 * The member's consent to the processing notice (issue 25): the notice version, when given, when withdrawn. Journeys
 * stored before consent was asked have none.
 */
export const ConsentSchema = z.object({
  notice: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export type Consent = z.infer<typeof ConsentSchema>;

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
  consent: ConsentSchema.nullable().optional(),
  updatedAt: z.string(),
});
export type JourneyDoc = z.infer<typeof JourneyDocSchema>;
