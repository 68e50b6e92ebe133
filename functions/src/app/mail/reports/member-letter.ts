// A member's weekly letter: progress, what is left before which date, the latest decisions with comments, a fresh book link.
import type { YearConfig } from '../../../domain/config';
import { displayDate } from '../../../domain/dates';
import type { Block, Letter } from '../../../domain/letter';
import { gradeOutlook, type GradeOutlook, type OutlookStep } from '../../../domain/outlook';
import { GRADE_LABELS } from '../../../domain/results';
import type { EvidenceDoc, JourneyDoc } from '../../../model';
import { BOOK_LINK_DAYS, bookUrl, signBookToken, type BookLinkSettings } from '../../book-token';
import { decisionText, displayIso, namesOf, PROGRAMME, taskCell, tasksDone, tasksNeeded } from './common';

const GROUP_WORDS = { RL: 'rèn luyện', TT: 'thử thách' } as const;
/** Decisions a summary lists, newest first. */
const DECISIONS_SHOWN = 5;

export function stepText(step: OutlookStep, titles: ReadonlyMap<string, string>): string {
  const by = step.late ? ` (đã quá hạn ${displayDate(step.by)})` : ` — trước ngày ${displayDate(step.by)}`;
  switch (step.kind) {
    case 'task':
      return `${step.code} ${titles.get(step.code) ?? ''}: cần thêm ${String(step.remaining)} lượt được đánh giá Đạt${step.distinctDates ? ' vào các ngày khác nhau' : ''}${step.pending > 0 ? ` (${String(step.pending)} minh chứng đang chờ đánh giá)` : ''}${by}`;
    case 'choose':
      return `Hoàn thành thêm ${String(step.count)} nhiệm vụ ${GROUP_WORDS[step.group]} trong số đã đăng ký: ${step.from.join(', ')}${by}`;
    case 'register':
      return `Đăng ký bổ sung thêm ${String(step.count)} nhiệm vụ ${GROUP_WORDS[step.group]} rồi hoàn thành${step.late ? ` (đã hết hạn đăng ký bổ sung ${displayDate(step.by)})` : ` — hạn đăng ký bổ sung ${displayDate(step.by)}`}`;
  }
}

/** Links of the members' letters: one query for the few raised link versions, then a signature each (90 days). */
export async function memberLinks(
  settings: BookLinkSettings,
  versions: () => Promise<ReadonlyMap<string, number>>,
  year: number,
  now: Date,
): Promise<(memberId: string) => string | undefined> {
  const { publicUrl } = settings;
  if (publicUrl === undefined) return () => undefined;
  const raised = await versions();
  const expiresAt = new Date(now.getTime() + BOOK_LINK_DAYS * 24 * 60 * 60 * 1000);
  return (memberId) =>
    bookUrl(
      publicUrl,
      year,
      memberId,
      signBookToken(settings.secret, { year, memberId, version: raised.get(memberId) ?? 0, expiresAt }),
    );
}

export interface MemberLetterInput {
  config: YearConfig;
  journey: JourneyDoc;
  evidence: readonly EvidenceDoc[];
  today: string;
  link: string | undefined;
  /** The week's label, `tuần 40/2019 (30/09–06/10/2019)`. */
  weekTitle: string;
  /** A reminder (from September) leads with what is left; a summary with the progress. */
  reminder: boolean;
}

/** What is left for the next grade, step by step; congratulations once Xuất sắc is reached. */
function leftBlocks(config: YearConfig, next: GradeOutlook | undefined): Block[] {
  const titles = new Map(config.tasks.map((t) => [t.code, t.title]));
  return next
    ? [
        {
          kind: 'heading',
          text:
            next.grade === 'dat'
              ? 'Việc còn lại để hoàn thành hành trình năm'
              : `Việc còn lại để đạt xếp loại ${GRADE_LABELS[next.grade]}`,
        },
        { kind: 'list', items: next.steps.map((s) => stepText(s, titles)) },
      ]
    : [{ kind: 'paragraph', text: 'Bạn đã đạt xếp loại Xuất sắc. Chúc mừng bạn!', tone: 'good' }];
}

