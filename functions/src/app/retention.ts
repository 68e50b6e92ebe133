// The retention job (Cloud Scheduler, daily): every member whose phase ended more than the plan's `retentionYears` ago
// is erased (a pseudonym kept, as app/erase.ts does), a bounded number per run within a time budget; erasures an
// earlier run left midway are finished first. The committee gets an e-mail saying what was done.
import { randomUUID } from 'node:crypto';
import { localDate } from '../domain/dates';
import { isPseudonymousAddress } from '../domain/erasure';
import type { YearConfig } from '../domain/config';
import type { Letter } from '../domain/letter';
import { PRIORITY } from '../domain/mail';
import { normalizeName } from '../domain/text';
import type { MailDraft } from '../ports';
import type { AppContext, Caller } from './context';
import { erasureTarget, runErasure, startErasure } from './erase';
import { reportMailId } from './mail/ids';
import { queueDrafts } from './mail/queue';
import { CLOSING, committeeRecipients } from './mail/reports/common';

/** The earliest year looked at: the programme began in 2018. */
const FIRST_YEAR = 2018;

export interface RetentionLimits {
  /** Members erased per run at most. */
  members: number;
  /** Stops starting new erasures after this long (Cloud Run answers within its timeout; the next run goes on). */
  budgetMs: number;
}

/** Well inside the function's timeout: a run that stops is resumed by the next one. */
export const RETENTION_LIMITS: RetentionLimits = { members: 25, budgetMs: 240_000 };

export interface RetentionAnswer {
  /** Phases past their retention, each with how many members this run erased (and how many are left). */
  phases: { phase: string; erased: number; left: number }[];
  /** Erasures left midway by an earlier run (or an interrupted `erase`), finished now. */
  resumed: number;
  /** Years whose spreadsheets must be rebuilt. */
  years: number[];
  /** E-mails queued to the committee. */
  mailed: number;
}

/** The year's phase end and how long its data is kept; whether that time has passed on `today`. */
function expired(config: YearConfig, today: string): boolean {
  // The plan's `privacy.retentionYears`, filled with the default (domain/privacy.ts) when the plan does not say.
  const keep = config.privacy.retentionYears;
  const end = Number(config.phase.slice(-4));
  return today > `${String(end + keep)}-12-31`;
}

/** One run of the retention job (`POST /v1/internal/retention`). */
export async function runRetention(
  ctx: AppContext,
  caller: Caller,
  limits: RetentionLimits = RETENTION_LIMITS,
): Promise<RetentionAnswer> {
  const started = Date.now();
  const within = (): boolean => Date.now() - started < limits.budgetMs;
  const years = new Set<number>();
  let resumed = 0;
  for (const record of await ctx.store.listRunningErasures(limits.members)) {
    if (!record.target || !within()) continue;
    const done = await runErasure(ctx, record, record.target, caller);
    for (const y of done.years) years.add(y);
    resumed += 1;
  }
  const today = localDate(ctx.clock());
  const thisYear = Number(today.slice(0, 4));
  const plans = new Map<number, YearConfig>();
  for (let y = FIRST_YEAR; y <= thisYear; y++) {
    const plan = await ctx.store.getYear(y);
    if (plan) plans.set(y, plan.config);
  }
  const past = (y: number): boolean => {
    const config = plans.get(y);
    return config !== undefined && expired(config, today);
  };
  const phases = new Map<string, { erased: number; left: number }>();
  let budget = limits.members - resumed;
  let others: Set<string> | undefined;
  for (const [year, config] of plans) {
    if (!past(year)) continue;
    const members = (await ctx.store.listMembersOf(year)).filter(
      (m) => !isPseudonymousAddress(m.email) && m.years.every(past),
    );
    const tally = phases.get(config.phase) ?? { erased: 0, left: 0 };
    phases.set(config.phase, tally);
    for (const member of members) {
      if (budget <= 0 || !within()) {
        tally.left += 1;
        continue;
      }
      others ??= await namesOfKeptMembers(
        ctx,
        [...plans.keys()].filter((y) => !past(y)),
      );
      const target = await erasureTarget(ctx, member.memberId, others);
      if (!target) continue;
      const reason = `Hết thời hạn lưu trữ: giai đoạn ${config.phase} đã kết thúc quá số năm kế hoạch quy định.`;
      const record = await startErasure(ctx, target, { editId: `retention-${randomUUID()}`, reason }, caller);
      const done = await runErasure(ctx, record, target, caller);
      for (const y of done.years) years.add(y);
      tally.erased += 1;
      budget -= 1;
    }
  }
  const answer = {
    phases: [...phases].map(([phase, t]) => ({ phase, ...t })),
    resumed,
    years: [...years].sort((a, b) => a - b),
  };
  return { ...answer, mailed: await reportToCommittee(ctx, answer, plans) };
}

