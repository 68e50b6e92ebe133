// The "Lá Trung Quân" camp nominations, for the committee to confirm in the sheet.
import { displayDate, localDate } from '../../../domain/dates';
import type { Letter } from '../../../domain/letter';
import { nominateForCamp, rankMembers } from '../../../domain/ranking';
import type { JourneyDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { asOf, CLOSING, committeeDrafts, gradeCell, namesOf, PROGRAMME } from './common';
import { journeyAt } from '../../journey';
import type { ReportSnapshot } from './snapshot';

export function campDrafts({ config, period, now, journeys: stored, sheets }: ReportSnapshot): MailDraft[] {
  const at = asOf(period, now);
  const names = namesOf(config);
  const journeys = stored.map((j) => journeyAt(config, j, at)).filter((j): j is JourneyDoc => j !== undefined);
  const camp = nominateForCamp(
    rankMembers(
      journeys.map((j) => ({
        memberId: j.memberId,
        fullName: j.fullName,
        unitId: j.unitId,
        result: j.result,
        email: j.email,
      })),
    ),
    config.rules,
  );
  const cap =
    config.rules.campPerUnitMax === null ? '' : `, tối đa ${String(config.rules.campPerUnitMax)} đoàn viên mỗi cơ sở`;
  const subject = `Đề cử dự hội trại “Lá Trung Quân” năm ${String(config.year)}: ${String(camp.length)} đoàn viên`;
  const letter: Letter = {
    subject,
    preheader: `${String(camp.length)} đoàn viên xếp loại Tốt trở lên đứng đầu bảng xếp hạng; xin Ban Thường vụ xác nhận.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Theo kết quả ${PROGRAMME} năm ${String(config.year)} đến ngày ${displayDate(localDate(at))}, danh sách đề cử dự hội trại gồm ${String(camp.length)} đoàn viên xếp loại Tốt trở lên đứng đầu bảng xếp hạng (chỉ tiêu ${String(config.rules.campQuota)}${cap}).`,
      },
      {
        kind: 'table',
        columns: [
          { title: 'STT', align: 'right' },
          { title: 'Họ và tên' },
          { title: 'Email' },
          { title: 'Cơ sở Đoàn' },
          { title: 'Xếp loại' },
          { title: 'Điểm', align: 'right' },
          { title: 'Hạng', align: 'right' },
        ],
        rows: camp.map((c, i) => [
          i + 1,
          c.fullName,
          c.email,
          names.unit(c.unitId),
          gradeCell(c.result.grade),
          c.result.points,
          c.rank,
        ]),
        empty: 'Chưa có đoàn viên nào đủ điều kiện (xếp loại Tốt trở lên).',
      },
      {
        kind: 'paragraph',
        text: 'Xin Ban Thường vụ xem và đánh dấu xác nhận từng đoàn viên ở thẻ “Đề cử hội trại” của bảng tổng hợp.',
      },
      ...(sheets?.master ? [{ kind: 'button' as const, text: 'Mở bảng tổng hợp', url: sheets.master.url }] : []),
    ],
    closing: CLOSING,
    attachments: [],
  };
  return committeeDrafts('camp', config, period, letter);
}
