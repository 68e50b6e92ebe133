// POST /v1/party-status: a member introduced for admission to the Party, or admitted.
import { checkPartyStatus } from '../domain/party';
import { violation } from '../domain/violations';
import { PartyStatusBody } from './bodies';
import type { AppContext, Caller, Outcome } from './context';
import { isMemberId, memberIdFor } from './ids';
import { submit } from './submission';
import { yearNotFound } from './year';

export function recordPartyStatus(ctx: AppContext, raw: string, json: unknown, caller: Caller): Promise<Outcome> {
  const memberOf = (body: PartyStatusBody): string => body.memberId ?? memberIdFor(body.email ?? '');
  return submit(
    ctx,
    { kind: 'party_status', raw, json, caller },
    {
      schema: PartyStatusBody,
      keyOf: (b) => b.editId,
      action: 'party_status',
      locate: async (body) => {
        if (!(await ctx.store.getYear(body.year))) return { refused: [yearNotFound(body.year)], year: body.year };
        if (body.memberId !== undefined && !isMemberId(body.memberId)) {
          return { refused: [violation('member_not_found', 'memberId', { value: body.memberId })], year: body.year };
        }
        return { year: body.year, email: null, lockKey: memberOf(body), found: undefined };
      },
      decide: async (tx, body, now) => {
        const memberId = memberOf(body);
        const journey = await tx.getJourney(body.year, memberId);
        const member = await tx.getMember(memberId);
        if (!journey) {
          return {
            status: 'refused',
            errors: [
              violation('member_not_found', body.email ? 'email' : 'memberId', { value: body.email ?? memberId }),
            ],
          };
        }
        const errors = checkPartyStatus(body, {
          introducedAt: journey.party.introducedAt ?? undefined,
          admittedAt: journey.party.admittedAt ?? undefined,
        });
        if (errors.length > 0) return { status: 'refused', errors, id: memberId };
        const party = {
          introducedAt: body.introducedAt ?? journey.party.introducedAt,
          admittedAt: body.admittedAt ?? journey.party.admittedAt,
          reference: body.reference ?? journey.party.reference,
        };
        return {
          status: 'accepted',
          id: memberId,
          writes: (w) => {
            w.putJourney({ ...journey, party, updatedAt: now.toISOString() });
            // Admission is a life event: the member's record keeps the latest status, whatever the year.
            if (member) w.putMember({ ...member, party, updatedAt: now.toISOString() });
          },
          changes: [{ kind: 'journey', year: body.year, memberId }],
        };
      },
    },
  );
}