/** The tasks done, the member's unit, grade and points, and each registered task's progress. */
function progressBlocks(config: YearConfig, journey: JourneyDoc): Block[] {
  const names = namesOf(config);
  const registered = config.tasks.filter(
    (t) => t.group === 'BB' || journey.training.includes(t.code) || journey.challenge.includes(t.code),
  );
  return [
    {
      kind: 'progress',
      label: 'Nhiệm vụ đã hoàn thành',
      done: tasksDone(journey, config),
      total: tasksNeeded(config),
    },
    {
      kind: 'facts',
      items: [
        { label: 'Cơ sở Đoàn', value: names.unit(journey.unitId) },
        { label: 'Xếp loại hiện tại', value: GRADE_LABELS[journey.result.grade] },
        { label: 'Điểm', value: String(journey.result.points) },
        { label: 'Hạn gửi minh chứng', value: displayDate(config.calendar.activityEnds) },
      ],
    },
    {
      kind: 'table',
      columns: [{ title: 'Nhiệm vụ' }, { title: 'Tiến độ', align: 'center' }],
      rows: registered.map((t) => [`${t.code} — ${t.title}`, taskCell(journey, t.code)]),
    },
  ];
}

/** The latest decisions on the member's entries, newest first, with the evaluators' comments. */
function latestBlocks(evidence: readonly EvidenceDoc[]): Block[] {
  const decisions = evidence
    .flatMap((e) => e.decisions.map((d) => ({ e, d })))
    .sort((a, b) => b.d.editedAt.localeCompare(a.d.editedAt))
    .slice(0, DECISIONS_SHOWN);
  return [
    { kind: 'heading', text: 'Đánh giá gần đây' },
    {
      kind: 'table',
      columns: [{ title: 'Ngày' }, { title: 'Minh chứng' }, { title: 'Kết quả' }, { title: 'Nhận xét' }],
      rows: decisions.map(({ e, d }) => [
        displayIso(d.editedAt),
        `${e.task} (${displayDate(e.activityDate)})`,
        {
          text: decisionText(d.decision),
          tone: d.decision === 'approved' ? 'good' : d.decision === 'rejected' ? 'bad' : 'warn',
          strong: true,
        },
        d.comment ?? '',
      ]),
      empty: 'Chưa có đánh giá nào.',
    },
  ];
}

/** The button to the member's own book, when there is a link. */
function bookBlocks(link: string | undefined): Block[] {
  return link
    ? [
        { kind: 'button', text: 'Mở sổ hành trình của bạn', url: link },
        {
          kind: 'paragraph',
          text: `Liên kết dành riêng cho bạn, có hiệu lực 90 ngày; xin đừng chuyển tiếp thư này.`,
          tone: 'muted',
        },
      ]
    : [];
}

function subjectOf({ config, journey, weekTitle, reminder }: MemberLetterInput, done: boolean): string {
  return reminder
    ? `Nhắc việc ${weekTitle}: ${done ? 'các nhiệm vụ còn lại' : 'còn nhiệm vụ chưa hoàn thành'} — ${PROGRAMME}`
    : `Hành trình của bạn ${weekTitle}: ${String(tasksDone(journey, config))}/${String(tasksNeeded(config))} nhiệm vụ, xếp loại ${GRADE_LABELS[journey.result.grade]}`;
}

export function memberLetter(input: MemberLetterInput): Letter {
  const { config, journey, evidence, today, link, reminder } = input;
  const outlook = gradeOutlook(config, journey, journey.result, today);
  const completion = outlook.find((o) => o.grade === 'dat');
  const next = outlook.find((o) => !o.reached);
  const left = leftBlocks(config, next);
  const progress = progressBlocks(config, journey);
  const book = bookBlocks(link);
  return {
    subject: subjectOf(input, completion?.reached ?? false),
    preheader: next
      ? `${String(next.steps.length)} việc còn lại, hạn ${displayDate(config.calendar.activityEnds)}.`
      : 'Bạn đã hoàn thành mọi nhiệm vụ.',
    greeting: `Chào ${journey.fullName},`,
    blocks: reminder
      ? [
          {
            kind: 'paragraph',
            text: `Hành trình năm ${String(config.year)} sắp kết thúc (hạn gửi minh chứng ${displayDate(config.calendar.activityEnds)}, hạn đánh giá ${displayDate(config.calendar.evaluationCloses)}). Đây là những việc bạn còn lại:`,
          },
          ...left,
          ...progress,
          ...book,
        ]
      : [
          {
            kind: 'paragraph',
            text: `Tóm tắt ${PROGRAMME} năm ${String(config.year)} của bạn, đến ngày ${displayDate(today)}.`,
          },
          ...progress,
          ...left,
          ...latestBlocks(evidence),
          ...book,
        ],
    closing: ['Chúc bạn hoàn thành tốt hành trình!', 'Ban Thường vụ Đoàn Khối'],
    attachments: [],
  };
}
