// Running a report: the year's plan, the period (named or the current one), its data read once into a snapshot, the
// drafts its kind builds from it, queued once each.
import { z } from 'zod';
import type { YearConfig } from '../../../domain/config';
import { localDate } from '../../../domain/dates';
import { isReportKind, type ReportKind } from '../../../domain/mail';
import { currentPeriod, parsePeriod, PERIOD_EXAMPLES, periodKindOf } from '../../../domain/periods';
import { violation } from '../../../domain/violations';
import { callerAudit } from '../../audit';
import { refused, type AppContext, type Caller, type Outcome } from '../../context';
import { schemaViolations } from '../../bodies';
import { loadConfig, yearNotFound } from '../../year';
import { queueDrafts, type ReportAnswer } from '../queue';
import { annualDrafts } from './annual';
import { campDrafts } from './camp';
import { digestDrafts } from './digest';
import { membersDrafts } from './members';
import { phaseDrafts } from './phase';
import { quarterlyDrafts } from './quarterly';
import { remindersDrafts } from './reminders';
import { readSnapshot, type ReportBuilder } from './snapshot';

/** `slice: "2/5"`: the second fifth of the units (by their order in the plan), so weekly summaries spread over the working days. */
const ReportBody = z.strictObject({
  period: z.string().max(20).optional(),
  dryRun: z.boolean().optional(),
  slice: z
    .string()
    .regex(/^[1-9]\d?\/[1-9]\d?$/, { message: 'có dạng "2/5" (phần thứ 2 trong 5 phần)' })
    .refine((s) => Number(s.split('/')[0]) <= Number(s.split('/')[1]), {
      message: 'phần thứ mấy không được lớn hơn số phần',
    })
    .optional(),
  /** Reminders only: the scheduled job reminds evaluators; members are reminded by their staggered weekly summary. */
  audience: z.enum(['all', 'evaluators', 'members']).optional(),
});

const BUILDERS: Record<ReportKind, ReportBuilder> = {
  digest: digestDrafts,
  quarterly: quarterlyDrafts,
  annual: annualDrafts,
  camp: campDrafts,
  reminders: remindersDrafts,
  members: membersDrafts,
  phase: phaseDrafts,
};

function unitsOf(config: YearConfig, slice: string | undefined): Set<string> {
  if (!slice) return new Set(config.units.map((u) => u.id));
  const [part, parts] = slice.split('/').map(Number) as [number, number];
  return new Set(config.units.filter((_u, i) => i % parts === part - 1).map((u) => u.id));
}

/** `POST /v1/years/{year}/reports/{kind}`: the answer, or a refusal (unknown year, a period written wrong). */
export async function runReport(
  ctx: AppContext,
  year: number,
  kind: string,
  json: unknown,
  caller: Caller,
): Promise<ReportAnswer | Outcome | 'unknown_kind' | 'no_mail'> {
  if (!isReportKind(kind)) return 'unknown_kind';
  const mail = ctx.mail;
  if (!mail) return 'no_mail';
  const parsed = ReportBody.safeParse(json ?? {});
  if (!parsed.success) return refused(schemaViolations(parsed.error));
  const config = await loadConfig(ctx, year);
  if (!config) return refused([yearNotFound(year)]);
  const now = ctx.clock();
  const periodKind = periodKindOf(kind);
  const period =
    parsed.data.period === undefined
      ? currentPeriod(periodKind, localDate(now), config.phase)
      : parsePeriod(periodKind, parsed.data.period);
  if (!period) {
    return refused([
      violation('invalid_value', 'period', {
        detail: `"${parsed.data.period ?? ''}" không phải kỳ hợp lệ của loại báo cáo này (ví dụ ${PERIOD_EXAMPLES[periodKind]}).`,
      }),
    ]);
  }
  const snapshot = await readSnapshot(ctx.store, mail, {
    kind,
    config,
    period,
    now,
    units: unitsOf(config, parsed.data.slice),
    audience: parsed.data.audience ?? 'all',
  });
  const drafts = BUILDERS[kind](snapshot);
  const answer = await queueDrafts(mail, now, { kind, period: period.label }, drafts, parsed.data.dryRun ?? false);
  if (answer.queued + answer.deferred > 0 && parsed.data.dryRun !== true) {
    const { queued, deferred, alreadySent } = answer;
    const change = {
      action: 'report.queue',
      target: `${kind}:${period.label}`,
      detail: { queued, deferred, alreadySent },
    };
    await ctx.store.recordAudit(callerAudit(caller, now.toISOString(), change));
  }
  return answer;
}

/**
 * `POST /v1/internal/reports/{kind}` (Cloud Scheduler, which can neither sign nor know the year): the current year and
 * period. A year without a plan, or the phase report before the phase's last year, queues nothing.
 */
export async function runScheduledReport(
  ctx: AppContext,
  kind: string,
  json: unknown,
  caller: Caller,
): Promise<ReportAnswer | Outcome | 'unknown_kind' | 'no_mail'> {
  if (!isReportKind(kind)) return 'unknown_kind';
  const year = Number(localDate(ctx.clock()).slice(0, 4));
  const config = await loadConfig(ctx, year);
  const nothing = (period: string): ReportAnswer => ({
    kind,
    period,
    queued: 0,
    alreadySent: 0,
    deferred: 0,
    messages: [],
  });
  if (!config) return nothing('');
  if (kind === 'phase' && Number(config.phase.slice(5)) !== year) return nothing(config.phase);
  const body = typeof json === 'object' && json !== null ? json : {};
  return runReport(ctx, year, kind, body, caller);
}
