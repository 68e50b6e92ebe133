// A member's request about their own data (`years/{year}/dataRequests/{requestId}`), as received and as answered.
import { z } from 'zod';
import { DATA_REQUEST_KINDS, DATA_REQUEST_STATUSES } from '../domain/data-requests';

export const DataRequestDocSchema = z.object({
  year: z.number(),
  requestId: z.string(),
  memberId: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  /** What the member wrote (a correction); '' for a withdrawal. */
  text: z.string(),
  receivedAt: z.string(),
  /** The last day (Vietnam) to complete it: the arrival day plus the decree's days (domain/data-requests.ts). */
  deadline: z.string(),
  status: z.enum(DATA_REQUEST_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** The answer's idempotency key: a repeat of the same answer changes nothing. */
  answerEditId: z.string().nullable(),
});
export type DataRequestDoc = z.infer<typeof DataRequestDocSchema>;
