// An evidence entry (`years/{year}/evidence/{evidenceId}`) with every decision made on it.
import { z } from 'zod';
import { DECISIONS } from '../domain/evaluation';
import { MEETING_KINDS } from '../domain/evidence';
import { DecisionRecordSchema } from './journey';

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
