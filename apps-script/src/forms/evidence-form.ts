// The evidence form (báo cáo minh chứng) built from the year's plan: the task, a page per task that needs more, then the activity.
import { taskLabel, type PlanTask, type YearPlan } from '../plan';
import { formatCount, meetingKindLabels, period, PROGRAMME } from './texts';
import type { FormSpec, ItemSpec } from './spec';

const ACTIVITY_PAGE = 'page.activity';

function needsOwnPage(t: PlanTask): boolean {
  const r = t.requires;
  return r.initiativeAndRating || r.essay || r.meetingKind || r.attachment;
}

export function evidenceFormTitle(year: number): string {
  return `Báo cáo minh chứng — ${PROGRAMME} năm ${String(year)}`;
}

/** The items a task asks for besides the common ones (BB1 initiative and rating, BB3 essay, RL1 meeting kind, RL3 attachment). */
function taskItems(t: PlanTask, plan: YearPlan): ItemSpec[] {
  const items: ItemSpec[] = [];
  if (t.requires.initiativeAndRating) {
    items.push(
      {
        key: `${t.code}.initiative`,
        kind: 'paragraph',
        title: 'Sáng kiến trong công việc',
        help: 'Tên và nội dung tóm tắt của sáng kiến (ít nhất 01 sáng kiến trong năm).',
        required: true,
      },
      {
        key: `${t.code}.rating`,
        kind: 'list',
        title: 'Xếp loại thi đua trong năm',
        help: 'Chọn danh hiệu thi đua bạn đạt được (từ lao động tiên tiến trở lên).',
        required: true,
        choices: plan.rules.acceptedRatings.map((r) => ({ value: r })),
      },
    );
  }
  if (t.requires.essay) {
    items.push({
      key: `${t.code}.essay`,
      kind: 'paragraph',
      title: 'Bài viết cảm nhận',
      help:
        `Dán toàn văn bài viết vào đây. Bài viết cần dài trên ${formatCount(plan.rules.minEssayWords)} chữ ` +
        '(tính theo số tiếng, cách nhau bởi khoảng trắng).',
      required: true,
    });
  }
  if (t.requires.meetingKind) {
    const labels = meetingKindLabels(plan.rules.themedMonths);
    items.push({
      key: `${t.code}.meetingKind`,
      kind: 'choice',
      title: 'Loại buổi sinh hoạt chi đoàn',
      help: 'Buổi sinh hoạt chủ điểm chỉ được tính khi diễn ra trong các tháng chủ điểm.',
      required: true,
      choices: [{ value: labels.themed }, { value: labels.regular }],
    });
  }
  if (t.requires.attachment) {
    items.push({
      key: `${t.code}.links`,
      kind: 'paragraph',
      title: 'Đường dẫn đến giấy khen, quyết định hoặc giấy chứng nhận',
      help: 'Dán đường dẫn (Google Drive, trang web…) đến bản chụp giấy khen hoặc quyết định, mỗi đường dẫn một dòng. Vui lòng chia sẻ quyền xem cho Ban tổ chức.',
      required: true,
    });
  }
  return items;
}

/** The evidence form for a year; item keys are the Evidence fields of API.md, `<code>.<field>` on a task's own page. */
export function evidenceFormSpec(plan: YearPlan): FormSpec {
  const own = plan.tasks.filter(needsOwnPage);
  const items: ItemSpec[] = [
    {
      key: 'task',
      kind: 'list',
      title: 'Nhiệm vụ',
      help: 'Chọn nhiệm vụ mà hoạt động này là minh chứng. Chỉ báo cáo được các nhiệm vụ bạn đã đăng ký.',
      required: true,
      choices: plan.tasks.map((t) => ({
        value: taskLabel(t),
        goTo: needsOwnPage(t) ? `page.${t.code}` : ACTIVITY_PAGE,
      })),
    },
  ];
  own.forEach((t, i) => {
    items.push(
      {
        key: `page.${t.code}`,
        kind: 'page',
        title: taskLabel(t),
        help: t.description,
        // The page break ends the previous section: after page 1 the task choice decides; after a task page, go to the activity.
        goTo: i === 0 ? null : ACTIVITY_PAGE,
      },
      ...taskItems(t, plan),
    );
  });
  items.push(
    { key: ACTIVITY_PAGE, kind: 'page', title: 'Thông tin hoạt động', help: '', goTo: null },
    { key: 'activityDate', kind: 'date', title: 'Ngày diễn ra hoạt động', help: '', required: true },
    {
      key: 'description',
      kind: 'paragraph',
      title: 'Mô tả hoạt động',
      help: 'Bạn đã làm gì, ở đâu, do đơn vị nào tổ chức và vai trò của bạn.',
      required: true,
    },
    {
      key: 'links',
      kind: 'paragraph',
      title: 'Đường dẫn minh chứng',
      help: 'Hình ảnh, bài viết, giấy chứng nhận… đã đưa lên Google Drive hoặc trang web: dán đường dẫn, mỗi đường dẫn một dòng. Vui lòng chia sẻ quyền xem cho Ban tổ chức.',
      required: false,
    },
  );
  return {
    title: evidenceFormTitle(plan.year),
    description:
      'Mỗi khi hoàn thành một hoạt động, bạn vui lòng gửi một báo cáo minh chứng qua biểu mẫu này. ' +
      `Chỉ báo cáo được nhiệm vụ bạn đã đăng ký; ngày hoạt động phải ${period(plan.calendar.activityStarts, plan.calendar.activityEnds)}. ` +
      'Minh chứng sẽ được chuyển đến đúng người đánh giá; kết quả được gửi cho bạn qua email.',
    confirmation:
      'Cảm ơn bạn! Minh chứng đã được gửi đến Ban tổ chức và đang chờ đánh giá. Kết quả sẽ được gửi qua email.',
    items,
  };
}
