// The weekly digest to the committee: what came in, each queue with its size and oldest row, refusals, progress per base union.
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { allQueues } from '../../../domain/queues';
import { displayDate, localDate } from '../../../domain/dates';
import { type Cell, type Letter } from '../../../domain/letter';
import { PRIORITY } from '../../../domain/mail';
import { SUBMISSION_KIND_LABELS } from '../../../contract/queue-sheet';
import type { MailDraft } from '../../../ports';
import { contentKey, isSendableAddress, reportMailId } from '../ids';
import { asOf, displayIso, namesOf, PROGRAMME, tasksDone, tasksNeeded } from './common';
import type { ReportInput } from './run';

/** Refusals listed one by one; past this, the digest says how many more there are (the Lỗi tab has them all). */
const REFUSALS_SHOWN = 30;
/** A row older than this in a queue is late (reminders go to its evaluators). */
export const OLD_ROW_DAYS = 7;

export async function digestDrafts({ ctx, mail, config, period, now }: ReportInput): Promise<MailDraft[]> {
  const at = asOf(period, now);
  const today = localDate(at);
  const [journeys, evidence, refusedAll, sheets] = await Promise.all([
    ctx.store.listJourneys(config.year),
    ctx.store.listEvidence(config.year),
    ctx.store.listInbox(config.year, 'refused'),
    mail.sheets ? mail.sheets(config.year).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const names = namesOf(config);
  const inWeek = (iso: string): boolean => {
    const day = localDate(new Date(iso));
    return day >= period.start && day <= period.end;
  };
  const registered = journeys.filter((j) => inWeek(j.registeredAt));
  const entries = evidence.filter((e) => inWeek(e.submittedAt));
  const decisions = evidence.flatMap((e) => e.decisions).filter((d) => inWeek(d.editedAt));
  const refused = refusedAll
    .filter((i) => inWeek(i.receivedAt))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));

  const waiting = evidence.filter((e) => e.status === 'pending' || e.status === 'needs_info');
  const queueRows: Cell[][] = allQueues(config).map((queue) => {
    const rows = waiting.filter((e) => e.queues.includes(queue));
    const oldest = rows.reduce<string | null>((o, e) => (o === null || e.submittedAt < o ? e.submittedAt : o), null);
    const age =
      oldest === null ? null : differenceInCalendarDays(parseISO(today), parseISO(localDate(new Date(oldest))));
    return [
      names.queue(queue),
      rows.length,
      age === null
        ? { text: '—', tone: 'muted' }
        : { text: `${String(age)} ngày`, tone: age > OLD_ROW_DAYS ? 'bad' : 'normal', strong: age > OLD_ROW_DAYS },
    ];
  });
  const needed = tasksNeeded(config);
  const unitRows: Cell[][] = config.units.map((u) => {
    const members = journeys.filter((j) => j.unitId === u.id);
    const done = members.reduce((n, j) => n + Math.min(tasksDone(j), needed), 0);
    const completed = members.filter((j) => j.result.completed).length;
    return [
      u.name,
      members.length,
      completed,
      {
        progress: members.length === 0 ? 0 : done / (members.length * needed),
        label: `${String(Math.round(members.length === 0 ? 0 : (done / (members.length * needed)) * 100))} % nhiệm vụ`,
      },
    ];
  });

  const subject = `Bản tin ${period.title} — ${PROGRAMME}`;
  const letter: Letter = {
    subject,
    preheader: `${String(registered.length)} đăng ký, ${String(entries.length)} minh chứng mới, ${String(waiting.length)} minh chứng chờ đánh giá, ${String(refused.length)} bài bị từ chối.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Tình hình ${PROGRAMME} năm ${String(config.year)} trong ${period.title}, số liệu đến ngày ${displayDate(today)}.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Đăng ký sổ hành trình mới', value: String(registered.length) },
          { label: 'Minh chứng mới', value: String(entries.length) },
          { label: 'Lượt đánh giá trong tuần', value: String(decisions.length) },
          { label: 'Bài gửi bị từ chối', value: String(refused.length) },
          { label: 'Tổng số đoàn viên tham gia', value: String(journeys.length) },
        ],
      },
      { kind: 'heading', text: 'Hàng chờ đánh giá' },
      {
        kind: 'paragraph',
        text: `Số minh chứng đang chờ ở mỗi hàng chờ và tuổi của dòng cũ nhất; quá ${String(OLD_ROW_DAYS)} ngày được tô đỏ.`,
        tone: 'muted',
      },
      {
        kind: 'table',
        columns: [
          { title: 'Hàng chờ' },
          { title: 'Đang chờ', align: 'right' },
          { title: 'Dòng cũ nhất', align: 'right' },
        ],
        rows: queueRows,
      },
      { kind: 'heading', text: 'Bài gửi bị từ chối trong tuần' },
      {
        kind: 'table',
        columns: [{ title: 'Thời điểm' }, { title: 'Loại' }, { title: 'Email' }, { title: 'Lý do' }],
        rows: refused
          .slice(0, REFUSALS_SHOWN)
          .map((i) => [
            displayIso(i.receivedAt),
            SUBMISSION_KIND_LABELS[i.kind],
            i.email ?? '—',
            i.errors.map((e) => e.message).join('\n'),
          ]),
        empty: 'Không có bài gửi nào bị từ chối trong tuần.',
      },
      ...(refused.length > REFUSALS_SHOWN
        ? [
            {
              kind: 'paragraph' as const,
              text: `… và ${String(refused.length - REFUSALS_SHOWN)} bài khác (xem thẻ Lỗi của bảng tổng hợp).`,
              tone: 'muted' as const,
            },
          ]
        : []),
      { kind: 'heading', text: 'Tiến độ theo cơ sở Đoàn' },
      {
        kind: 'table',
        columns: [
          { title: 'Cơ sở Đoàn' },
          { title: 'Đoàn viên', align: 'right' },
          { title: 'Hoàn thành', align: 'right' },
          { title: 'Tiến độ' },
        ],
        rows: unitRows,
      },
      ...(sheets?.master ? [{ kind: 'button' as const, text: 'Mở bảng tổng hợp', url: sheets.master.url }] : []),
    ],
    closing: ['Thư này được gửi tự động mỗi tuần.'],
    attachments: [],
  };
  return config.committee.digestTo.filter(isSendableAddress).map((to) => ({
    id: reportMailId('digest', period.label, to),
    year: config.year,
    kind: 'digest',
    period: period.label,
    to,
    priority: PRIORITY.report,
    subject,
    letter,
    contentKey: contentKey('digest', period.label, String(config.year)),
  }));
}
