// The quarterly report of each base union to its party committee (plan III.2): that unit's members only, each task, PDF attached.
import { displayDate, localDate } from '../../../domain/dates';
import type { Letter } from '../../../domain/letter';
import { PRIORITY } from '../../../domain/mail';
import { vietnameseCollator } from '../../../domain/text';
import type { MailDraft } from '../../../ports';
import { contentKey, isSendableAddress, reportMailId } from '../ids';
import {
  asOf,
  CLOSING,
  fileName,
  gradeCounts,
  journeyAt,
  memberTable,
  namesOf,
  officialDocument,
  PROGRAMME,
  progressCell,
  gradeCell,
} from './common';
import type { ReportInput } from './run';

export async function quarterlyDrafts({ ctx, config, period, now, units }: ReportInput): Promise<MailDraft[]> {
  const at = asOf(period, now);
  const day = localDate(at);
  const [journeys, evidence] = await Promise.all([
    ctx.store.listJourneys(config.year),
    ctx.store.listEvidence(config.year),
  ]);
  const names = namesOf(config);
  const drafts: MailDraft[] = [];
  for (const unit of config.units.filter((u) => units.has(u.id))) {
    const members = journeys
      .filter((j) => j.unitId === unit.id)
      .map((j) => journeyAt(config, j, at))
      .filter((j): j is NonNullable<typeof j> => j !== undefined)
      .sort((a, b) => vietnameseCollator.compare(a.fullName, b.fullName));
    const completed = members.filter((m) => m.result.completed).length;
    const waiting = evidence.filter(
      (e) => e.unitId === unit.id && e.submittedAt <= at.toISOString() && e.status === 'pending',
    ).length;
    const facts = [
      { label: 'Số đoàn viên ưu tú tham gia', value: String(members.length) },
      { label: 'Đã hoàn thành hành trình năm', value: `${String(completed)}/${String(members.length)}` },
      { label: 'Xếp loại hiện tại', value: gradeCounts(members) },
      { label: 'Minh chứng đang chờ đánh giá', value: String(waiting) },
    ];
    const title = `Báo cáo ${period.title} — ${unit.name}`;
    const recipients = [`Cấp ủy ${unit.name}`, `BCH ${unit.name}`, 'Thường trực Đoàn Khối'];
    const document = officialDocument({
      day,
      title: 'BÁO CÁO',
      subtitle: `Tiến độ ${PROGRAMME} ${period.title} của đoàn viên ưu tú ${unit.name}`,
      landscape: true,
      recipients,
      sections: [
        {
          heading: 'I. TÌNH HÌNH CHUNG',
          blocks: [
            {
              kind: 'paragraph',
              text: `Thực hiện Kế hoạch số 44-KH/ĐTN, Ban Thường vụ Đoàn Khối thông tin đến cấp ủy kết quả rèn luyện của đoàn viên ưu tú ${unit.name} tính đến ngày ${displayDate(day)}:`,
            },
            { kind: 'facts', items: facts },
          ],
        },
        {
          heading: 'II. KẾT QUẢ CỦA TỪNG ĐOÀN VIÊN',
          blocks: [
            {
              kind: 'paragraph',
              text: 'Mỗi cột là một nhiệm vụ: "Xong" là đã hoàn thành; "a/b" là số lượt đã được xác nhận trên số lượt cần; "—" là không đăng ký.',
            },
            memberTable(config, members, false),
          ],
        },
        {
          heading: 'III. ĐỀ NGHỊ',
          blocks: [
            {
              kind: 'paragraph',
              text:
                'Đề nghị cấp ủy quan tâm, theo dõi và tạo điều kiện để đoàn viên ưu tú hoàn thành các nhiệm vụ còn lại trước ngày ' +
                displayDate(config.calendar.activityEnds) +
                '; cho ý kiến đánh giá nhiệm vụ chuyên môn (BB1) trong hàng chờ của cấp ủy.',
            },
          ],
        },
      ],
    });
    const letter: Letter = {
      subject: `${title}: tiến độ ${PROGRAMME}`,
      preheader: `${String(completed)}/${String(members.length)} đoàn viên đã hoàn thành; báo cáo PDF đính kèm.`,
      greeting: `Kính gửi Cấp ủy ${unit.name},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Ban Thường vụ Đoàn Khối trân trọng gửi báo cáo ${period.title} về tiến độ ${PROGRAMME} của đoàn viên ưu tú ${unit.name}, tính đến ngày ${displayDate(day)}. Bản báo cáo để in và ký được đính kèm (PDF).`,
        },
        { kind: 'facts', items: facts },
        { kind: 'progress', label: 'Đoàn viên đã hoàn thành hành trình năm', done: completed, total: members.length },
        {
          kind: 'table',
          columns: [{ title: 'Họ và tên' }, { title: 'Tổ' }, { title: 'Tiến độ' }, { title: 'Xếp loại' }],
          rows: members.map((m) => [
            m.fullName,
            names.group(m.groupId),
            progressCell(m, config),
            gradeCell(m.result.grade),
          ]),
          empty: 'Chưa có đoàn viên nào của đơn vị đăng ký.',
        },
      ],
      closing: CLOSING,
      attachments: [{ filename: fileName('Báo cáo', period.title, unit.name), document }],
    };
    const key = contentKey('quarterly', period.label, unit.id);
    for (const to of unit.reportTo.filter(isSendableAddress)) {
      drafts.push({
        id: reportMailId('quarterly', period.label, to, unit.id),
        year: config.year,
        kind: 'quarterly',
        period: period.label,
        to,
        priority: PRIORITY.report,
        subject: letter.subject,
        letter,
        contentKey: key,
      });
    }
  }
  return drafts;
}