/** Names of the members of the years still kept: not scrubbed from shared texts (they are theirs too). */
async function namesOfKeptMembers(ctx: AppContext, years: readonly number[]): Promise<Set<string>> {
  const journeys = (await Promise.all(years.map((y) => ctx.store.listJourneys(y)))).flat();
  return new Set(journeys.map((j) => normalizeName(j.fullName)));
}

/** The committee's e-mail (Vietnamese) when the run erased anyone; answers how many were queued. */
async function reportToCommittee(
  ctx: AppContext,
  run: Omit<RetentionAnswer, 'mailed'>,
  plans: ReadonlyMap<number, YearConfig>,
): Promise<number> {
  const erased = run.phases.reduce((n, p) => n + p.erased, 0) + run.resumed;
  const latest = [...plans.values()].at(-1);
  if (!ctx.mail || !latest || erased === 0) return 0;
  const now = ctx.clock();
  const period = now.toISOString().slice(0, 19);
  const phases = run.phases.filter((p) => p.erased > 0 || p.left > 0);
  const subject = `Đã xoá dữ liệu cá nhân hết thời hạn lưu trữ của ${String(erased)} đoàn viên`;
  const letter: Letter = {
    subject,
    preheader: 'Dữ liệu cá nhân đã được thay bằng bí danh; số liệu thống kê của giai đoạn được giữ nguyên.',
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Theo thời hạn lưu trữ ghi trong kế hoạch (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15), hệ thống đã xoá dữ liệu cá nhân (họ tên, email, số điện thoại, ngày sinh, bài viết, mô tả minh chứng, nhận xét) của ${String(erased)} đoàn viên và thay bằng bí danh; số lượng, xếp hạng và số liệu kết nạp Đảng của giai đoạn được giữ nguyên.`,
      },
      {
        kind: 'table',
        columns: [
          { title: 'Giai đoạn' },
          { title: 'Đã xoá lần này', align: 'right' },
          { title: 'Còn lại (lần chạy sau)', align: 'right' },
        ],
        rows: phases.map((p) => [p.phase.replace('-', '–'), p.erased, p.left]),
        empty: `Hoàn tất ${String(run.resumed)} lượt xoá còn dở từ lần trước.`,
      },
      {
        kind: 'paragraph',
        text: 'Việc cần làm thủ công: xoá các câu trả lời của những đoàn viên này trong Google Forms và các thư đã gửi họ trong thư mục Đã gửi của hộp thư gửi đi (xem hướng dẫn vận hành, mục “Xoá dữ liệu của một đoàn viên”).',
      },
    ],
    closing: CLOSING,
    attachments: [],
  };
  const drafts: MailDraft[] = committeeRecipients(latest).map((to) => ({
    id: reportMailId('retention', period, to),
    year: latest.year,
    kind: 'retention',
    period,
    to,
    priority: PRIORITY.report,
    subject,
    letter,
    contentKey: null,
  }));
  return (await queueDrafts(ctx.mail, now, { kind: 'retention', period }, drafts, false)).queued;
}
