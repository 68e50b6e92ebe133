// Every submission exactly as received, then its outcome (`inbox/{key}`; a long body in parts beside it).
import { z } from 'zod';

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

export const INBOX_STATUSES = ['received', 'accepted', 'refused'] as const;

export const ViolationRecordSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

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
  status: z.enum(INBOX_STATUSES),
  id: z.string().nullable(),
  errors: z.array(ViolationRecordSchema),
  decidedAt: z.string().nullable(),
});
export type InboxDoc = z.infer<typeof InboxDocSchema>;
