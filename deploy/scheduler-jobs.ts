// The Cloud Scheduler jobs of a deployment, one table: each calls the function with an OIDC token of the invoker account.

export interface SchedulerJob {
  name: string;
  /** unix-cron, in Asia/Ho_Chi_Minh. */
  schedule: string;
  /** Called with POST on the function's URL. */
  path: string;
  /** The JSON body sent (`{}` when absent): a report's options, e.g. the slice of units of a weekday. */
  body?: string;
  /** Shown in the Cloud console (Vietnamese, for the people who look there). */
  description: string;
  /** A report job (`/v1/internal/reports/{kind}`: the current year and period, API.md "Reports and e-mail"). */
  report: boolean;
}

const WEEKDAYS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu'] as const;

/**
 * Members' weekly summaries, spread by unit over the working days: on day k the k-th fifth of the units (by their
 * order in the plan), so no day carries more than a fifth of the members against the daily mail budget.
 */
const MEMBER_JOBS: readonly SchedulerJob[] = WEEKDAYS.map((day, i) => ({
  name: `journey-report-members-${String(i + 1)}`,
  schedule: `0 9 * * ${String(i + 1)}`,
  path: '/v1/internal/reports/members',
  body: `{"slice":"${String(i + 1)}/5"}`,
  description: `Thư tóm tắt hằng tuần gửi từng đoàn viên, phần ${String(i + 1)}/5 các cơ sở Đoàn: 09:00 ${day}`,
  report: true,
}));

export const SCHEDULER_JOBS: readonly SchedulerJob[] = [
  {
    name: 'journey-resume',
    schedule: '*/10 * * * *',
    path: '/v1/internal/resume',
    description: 'Ghi nốt các dòng bảng tính còn chờ (của các phiên bản hàm đã dừng)',
    report: false,
  },
  {
    name: 'journey-mail-drain',
    // Cloud Tasks drains the outbox as mail is queued; this catches a task that could not be created, and the next day.
    schedule: '5 * * * *',
    path: '/v1/internal/mail/drain',
    description: 'Gửi thư còn chờ trong hộp thư đi (trong hạn mức ngày): phút 05 mỗi giờ',
    report: false,
  },
  {
    name: 'journey-report-digest',
    schedule: '0 7 * * 1',
    path: '/v1/internal/reports/digest',
    description: 'Bản tin tuần gửi Ban Thường vụ: 07:00 thứ Hai',
    report: true,
  },
  {
    name: 'journey-report-reminders',
    // Members with tasks left and evaluators with old rows, weekly from September until evaluation closes on 31/10.
    schedule: '0 8 * 9-10 1',
    path: '/v1/internal/reports/reminders',
    // Members are reminded by their weekly summary, spread over the working days; Monday's job reminds evaluators.
    body: '{"audience":"evaluators"}',
    description:
      'Nhắc người đánh giá có minh chứng chờ quá 7 ngày, hằng tuần từ tháng 9 đến hết tháng 10: 08:00 thứ Hai',
    report: true,
  },
  {
    name: 'journey-report-quarterly',
    // Near the end of each quarter, so the default period (the current quarter) is the one reported.
    schedule: '0 7 25 3,6,9,12 *',
    path: '/v1/internal/reports/quarterly',
    description: 'Báo cáo quý gửi cấp ủy: 07:00 ngày 25 tháng cuối quý',
    report: true,
  },
  {
    name: 'journey-report-annual',
    // The October evaluation: the report goes on its last day, once the evaluators have had the month.
    schedule: '0 17 31 10 *',
    path: '/v1/internal/reports/annual',
    description: 'Báo cáo đánh giá năm (tháng 10): 17:00 ngày 31/10',
    report: true,
  },
  {
    name: 'journey-report-camp',
    schedule: '0 7 1 11 *',
    path: '/v1/internal/reports/camp',
    description: 'Danh sách đề cử hội trại “Lá Trung Quân”: 07:00 ngày 01/11',
    report: true,
  },
  {
    name: 'journey-report-phase',
    // Queues only in the phase's last year (December 2022 for 2018–2022); other years it answers with nothing queued.
    schedule: '0 7 15 12 *',
    path: '/v1/internal/reports/phase',
    description: 'Báo cáo tổng kết giai đoạn: 07:00 ngày 15/12 của năm cuối giai đoạn',
    report: true,
  },
  {
    name: 'journey-retention',
    // At night, when no one submits: a bounded number of members a run, so a long backlog takes several nights.
    schedule: '30 2 * * *',
    path: '/v1/internal/retention',
    description:
      'Xoá dữ liệu cá nhân của đoàn viên có giai đoạn đã kết thúc quá thời hạn lưu trữ (thay bằng bí danh): 02:30 hằng ngày',
    report: false,
  },
  ...MEMBER_JOBS,
];

/** The jobs this run creates or updates: all of them (the report routes exist; `--with-reports` is kept for old scripts). */
export function scheduledJobs(): SchedulerJob[] {
  return [...SCHEDULER_JOBS];
}
