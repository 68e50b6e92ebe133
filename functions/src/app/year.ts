// Reading and replacing the year's plan: every PUT stores a new version, the latest is in force.
import { z } from 'zod';
import { resolveYearConfig, type YearConfig } from '../domain/config';
import type { YearDoc } from '../model';
import { violation, type Violation } from '../domain/violations';
import { duplicate, type AppContext, type Caller, type Outcome } from './context';
import { bodyHash } from './ids';
import { submit } from './submission';

/** The plan in force for the year; needs only the store, so the views can read it too. */
export async function loadConfig(ctx: Pick<AppContext, 'store'>, year: number): Promise<YearConfig | undefined> {
  return (await ctx.store.getYear(year))?.config;
}

export function yearNotFound(year: number): Violation {
  return violation('year_not_found', 'year', { year });
}

export const contentHashOf = (config: YearConfig): string => bodyHash(JSON.stringify(config));

/**
 * When the plan last changed each unit's `nominees`: `now` for a unit whose list this version changes, the earlier time
 * for the others. A base union's own list (its "Đề cử" tab) is in force when it is later than this.
 */
export function nomineesSetAt(previous: YearDoc | undefined, config: YearConfig, now: Date): Record<string, string> {
  const before = new Map((previous?.config.units ?? []).map((u) => [u.id, JSON.stringify(u.nominees ?? null)]));
  const times: Record<string, string> = {};
  for (const unit of config.units) {
    const earlier = previous?.nomineesSetAt?.[unit.id];
    if (before.get(unit.id) !== JSON.stringify(unit.nominees ?? null)) times[unit.id] = now.toISOString();
    else if (earlier !== undefined) times[unit.id] = earlier;
    else if (unit.nominees !== undefined && previous) times[unit.id] = previous.updatedAt;
  }
  return times;
}

type NoticeHistory = NonNullable<YearDoc['notices']>;

/**
 * The notices the year has put in force once `config` is stored as plan version `version`: the earlier ones kept (a plan
 * stored before notices had versions counts its own as the first), the new one added when its version is not there yet.
 */
export function noticesAfter(
  previous: YearDoc | undefined,
  config: YearConfig,
  version: number,
  now: Date,
): NoticeHistory {
  const earlier: NoticeHistory =
    previous?.notices ??
    (previous ? [{ version: previous.config.privacy.version, since: previous.updatedAt, plan: previous.version }] : []);
  if (earlier.some((n) => n.version === config.privacy.version)) return earlier;
  return [...earlier, { version: config.privacy.version, since: now.toISOString(), plan: version }];
}

/** The notice versions a registration of the year may name: every one the year's plan has put in force. */
export function noticeVersionsOf(plan: YearDoc): string[] {
  return [...new Set([...(plan.notices ?? []).map((n) => n.version), plan.config.privacy.version])];
}

/**
 * GET /v1/years/{year}/privacy-notice?version=: a notice the year put in force before the one in force now, read from
 * the plan version that brought it — what a member consented to stays readable after the text changes.
 */
export async function earlierPrivacyNotice(
  ctx: Pick<AppContext, 'store'>,
  year: number,
  version: string,
): Promise<{ version: string; text: string } | undefined> {
  const earlier = (await ctx.store.getYear(year))?.notices?.find((n) => n.version === version);
  const stored = earlier ? await ctx.store.getYearVersion(year, earlier.plan) : undefined;
  return stored?.config.privacy.version === version ? { version, text: stored.config.privacy.text } : undefined;
}

/**
 * PUT /v1/years/{year}/config: validates, fills the plan's defaults, stores a new version whenever the content differs
 * from the plan in force (A, then B, then A again puts A back). A retry is recognised by the caller's `editId` when the
 * body carries one, else by the body compared with the version in force.
 */
export async function putYearConfig(
  ctx: AppContext,
  year: number,
  raw: string,
  json: unknown,
  caller: Caller,
): Promise<Outcome> {
  const given = typeof json === 'object' && json !== null ? (json as { editId?: unknown }).editId : undefined;
  const editId = typeof given === 'string' && given.trim() !== '' ? given.trim() : undefined;
  const inForce = editId === undefined ? await ctx.store.getYear(year) : undefined;
  // The plan in force sent again (a retry, a re-run of setup): nothing to store, not even in the inbox.
  const resolvedNow = inForce?.contentHash ? resolveYearConfig(json) : undefined;
  if (resolvedNow?.ok && inForce && contentHashOf(resolvedNow.config) === inForce.contentHash)
    return duplicate(`${year}-v${inForce.version}`);
  return submit(
    ctx,
    { kind: 'config', raw, json, caller },
    {
      schema: z.unknown(),
      keyOf: () => editId ?? `${bodyHash(raw)}@v${inForce?.version ?? 0}`,
      action: 'config.put',
      locate: () => Promise.resolve({ year, email: null, lockKey: `config:${year}`, found: undefined }),
      decide: async (tx, body, now) => {
        const stated = typeof body === 'object' && body !== null ? (body as { year?: unknown }).year : undefined;
        if (typeof stated === 'number' && stated !== year) {
          return { status: 'refused', errors: [violation('year_mismatch', 'year', { expected: year, given: stated })] };
        }
        const resolved = resolveYearConfig(body);
        if (!resolved.ok) {
          return {
            status: 'refused',
            errors: resolved.issues.map((i) => violation('invalid_value', i.path || 'body', { detail: i.message })),
          };
        }
        const contentHash = contentHashOf(resolved.config);
        const latest = await tx.getYear(year);
        if (latest?.contentHash === contentHash) return { status: 'duplicate', id: `${year}-v${latest.version}` };
        const version = (latest?.version ?? 0) + 1;
        return {
          status: 'accepted',
          id: `${year}-v${version}`,
          writes: (w) => {
            const setAt = nomineesSetAt(latest, resolved.config, now);
            w.putYear(
              {
                year,
                version,
                config: resolved.config,
                updatedAt: now.toISOString(),
                contentHash,
                nomineesSetAt: setAt,
                notices: noticesAfter(latest, resolved.config, version, now),
              },
              raw,
            );
          },
          changes: [{ kind: 'config', year }],
        };
      },
    },
  );
}
