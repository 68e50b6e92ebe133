// The short notice each accepted or refused submission and each decision queues for the member, stored with the change.
import type { YearConfig } from '../../domain/config';
import { displayDate, localDate } from '../../domain/dates';
import type { Letter } from '../../domain/letter';
import { PRIORITY } from '../../domain/mail';
import { GRADE_LABELS } from '../../domain/results';
import type { Violation } from '../../domain/violations';
import { DECISION_LABELS } from '../../contract/queue-sheet';
import type { DecisionRecord, EvidenceDoc, InboxKind, JourneyDoc } from '../../model';
import type { MailDraft } from '../../ports';
import { isSendableAddress, noticeMailId } from './ids';

/** What a use case hands over for its notice; the id and the period come from the submission. */
export interface NoticeDraft {
  year: number;
  to: string;
  letter: Letter;
}

const PROGRAMME = 'Hành trình “Người Cộng sản trẻ”';
const CLOSING = ['Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh'];

/** The notice as the outbox stores it, or undefined when there is nobody to send it to. */
export function noticeMail(inboxKey: string, notice: NoticeDraft, now: Date): MailDraft | undefined {
  const to = notice.to.trim().toLowerCase();
  if (!isSendableAddress(to)) return undefined;
  return {
    id: noticeMailId(inboxKey),
    year: notice.year,
    kind: 'notice',
    period: localDate(now),
    to,
    priority: PRIORITY.notice,
    subject: notice.letter.subject,
    letter: notice.letter,
    contentKey: null,
  };
}

function taskTitle(config: YearConfig, code: string): string {
  const task = config.tasks.find((t) => t.code === code);
  return task ? `${code} — ${task.title}` : code;
}

function progressLine(config: YearConfig, journey: JourneyDoc): string {
  const done = journey.result.done.BB + journey.result.done.RL + journey.result.done.TT;
  return `Hiện bạn đã hoàn thành ${String(done)} nhiệm vụ, xếp loại ${GRADE_LABELS[journey.result.grade]}, ${String(journey.result.points)} điểm. Hạn gửi minh chứng: ${displayDate(config.calendar.activityEnds)}.`;
}

export function registrationNotice(config: YearConfig, journey: JourneyDoc, amended: boolean): NoticeDraft {
  const codes = [
    ...config.tasks.filter((t) => t.group === 'BB').map((t) => t.code),
    ...journey.training,
    ...journey.challenge,
  ];
  return {
    year: config.year,
    to: journey.email,
    letter: {
      subject: amended
        ? `Đã nhận đăng ký bổ sung sổ hành trình năm ${String(config.year)}`
        : `Đã nhận đăng ký sổ hành trình năm ${String(config.year)}`,
      preheader: `${String(codes.length)} nhiệm vụ đã đăng ký.`,
      greeting: `Chào ${journey.fullName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Ban tổ chức đã nhận ${amended ? 'đăng ký bổ sung' : 'đăng ký'} sổ hành trình ${PROGRAMME} năm ${String(config.year)} của bạn. Các nhiệm vụ bạn tham gia:`,
        },
        { kind: 'list', items: codes.map((c) => taskTitle(config, c)) },
        {
          kind: 'paragraph',
          text: `Bạn gửi minh chứng cho từng hoạt động qua biểu mẫu minh chứng, từ ${displayDate(config.calendar.activityStarts)} đến ${displayDate(config.calendar.activityEnds)}. Được đăng ký bổ sung nhiệm vụ đến hết ngày ${displayDate(config.calendar.amendmentCloses)}.`,
        },
      ],
      closing: CLOSING,
      attachments: [],
    },
  };
}

export function evidenceNotice(config: YearConfig, evidence: EvidenceDoc): NoticeDraft {
  return {
    year: config.year,
    to: evidence.email,
    letter: {
      subject: `Đã nhận minh chứng ${evidence.task} ngày ${displayDate(evidence.activityDate)}`,
      preheader: 'Minh chứng đang chờ đánh giá.',
      greeting: `Chào ${evidence.fullName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Ban tổ chức đã nhận minh chứng của bạn cho nhiệm vụ ${taskTitle(config, evidence.task)}, hoạt động ngày ${displayDate(evidence.activityDate)}. Minh chứng đang chờ đánh giá; bạn sẽ nhận thư khi có kết quả.`,
        },
        {
          kind: 'facts',
          items: [
            { label: 'Mô tả', value: evidence.description.slice(0, 300) },
            { label: 'Mã minh chứng', value: evidence.evidenceId },
          ],
        },
      ],
      closing: CLOSING,
      attachments: [],
    },
  };
}

