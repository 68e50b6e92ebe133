// PUT /v1/years/{year}/units/{unitId}/nominees: a base union's own nominee list, from the "Đề cử" tab of its spreadsheet.
import type { YearConfig } from '../domain/config';
import { withNomineesInForce, type SheetList } from '../domain/nominations';
import { findByIdOrName, normalizeName } from '../domain/text';
import { violation } from '../domain/violations';
import type { YearDoc } from '../model';
import { NominationsBody } from './bodies';
import { nominationNoticeKey } from './mail/ids';
import { nominationNotice } from './mail/notices';
import type { AppContext, Caller, Outcome } from './context';
import { submit } from './submission';
import { yearNotFound } from './year';

/**
 * Replaces the unit's own list for the year, and only that unit's: the path names the unit, and an `editorEmail`, when
 * given, must be one of that unit's executive (BCH Đoàn cơ sở). Idempotent on `editId`; an edit older than the list
 * stored (a late retry) changes nothing. The plan's `nominees` are kept as they are: the later of the two is in force.
 */
export function putNominations(
  ctx: AppContext,
  year: number,
  unitId: string,
  raw: string,
  json: unknown,
  caller: Caller,
): Promise<Outcome> {
  return submit<typeof NominationsBody, { config: YearConfig; unit: YearConfig['units'][number] }>(
    ctx,
    { kind: 'nominations', raw, json, caller },
    {
      schema: NominationsBody,
      keyOf: (b) => b.editId,
      action: 'nominations.put',
      locate: async (body) => {
        const plan = await ctx.store.getYear(year);
        if (!plan) return { refused: [yearNotFound(year)], year };
        const unit = plan.config.units.find((u) => u.id === unitId);
        if (!unit) return { refused: [violation('unit_not_found', 'unitId', { value: unitId.slice(0, 100) })], year };
        const executive = unit.evaluators.BCH_CO_SO.map(normalizeName);
        if (body.editorEmail !== undefined && !executive.includes(normalizeName(body.editorEmail))) {
          return { refused: [violation('not_unit_executive', 'editorEmail', { unit: unit.name })], year };
        }
        return {
          year,
          email: body.editorEmail ?? null,
          lockKey: `nominations:${year}:${unitId}`,
          found: { config: plan.config, unit },
        };
      },
      decide: async (tx, body, now, { config, unit }) => {
        const found = unit.id;
        const id = `${year}-${found}-nominees`;
        const stored = await tx.getNominations(year, found);
        if (stored && Date.parse(stored.editedAt) > Date.parse(body.editedAt)) return { status: 'duplicate', id };
        // One row per e-mail: a name typed twice counts once.
        const nominees = [...new Map(body.nominees.map((n) => [n.email, n])).values()];
        // Whoever this edit adds to the unit's list is told once (II.2: the base union nominates, the member registers).
        const before = new Set((stored?.nominees ?? []).map((n) => normalizeName(n.email)));
        const added = nominees.filter((n) => !before.has(normalizeName(n.email)));
        return {
          status: 'accepted',
          id,
          writes: (w) => {
            w.putNominations({
              year,
              unitId: found,
              nominees,
              editId: body.editId,
              editedAt: new Date(body.editedAt).toISOString(),
              editorEmail: body.editorEmail ?? null,
              receivedAt: now.toISOString(),
            });
          },
          changes: [{ kind: 'nominations', year, unitId: found }],
          notices: added.map((n) => ({
            key: nominationNoticeKey(year, found, body.editId, n.email),
            notice: nominationNotice(config, unit.name, n),
          })),
        };
      },
    },
  );
}

/** The year's plan with the nominee list in force for the unit a registration names (one more read: that unit's own list). */
export async function planForRegistration(
  ctx: Pick<AppContext, 'store'>,
  plan: YearDoc,
  unitNamed: string,
): Promise<YearConfig> {
  const unit = findByIdOrName(plan.config.units, unitNamed);
  if (!unit) return plan.config;
  const own = await ctx.store.getNominations(plan.year, unit.id);
  const sheets = new Map<string, SheetList>(own ? [[unit.id, own]] : []);
  return withNomineesInForce(plan.config, plan.nomineesSetAt ?? {}, sheets);
}
