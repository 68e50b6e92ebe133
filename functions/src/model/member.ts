// A member across the phase (`members/{memberId}`): who they are, the years they took part in, their party status.
import { z } from 'zod';
import { PartyRecordSchema } from './journey';

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

/** The years the member took part in, with `year` (a first registration not yet on their record), oldest first. */
export function yearsWith(member: Pick<MemberDoc, 'years'> | undefined, year: number): number[] {
  return [...new Set([...(member?.years ?? []), year])].sort((a, b) => a - b);
}
