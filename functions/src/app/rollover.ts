// POST /v1/years/{year}/rollover: the new year's plan from an earlier year's, and the members who continue into it.
import type { YearConfig } from '../domain/config';
import { rolloverPlan } from '../domain/rollover';
import { vietnameseCollator } from '../domain/text';
import { violation } from '../domain/violations';
import { RolloverBody } from './bodies';
import type { AppContext, Caller, Outcome } from './context';
import { submit } from './submission';
import { contentHashOf, nomineesSetAt, noticesAfter } from './year';

/** A member of the earlier year not yet admitted to the Party: the base unions may nominate them again. */
export interface ContinuingMember {
  memberId: string;
  fullName: string;
  email: string;
  /** Their base union in the earlier year. */
  unitId: string;
  introducedAt: string | null;
}

/** The answer: the outcome, and once accepted (or repeated) the plan the rollover made and the continuing members. */
export interface RolloverAnswer {
  outcome: Outcome;
  plan?: YearConfig;
  continuing?: ContinuingMember[];
}

/** The members of `year` not admitted to the Party (their latest status, whatever year recorded it), by unit then name. */
export async function continuingMembers(ctx: Pick<AppContext, 'store'>, year: number): Promise<ContinuingMember[]> {
  const [journeys, members] = await Promise.all([ctx.store.listJourneys(year), ctx.store.listMembersOf(year)]);
  const party = new Map(members.map((m) => [m.memberId, m.party]));
  return journeys
    .map((j) => ({ journey: j, party: party.get(j.memberId) ?? j.party }))
    .filter(({ party: p }) => p.admittedAt === null)
    .map(({ journey: j, party: p }) => ({
      memberId: j.memberId,
      fullName: j.fullName,
      email: j.email,
      unitId: j.unitId,
      introducedAt: p.introducedAt,
    }))
    .sort(
      (a, b) =>
        a.unitId.localeCompare(b.unitId) ||
        vietnameseCollator.compare(a.fullName, b.fullName) ||
        a.memberId.localeCompare(b.memberId),
    );
}

/**
 * Makes the plan of `year` from `fromYear`'s (domain `rolloverPlan`) as version 1 of the year. Refused (409
 * `year_exists`) when the year has a plan already; a repeat of the same `editId` answers the same plan again, with the
 * continuing members as they are now.
 */
export async function rolloverYear(
  ctx: AppContext,
  year: number,
  raw: string,
  json: unknown,
  caller: Caller,
): Promise<RolloverAnswer> {
  const outcome = await submit<typeof RolloverBody, YearConfig>(
    ctx,
    { kind: 'rollover', raw, json, caller },
    {
      schema: RolloverBody,
      keyOf: (b) => b.editId,
      action: 'year.rollover',
      locate: async (body) => {
        if (body.fromYear >= year) {
          return {
            refused: [violation('invalid_value', 'fromYear', { detail: `phải là một năm trước năm ${year}.` })],
            year,
          };
        }
        const from = await ctx.store.getYear(body.fromYear);
        if (!from) return { refused: [violation('year_not_found', 'fromYear', { year: body.fromYear })], year };
        // The same lock as PUT /config: a rollover and a plan sent at once never both make version 1.
        return { year, email: null, lockKey: `config:${year}`, found: from.config };
      },
      decide: async (tx, body, now, from) => {
        const existing = await tx.getYear(year);
        if (existing)
          return {
            status: 'refused',
            errors: [violation('year_exists', 'year', { year, version: `${year}-v${existing.version}` })],
          };
        const made = rolloverPlan(from, year);
        if (!made.ok) {
          return {
            status: 'refused',
            errors: made.issues.map((i) => violation('invalid_value', i.path || 'body', { detail: i.message })),
          };
        }
        const { config } = made;
        return {
          status: 'accepted',
          id: `${year}-v1`,
          writes: (w) => {
            w.putYear(
              {
                year,
                version: 1,
                config,
                updatedAt: now.toISOString(),
                contentHash: contentHashOf(config),
                nomineesSetAt: nomineesSetAt(undefined, config, now),
                notices: noticesAfter(undefined, config, 1, now),
                rolledOverFrom: body.fromYear,
              },
              raw,
            );
          },
          changes: [{ kind: 'config', year }],
        };
      },
    },
  );
  if (outcome.status === 'refused') return { outcome };
  const version = Number(/-v(\d+)$/.exec(outcome.id ?? '')?.[1] ?? 1);
  const made = await ctx.store.getYearVersion(year, version);
  if (!made) return { outcome };
  return {
    outcome,
    plan: made.config,
    continuing: made.rolledOverFrom === undefined ? [] : await continuingMembers(ctx, made.rolledOverFrom),
  };
}
