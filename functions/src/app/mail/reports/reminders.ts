// Weekly reminders: members with tasks left (from September), and evaluators with queue rows older than 7 days (one mail each).
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { displayDate, localDate } from '../../../domain/dates';
import type { Cell, Letter } from '../../../domain/letter';
import { PRIORITY } from '../../../domain/mail';
import { allQueues, parseQueueId, queueEvaluators } from '../../../domain/queues';
import type { EvidenceDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { isSendableAddress, memberWeekMailId, reportMailId } from '../ids';
import { asOf, displayIso, namesOf, PROGRAMME } from './common';
import { OLD_ROW_DAYS } from './digest';
import { memberLetter, memberLinks } from './member-letter';
import type { ReportInput } from './run';

/** Members are reminded from September (plan: activities end in October), until evaluation closes. */
export function remindsMembers(year: number, weekStart: string, evaluationCloses: string): boolean {
  return weekStart >= `${String(year)}-08-26` && weekStart <= evaluationCloses;
}

export async function remindersDrafts({
  ctx,
  mail,
  config,
  period,
  now,
  units,
  audience,
}: ReportInput): Promise<MailDraft[]> {
  const today = localDate(asOf(period, now));
  const names = namesOf(config);
  const [journeys, evidence] = await Promise.all([
    ctx.store.listJourneys(config.year),
    ctx.store.listEvidence(config.year),
  ]);
  const drafts: MailDraft[] = [];

  // Evaluators: every row waiting more than 7 days in any of their queues, in one mail.
  const sheets = mail.sheets ? await mail.sheets(config.year).catch(() => undefined) : undefined;
  const old = evidence.filter(
    (e) =>
      (e.status === 'pending' || e.status === 'needs_info') &&
      differenceInCalendarDays(parseISO(today), parseISO(localDate(new Date(e.submittedAt)))) > OLD_ROW_DAYS,
  );
  const rowsOf = new Map<string, { queue: string; e: EvidenceDoc }[]>();
  for (const queue of allQueues(config)) {
    const ref = parseQueueId(queue);
    if (!ref) continue;
    if (ref.role !== 'BTV_DOAN_KHOI' && ref.role !== 'TO' && ref.scope !== null && !units.has(ref.scope)) continue;
    const rows = old.filter((e) => e.queues.includes(queue));
    if (rows.length === 0) continue;
    for (const evaluator of queueEvaluators(config, ref) ?? [])
      rowsOf.set(evaluator, [...(rowsOf.get(evaluator) ?? []), ...rows.map((e) => ({ queue, e }))]);
  }
  for (const [to, rows] of [...rowsOf].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isSendableAddress(to) || audience === 'members') continue;
    rows.sort((a, b) => a.e.submittedAt.localeCompare(b.e.submittedAt));
    const queues = [...new Set(rows.map((r) => r.queue))];
    const links = queues.map((q) => sheets?.queues[q]).filter((l): l is NonNullable<typeof l> => l !== undefined);
    const table: Cell[][] = rows.map(({ queue, e }) => {
      const age = differenceInCalendarDays(parseISO(today), parseISO(localDate(new Date(e.submittedAt))));
      return [
        e.fullName,
        names.unit(e.unitId),
        `${e.task} (${displayDate(e.activityDate)})`,
        displayIso(e.submittedAt),
        { text: `${String(age)} ngày`, tone: 'bad', strong: true },
        names.queue(queue),
      ];
    });
    const subject = `Nhắc đánh giá ${period.title}: ${String(rows.length)} minh chứng chờ quá ${String(OLD_ROW_DAYS)} ngày`;
    const letter: Letter = {
      subject,
      preheader: `${String(rows.length)} minh chứng trong hàng chờ của anh/chị đã chờ quá ${String(OLD_ROW_DAYS)} ngày.`,
      greeting: 'Kính gửi anh/chị,',
      blocks: [
        {
          kind: 'paragraph',
          text: `Các minh chứng dưới đây của ${PROGRAMME} đã chờ đánh giá quá ${String(OLD_ROW_DAYS)} ngày trong hàng chờ của anh/chị. Đoàn viên chỉ biết kết quả khi minh chứng được đánh giá: xin anh/chị chọn Đạt / Không đạt / Cần bổ sung (kèm nhận xét) ở cột "Đánh giá" của bảng tính hàng chờ.`,
        },
        {
          kind: 'table',
          columns: [
            { title: 'Đoàn viên' },
            { title: 'Cơ sở Đoàn' },
            { title: 'Minh chứng' },
            { title: 'Ngày gửi' },
            { title: 'Đã chờ', align: 'right' },
            { title: 'Hàng chờ' },
          ],
          rows: table,
        },
        ...links.map((l) => ({ kind: 'button' as const, text: `Mở hàng chờ ${l.sheetName ?? ''}`.trim(), url: l.url })),
        {
          kind: 'paragraph',
          text: `Hạn đánh giá của năm: ${displayDate(config.calendar.evaluationCloses)}.`,
          tone: 'muted',
        },
      ],
      closing: ['Trân trọng cảm ơn anh/chị,', 'Ban Thường vụ Đoàn Khối'],
      attachments: [],
    };
    drafts.push({
      id: reportMailId('reminders', period.label, to, 'evaluator'),
      year: config.year,
      kind: 'reminders',
      period: period.label,
      to,
      priority: PRIORITY.evaluator,
      subject,
      letter,
      contentKey: null,
    });
  }

  // Members with tasks left, from September: their one routine mail of the week (shared with the weekly summary).
  if (audience !== 'evaluators' && remindsMembers(config.year, period.start, config.calendar.evaluationCloses)) {
    const link = await memberLinks(mail.links, () => ctx.store.listBookLinkVersions(), config.year, now);
    const byMember = new Map<string, EvidenceDoc[]>();
    for (const e of evidence) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
    for (const journey of journeys) {
      if (
        !units.has(journey.unitId) ||
        journey.result.grade === 'tot' ||
        journey.result.grade === 'xuat_sac' ||
        !isSendableAddress(journey.email)
      )
        continue;
      const letter = memberLetter({
        config,
        journey,
        evidence: byMember.get(journey.memberId) ?? [],
        today,
        link: link(journey.memberId),
        weekTitle: period.title,
        reminder: true,
      });
      drafts.push({
        id: memberWeekMailId(period.label, journey.email),
        year: config.year,
        kind: 'reminders',
        period: period.label,
        to: journey.email,
        priority: PRIORITY.member,
        subject: letter.subject,
        letter,
        contentKey: null,
      });
    }
  }
  return drafts;
}
