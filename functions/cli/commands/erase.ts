// `erase <mã đoàn viên | email> <lý do…> [--edit-id MÃ] [--json]`: erases a member's personal data everywhere (Law No.
// 91/2025/QH15), keeping a pseudonym. The operation's id is printed first: rerun with it to finish an interrupted erasure.
import { randomUUID } from 'node:crypto';
import type { CliCommand } from '../command';
import { formatBody } from '../format';

export interface EraseCommand {
  kind: 'erase';
  member: string;
  reason: string;
  editId: string;
  json: boolean;
}

interface EraseAnswer {
  status: 'erased' | 'duplicate';
  memberId: string;
  pseudonym: string;
  sentCopiesLeft?: number;
}

export const erase: CliCommand<EraseCommand> = {
  kind: 'erase',
  name: 'erase',
  usage: '<mã đoàn viên | email> <lý do> [--edit-id MÃ] [--json]',
  summary:
    'Xoá dữ liệu cá nhân của một đoàn viên ở mọi nơi (thay bằng bí danh), có ghi lý do; bảng tính các năm liên quan được dựng lại.',
  options: ['edit-id', 'json'],
  maxArgs: 200,
  parse(words, values) {
    const [member, ...reason] = words;
    if (!member) return 'Thiếu mã đoàn viên hoặc email của đoàn viên cần xoá dữ liệu.';
    if (reason.join(' ').trim() === '')
      return 'Thiếu lý do xoá (ví dụ: "Theo yêu cầu của đoàn viên ngày 01/12/2026"). Xin đừng ghi họ tên hay email vào lý do.';
    return {
      kind: 'erase',
      member,
      reason: reason.join(' ').trim(),
      editId: values['edit-id'] ?? `xoa-${randomUUID()}`,
      json: values.json ?? false,
    };
  },
  async run(command, { io, ok }) {
    if (!command.json)
      io.err(`Mã thao tác: ${command.editId} (nếu bị gián đoạn, chạy lại lệnh với --edit-id ${command.editId}).`);
    const answer = await ok<EraseAnswer>('POST', `/v1/members/${encodeURIComponent(command.member)}/erase`, {
      editId: command.editId,
      reason: command.reason,
    });
    if (command.json) {
      io.out(formatBody(answer));
      return 0;
    }
    const lines = [
      answer.status === 'duplicate'
        ? `Thao tác này đã xong trước đó: đoàn viên mang bí danh "${answer.pseudonym}" (mã ${answer.memberId}).`
        : `Đã xoá dữ liệu cá nhân của đoàn viên. Từ nay đoàn viên mang bí danh "${answer.pseudonym}" (mã ${answer.memberId}); bảng tính của các năm liên quan đang được dựng lại.`,
    ];
    const left = answer.sentCopiesLeft ?? 0;
    if (left > 0)
      lines.push(
        `Còn ${String(left)} thư đã gửi nằm trong thư mục Đã gửi của hộp thư gửi đi: cần xoá thủ công (xem docs/operations.md, mục "Xoá dữ liệu của một đoàn viên").`,
      );
    lines.push(
      'Việc cần làm thủ công: xoá các câu trả lời của đoàn viên trong Google Forms (đăng ký, minh chứng) — xem docs/operations.md.',
    );
    io.out(lines.join('\n'));
    return 0;
  },
};
