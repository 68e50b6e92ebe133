// The registration form (đăng ký sổ hành trình) built from the year's plan: identity, unit, group, and the tasks to choose.
import { taskLabel, type PlanTask, type YearPlan } from '../plan';
import { displayIsoDate } from '../time';
import { consentChoice } from './consent';
import { period, PROGRAMME } from './texts';
import type { FormSpec, ItemSpec } from './spec';

function taskHelp(tasks: readonly PlanTask[]): string {
  return tasks.map((t) => `${t.code}: ${t.description || t.title}`).join('\n');
}

export function registrationFormTitle(year: number): string {
  return `Đăng ký Sổ hành trình — ${PROGRAMME} năm ${String(year)}`;
}

/** The registration form for a year; item keys are the Registration fields of API.md. */
export function registrationFormSpec(plan: YearPlan): FormSpec {
  const { rules, calendar } = plan;
  const mandatory = plan.tasks.filter((t) => t.group === 'BB');
  const training = plan.tasks.filter((t) => t.group === 'RL');
  const challenge = plan.tasks.filter((t) => t.group === 'TT');
  const groupTasks = plan.tasks.filter((t) => t.confirmedBy.includes('TO')).map((t) => t.code);

  // The notice first, and the member's consent to it before anything else is asked (Law 91/2025/QH15 art. 9): a
  // required checkbox with one choice, never ticked in advance — the form cannot be sent without ticking it.
  const items: ItemSpec[] = [
    {
      key: 'header.privacy',
      kind: 'header',
      title: 'Thông báo về xử lý dữ liệu cá nhân',
      help: plan.privacy.text,
    },
    {
      key: 'consent',
      kind: 'checkbox',
      title: 'Đồng ý cho xử lý dữ liệu cá nhân',
      help:
        'Bắt buộc để đăng ký: Ban tổ chức chỉ lập Sổ hành trình khi bạn tự đánh dấu ô này. Nếu không đồng ý, bạn vui lòng không gửi biểu mẫu. ' +
        'Bạn có thể rút lại sự đồng ý bất cứ lúc nào trên trang Sổ hành trình của mình.',
      required: true,
      choices: [consentChoice(plan.privacy.version)],
      minSelected: 0,
      validationHelp: '',
    },
  ];
  if (mandatory.length > 0) {
    items.push({
      key: 'header.BB',
      kind: 'header',
      title: 'Nhiệm vụ bắt buộc — mọi đoàn viên ưu tú đều thực hiện, không cần chọn',
      help: mandatory.map((t) => `${taskLabel(t)}\n${t.description}`).join('\n\n'),
    });
  }
  items.push(
    { key: 'fullName', kind: 'text', title: 'Họ và tên', help: 'Ghi đầy đủ họ và tên, có dấu.', required: true },
    { key: 'dateOfBirth', kind: 'date', title: 'Ngày sinh', help: '', required: true },
    {
      key: 'phone',
      kind: 'text',
      title: 'Số điện thoại',
      help: 'Số điện thoại để Ban tổ chức liên hệ khi cần.',
      required: true,
      pattern: { regex: '^[+]?[0-9 .()-]{8,20}$', message: 'Vui lòng nhập số điện thoại hợp lệ, ví dụ 0901 234 567.' },
    },
    {
      key: 'unit',
      kind: 'list',
      title: 'Cơ sở Đoàn',
      help: 'Chọn cơ sở Đoàn nơi bạn sinh hoạt.',
      required: true,
      choices: plan.units.map((u) => ({ value: u.name })),
    },
  );
  if (plan.groups.length > 0) {
    items.push({
      key: 'group',
      kind: 'list',
      title: 'Tổ',
      help:
        'Chọn tổ (theo cụm hoạt động) mà bạn sinh hoạt.' +
        (groupTasks.length > 0 ? ` Bắt buộc nếu bạn đăng ký nhiệm vụ ${groupTasks.join(', ')}.` : ''),
      required: false,
      choices: plan.groups.map((g) => ({ value: g.name })),
    });
  }
  items.push(
    {
      key: 'trainingTasks',
      kind: 'checkbox',
      title: `Nhiệm vụ rèn luyện (chọn ít nhất ${String(rules.minTraining)})`,
      help: taskHelp(training),
      required: rules.minTraining > 0,
      choices: training.map(taskLabel),
      minSelected: rules.minTraining,
      validationHelp: `Vui lòng chọn ít nhất ${String(rules.minTraining)} nhiệm vụ rèn luyện.`,
    },
    {
      key: 'challengeTasks',
      kind: 'checkbox',
      title: `Nhiệm vụ thử thách (chọn ít nhất ${String(rules.minChallenge)})`,
      help: taskHelp(challenge),
      required: rules.minChallenge > 0,
      choices: challenge.map(taskLabel),
      minSelected: rules.minChallenge,
      validationHelp: `Vui lòng chọn ít nhất ${String(rules.minChallenge)} nhiệm vụ thử thách.`,
    },
  );

  return {
    title: registrationFormTitle(plan.year),
    description:
      `Kế hoạch 44-KH/ĐTN của Ban Thường vụ Đoàn Khối Dân – Chính – Đảng Thành phố. ` +
      `Mỗi đoàn viên ưu tú đăng ký thực hiện tất cả nhiệm vụ bắt buộc, ít nhất ${String(rules.minTraining)} nhiệm vụ rèn luyện ` +
      `và ít nhất ${String(rules.minChallenge)} nhiệm vụ thử thách.\n` +
      `Thời gian đăng ký: ${period(calendar.registrationOpens, calendar.registrationCloses)}.\n` +
      `Đăng ký bổ sung: đến hết ngày ${displayIsoDate(calendar.amendmentCloses)}, bạn có thể gửi lại biểu mẫu này để thêm nhiệm vụ; ` +
      'khi đó vui lòng chọn lại cả các nhiệm vụ đã đăng ký trước đây (chỉ được thêm, không được bớt nhiệm vụ).',
    confirmation:
      'Cảm ơn bạn đã đăng ký! Ban tổ chức sẽ gửi thư xác nhận đến địa chỉ email của bạn. ' +
      'Nếu thông tin chưa hợp lệ, thư sẽ ghi rõ cần sửa ở đâu.',
    items,
  };
}
