// The weekly digest to the committee: what came in, each queue with its size and oldest row, refusals, progress per base union.
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { allQueues } from '../../../domain/queues';
import { displayDate, localDate, type IsoDate } from '../../../domain/dates';
import type { Block, Cell, Letter } from '../../../domain/letter';
import { SUBMISSION_KIND_LABELS } from '../../../contract/queue-sheet';
import type { YearConfig } from '../../../domain/config';
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { asOf, displayIso, namesOf, PROGRAMME, reportDrafts, tasksDone, tasksNeeded } from './common';
import type { ReportSnapshot } from './snapshot';

/** Refusals listed one by one; past this, the digest says how many more there are (the Lỗi tab has them all). */
const REFUSALS_SHOWN = 30;
/** A row older than this in a queue is late (reminders go to its evaluators). */
export const OLD_ROW_DAYS = 7;

/** The week's figures the digest shows, from the snapshot. */
interface WeekFigures {
  registered: number;
  entries: number;
  decisions: number;
  /** Refused in the week, oldest first. */
  refused: readonly InboxDoc[];
  waiting: readonly EvidenceDoc[];
}

function weekFigures({ period, journeys, evidence, refused }: ReportSnapshot): WeekFigures {
  const inWeek = (iso: string): boolean => {
    const day = localDate(new Date(iso));
    return day >= period.start && day <= period.end;
  };
  return {
    registered: journeys.filter((j) => inWeek(j.registeredAt)).length,
    entries: evidence.filter((e) => inWeek(e.submittedAt)).length,
    decisions: evidence.flatMap((e) => e.decisions).filter((d) => inWeek(d.editedAt)).length,
    refused: refused.filter((i) => inWeek(i.receivedAt)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    waiting: evidence.filter((e) => e.status === 'pending' || e.status === 'needs_info'),
  };
}

/** Each queue: how many rows wait, and the age of the oldest (late past OLD_ROW_DAYS). */
function queueRows(config: YearConfig, waiting: readonly EvidenceDoc[], today: string): Cell[][] {
  const names = namesOf(config);
  return allQueues(config).map((queue) => {
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
}

/** Each base union: members, how many completed, and the share of needed tasks done. */
function unitRows(config: YearConfig, journeys: readonly JourneyDoc[]): Cell[][] {
  const needed = tasksNeeded(config);
  return config.units.map((u) => {
    const members = journeys.filter((j) => j.unitId === u.id);
    const done = members.reduce((n, j) => n + tasksDone(j, config), 0);
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
}

/** The week's refusals, oldest first, the first REFUSALS_SHOWN of them one by one. */
function refusalBlocks(refused: readonly InboxDoc[]): Block[] {
  return [
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
  ];
}

/** The evaluation queues: how many entries wait in each, and the age of its oldest. */
function queueBlocks(config: YearConfig, waiting: readonly EvidenceDoc[], today: IsoDate): Block[] {
  return [
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
      rows: queueRows(config, waiting, today),
    },
  ];
}

function unitBlocks(config: YearConfig, journeys: readonly JourneyDoc[]): Block[] {
  return [
    { kind: 'heading', text: 'Tiến độ theo cơ sở Đoàn' },
    {
      kind: 'table',
      columns: [
        { title: 'Cơ sở Đoàn' },
        { title: 'Đoàn viên', align: 'right' },
        { title: 'Hoàn thành', align: 'right' },
        { title: 'Tiến độ' },
      ],
      rows: unitRows(config, journeys),
    },
  ];
}

function digestLetter(snapshot: ReportSnapshot): Letter {
  const { config, period, now, journeys, sheets } = snapshot;
  const today = localDate(asOf(period, now));
  const { registered, entries, decisions, refused, waiting } = weekFigures(snapshot);
  return {
    subject: `Bản tin ${period.title} — ${PROGRAMME}`,
    preheader: `${String(registered)} đăng ký, ${String(entries)} minh chứng mới, ${String(waiting.length)} minh chứng chờ đánh giá, ${String(refused.length)} bài bị từ chối.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Tình hình ${PROGRAMME} năm ${String(config.year)} trong ${period.title}, số liệu đến ngày ${displayDate(today)}.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Đăng ký sổ hành trình mới', value: String(registered) },
          { label: 'Minh chứng mới', value: String(entries) },
          { label: 'Lượt đánh giá trong tuần', value: String(decisions) },
          { label: 'Bài gửi bị từ chối', value: String(refused.length) },
          { label: 'Tổng số đoàn viên tham gia', value: String(journeys.length) },
        ],
      },
      ...queueBlocks(config, waiting, today),
      ...refusalBlocks(refused),
      ...unitBlocks(config, journeys),
      ...(sheets?.master ? [{ kind: 'button' as const, text: 'Mở bảng tổng hợp', url: sheets.master.url }] : []),
    ],
    closing: ['Thư này được gửi tự động mỗi tuần.'],
    attachments: [],
  };
}

export function digestDrafts(snapshot: ReportSnapshot): MailDraft[] {
  const { config, period } = snapshot;
  return reportDrafts('digest', config, period, digestLetter(snapshot), config.committee.digestTo);
}
