// E-mails about members' data requests: when one arrives, the receipt to the member and the notice to the committee;
// the answer to the member.
import { createHash } from 'node:crypto';
import { ANSWER_DAYS, DATA_REQUEST_KIND_LABELS, DATA_REQUEST_STATUS_LABELS } from '../../domain/data-requests';
import { displayDate, localDate } from '../../domain/dates';
import type { Letter } from '../../domain/letter';
import { PRIORITY } from '../../domain/mail';
import type { DataRequestDoc } from '../../model';
import type { MailDraft } from '../../ports';
import { isSendableAddress } from './ids';

const CLOSING = ['Hệ thống Hành trình “Người Cộng sản trẻ”'];
const SIGNED = ['Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh'];

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 20);

function draft(id: string, request: DataRequestDoc, to: string, letter: Letter, now: Date): MailDraft | undefined {
  const address = to.trim().toLowerCase();
  if (!isSendableAddress(address)) return undefined;
  return {
    id,
    year: request.year,
    kind: 'notice',
    period: localDate(now),
    to: address,
    priority: PRIORITY.notice,
    subject: letter.subject,
    letter,
    contentKey: null,
  };
}

/**
 * The committee's notice, one per address of `committee.BTV_DOAN_KHOI`. It names the request, the member's id and
 * unit and the deadline, not the member's name nor what they wrote: mail is forwarded and kept in mailboxes, so the
 * detail stays on the master's "Yêu cầu dữ liệu" tab, which only the committee reads.
 */
export function committeeRequestMail(
  request: DataRequestDoc,
  unitName: string,
  committee: readonly string[],
  now: Date,
): MailDraft[] {
  const kind = DATA_REQUEST_KIND_LABELS[request.kind];
  const letter: Letter = {
    subject: `Yêu cầu về dữ liệu cá nhân: ${kind.toLocaleLowerCase('vi')} (hạn ${displayDate(request.deadline)})`,
    preheader: `Mã yêu cầu ${request.requestId}; cần trả lời trước ngày ${displayDate(request.deadline)}.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Một đoàn viên vừa gửi yêu cầu về dữ liệu cá nhân của mình qua sổ hành trình. Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, yêu cầu cần được thực hiện trong ${String(ANSWER_DAYS[request.kind])} ngày kể từ ngày nhận.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Loại yêu cầu', value: kind },
          { label: 'Mã yêu cầu', value: request.requestId },
          { label: 'Mã đoàn viên', value: request.memberId },
          { label: 'Cơ sở Đoàn', value: unitName },
          { label: 'Ngày nhận', value: displayDate(localDate(new Date(request.receivedAt))) },
          { label: 'Hạn trả lời', value: displayDate(request.deadline) },
        ],
      },
      {
        kind: 'paragraph',
        text: `Họ tên đoàn viên và nội dung yêu cầu có trong tab “Yêu cầu dữ liệu” của bảng tính tổng hợp năm ${String(request.year)}. Sau khi xử lý, xin ghi nhận câu trả lời bằng lệnh: npm run journey -- data-request answer ${String(request.year)} ${request.requestId} --status done "<nội dung trả lời>"; đoàn viên sẽ nhận thư báo kết quả.`,
      },
    ],
    closing: CLOSING,
    attachments: [],
  };
  return committee.flatMap(
    (to) => draft(`data-request-${request.requestId}-${digest(to)}`, request, to, letter, now) ?? [],
  );
}

/**
 * The member's receipt, sent when the request arrives: what was received, its id and the day it will be answered by.
 * Decree 356/2025/ND-CP has the controller answer a request within 2 working days and tell the member how it will be
 * carried out; the receipt does so at once, and gives the member a record of what they asked. A request they did not
 * send (someone else holding their book's link) shows up here too.
 */
export function memberReceiptMail(
  request: DataRequestDoc,
  member: { email: string; fullName: string },
  now: Date,
): MailDraft | undefined {
  const kind = DATA_REQUEST_KIND_LABELS[request.kind];
  const received = displayDate(localDate(new Date(request.receivedAt)));
  const deadline = displayDate(request.deadline);
  const letter: Letter = {
    subject: `Đã nhận ${kind.toLocaleLowerCase('vi')} của bạn (hạn trả lời ${deadline})`,
    preheader: `Mã yêu cầu ${request.requestId}; bạn sẽ nhận câu trả lời trước hết ngày ${deadline}.`,
    greeting: `Chào ${member.fullName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Ban Thường vụ Đoàn Khối đã nhận ${kind.toLocaleLowerCase('vi')} bạn gửi ngày ${received} qua sổ hành trình. Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, yêu cầu sẽ được thực hiện trong ${String(ANSWER_DAYS[request.kind])} ngày kể từ ngày nhận, tức là trước hết ngày ${deadline}. Nếu cần thêm thời gian, bạn sẽ được báo trước lý do và thời hạn mới.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Loại yêu cầu', value: kind },
          { label: 'Mã yêu cầu', value: request.requestId },
          ...(request.kind === 'correction' ? [{ label: 'Nội dung', value: request.text }] : []),
          { label: 'Ngày nhận', value: received },
          { label: 'Hạn trả lời', value: deadline },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Bạn sẽ nhận thư báo kết quả khi yêu cầu được xử lý, và có thể xem trạng thái ở cuối sổ hành trình của mình. Nếu bạn không gửi yêu cầu này, vui lòng trả lời thư này để Ban Thường vụ biết.',
        tone: 'muted',
      },
    ],
    closing: SIGNED,
    attachments: [],
  };
  return draft(`data-received-${request.requestId}`, request, member.email, letter, now);
}

/** The member's e-mail when the committee answers: what was decided, and in the committee's words. */
export function memberAnswerMail(
  request: DataRequestDoc,
  member: { email: string; fullName: string },
  now: Date,
): MailDraft | undefined {
  const kind = DATA_REQUEST_KIND_LABELS[request.kind];
  const status = DATA_REQUEST_STATUS_LABELS[request.status];
  const letter: Letter = {
    subject: `Trả lời ${kind.toLocaleLowerCase('vi')} của bạn: ${status}`,
    preheader: request.answer ?? status,
    greeting: `Chào ${member.fullName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Ban Thường vụ Đoàn Khối đã xem xét ${kind.toLocaleLowerCase('vi')} bạn gửi ngày ${displayDate(localDate(new Date(request.receivedAt)))} qua sổ hành trình.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Kết quả', value: status },
          { label: 'Trả lời', value: request.answer ?? '' },
          { label: 'Mã yêu cầu', value: request.requestId },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Bạn có thể xem lại các yêu cầu và câu trả lời ở cuối sổ hành trình của mình. Nếu còn thắc mắc, bạn vui lòng trả lời thư này hoặc liên hệ Ban Chấp hành Đoàn cơ sở.',
        tone: 'muted',
      },
    ],
    closing: SIGNED,
    attachments: [],
  };
  return draft(
    `data-answer-${request.requestId}-${digest(request.answerEditId ?? '')}`,
    request,
    member.email,
    letter,
    now,
  );
}