export function decisionNotice(
  config: YearConfig,
  evidence: EvidenceDoc,
  record: DecisionRecord,
  journey: JourneyDoc,
): NoticeDraft {
  const label = DECISION_LABELS[record.decision];
  const next =
    record.decision === 'approved'
      ? 'Minh chứng được tính vào kết quả của bạn.'
      : record.decision === 'needs_info'
        ? 'Bạn vui lòng bổ sung thông tin theo nhận xét và gửi lại minh chứng qua biểu mẫu minh chứng.'
        : 'Minh chứng không được tính. Nếu có hoạt động khác cho nhiệm vụ này, bạn gửi minh chứng mới qua biểu mẫu minh chứng.';
  return {
    year: config.year,
    to: evidence.email,
    letter: {
      subject: `Kết quả đánh giá minh chứng ${evidence.task} ngày ${displayDate(evidence.activityDate)}: ${label}`,
      preheader: record.comment ? `Nhận xét: ${record.comment}` : next,
      greeting: `Chào ${evidence.fullName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Minh chứng của bạn cho nhiệm vụ ${taskTitle(config, evidence.task)} (hoạt động ngày ${displayDate(evidence.activityDate)}) đã được đánh giá:`,
          tone: 'normal',
        },
        {
          kind: 'facts',
          items: [
            { label: 'Kết quả', value: label },
            ...(record.comment ? [{ label: 'Nhận xét', value: record.comment }] : []),
            { label: 'Ngày đánh giá', value: displayDate(localDate(new Date(record.editedAt))) },
          ],
        },
        { kind: 'paragraph', text: next, tone: record.decision === 'approved' ? 'good' : 'warn' },
        { kind: 'paragraph', text: progressLine(config, journey), tone: 'muted' },
      ],
      closing: CLOSING,
      attachments: [],
    },
  };
}

/** A base union put the member on its nominee list for the year (II.2): what to do next, and by when. */
export function nominationNotice(
  config: YearConfig,
  unitName: string,
  nominee: { fullName: string; email: string },
): NoticeDraft {
  const { registrationOpens, registrationCloses } = config.calendar;
  return {
    year: config.year,
    to: nominee.email,
    letter: {
      subject: `Bạn được ${unitName} đề cử tham gia ${PROGRAMME} năm ${String(config.year)}`,
      preheader: `Đăng ký sổ hành trình từ ${displayDate(registrationOpens)} đến ${displayDate(registrationCloses)}.`,
      greeting: `Chào ${nominee.fullName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `${unitName} đã đề cử bạn tham gia ${PROGRAMME} năm ${String(config.year)}. Chúc mừng bạn!`,
          tone: 'good',
        },
        {
          kind: 'paragraph',
          text: `Bạn vui lòng đăng ký sổ hành trình qua biểu mẫu đăng ký từ ${displayDate(registrationOpens)} đến hết ngày ${displayDate(registrationCloses)}, dùng đúng địa chỉ e-mail nhận thư này (${nominee.email}) để hệ thống nhận ra bạn.`,
        },
        { kind: 'paragraph', text: 'Nếu cần hỗ trợ, bạn liên hệ Ban Chấp hành Đoàn cơ sở của mình.', tone: 'muted' },
      ],
      closing: CLOSING,
      attachments: [],
    },
  };
}

const REFUSED_WHAT: Partial<Record<InboxKind, string>> = {
  registration: 'đăng ký sổ hành trình',
  evidence: 'minh chứng',
};

/** Only what a member sent gets a refusal notice: an evaluator's refused decision shows on the Lỗi tab instead. */
export function refusalNotice(
  kind: InboxKind,
  to: string | null,
  name: string | null,
  year: number,
  errors: readonly Violation[],
  body: Record<string, unknown>,
): NoticeDraft | undefined {
  const what = REFUSED_WHAT[kind];
  if (!what || to === null) return undefined;
  const detail =
    kind === 'evidence' && typeof body.task === 'string'
      ? ` (${body.task.slice(0, 80)}${typeof body.activityDate === 'string' ? `, ngày ${body.activityDate.slice(0, 10)}` : ''})`
      : '';
  return {
    year,
    to,
    letter: {
      subject: `Chưa nhận được ${what} của bạn: cần sửa ${String(errors.length)} mục`,
      preheader: errors[0]?.message ?? '',
      greeting: name ? `Chào ${name.slice(0, 100)},` : 'Chào bạn,',
      blocks: [
        { kind: 'paragraph', text: `Ban tổ chức chưa ghi nhận ${what}${detail} bạn vừa gửi vì:` },
        { kind: 'list', items: errors.map((e) => e.message) },
        {
          kind: 'paragraph',
          text: 'Bạn vui lòng sửa các mục trên rồi gửi lại biểu mẫu. Nội dung bạn đã gửi vẫn được lưu lại; nếu cần hỗ trợ, bạn trả lời thư này hoặc liên hệ Ban Chấp hành Đoàn cơ sở.',
        },
      ],
      closing: CLOSING,
      attachments: [],
    },
  };
}
