// `data-request answer <năm> <mã yêu cầu> --status done|declined|in_progress "<trả lời>" [--json]`: records the
// committee's answer to a member's data request (from the master's "Yêu cầu dữ liệu" tab); the member is e-mailed.
import { createHash } from 'node:crypto';
import { ANSWER_STATUSES, DATA_REQUEST_STATUS_LABELS } from '../../src/domain/data-requests';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody } from '../format';

export interface DataRequestAnswerCommand {
  kind: 'data-request-answer';
  year: number;
  requestId: string;
  status: (typeof ANSWER_STATUSES)[number];
  answer: string;
  json: boolean;
}

interface AnswerOutcome {
  status: string;
  id: string | null;
}

/** The same answer typed again (a retry after a lost connection) is the same edit: recorded once. */
export function answerEditId(requestId: string, status: string, answer: string): string {
  return `cli-${createHash('sha256').update(`${requestId}\n${status}\n${answer}`).digest('hex').slice(0, 24)}`;
}

export const dataRequestAnswer: CliCommand<DataRequestAnswerCommand> = {
  kind: 'data-request-answer',
  name: 'data-request answer',
  usage: '<năm> <mã yêu cầu> --status done|declined|in_progress "<nội dung trả lời>" [--json]',
  summary:
    'Ghi nhận câu trả lời của Ban Thường vụ cho một yêu cầu về dữ liệu cá nhân (tab "Yêu cầu dữ liệu") và gửi thư báo cho đoàn viên.',
  options: ['status', 'json'],
  maxArgs: 3,
  parse([yearWord, requestId, answer], values) {
    const year = parseYear(yearWord);
    if (typeof year === 'string') return year;
    if (!requestId) return 'Thiếu mã yêu cầu (cột "Mã yêu cầu" của tab "Yêu cầu dữ liệu").';
    const status = ANSWER_STATUSES.find((s) => s === values.status);
    if (!status) return `Cần --status là một trong: ${ANSWER_STATUSES.join(', ')}.`;
    if (!answer?.trim()) return 'Thiếu nội dung trả lời (đặt trong dấu ngoặc kép).';
    return { kind: 'data-request-answer', year, requestId, status, answer, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    const outcome = await ok<AnswerOutcome>(
      'POST',
      `/v1/years/${command.year}/data-requests/${encodeURIComponent(command.requestId)}/answer`,
      {
        editId: answerEditId(command.requestId, command.status, command.answer),
        answer: command.answer,
        status: command.status,
      },
    );
    io.out(
      command.json
        ? formatBody(outcome)
        : outcome.status === 'duplicate'
          ? `Câu trả lời này cho yêu cầu ${command.requestId} đã được ghi nhận trước đó; không gửi lại thư.`
          : `Đã ghi nhận câu trả lời cho yêu cầu ${command.requestId} (${DATA_REQUEST_STATUS_LABELS[command.status]}); đoàn viên sẽ nhận thư báo.`,
    );
    return 0;
  },
};
