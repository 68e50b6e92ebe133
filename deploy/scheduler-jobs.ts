// The Cloud Scheduler jobs of a deployment, one table: each calls the function with an OIDC token of the invoker account.

export interface SchedulerJob {
  name: string;
  /** unix-cron, in Asia/Ho_Chi_Minh. */
  schedule: string;
  /** Called with POST and an empty JSON body on the function's URL. */
  path: string;
  /** Shown in the Cloud console (Vietnamese, for the people who look there). */
  description: string;
  /**
   * Report jobs call routes the function does not serve yet (API.md "Reports and e-mail"; year and period are the
   * current ones): they are created only with `--with-reports`.
   */
  report: boolean;
}

export const SCHEDULER_JOBS: readonly SchedulerJob[] = [
  {
    name: 'journey-resume',
    schedule: '*/10 * * * *',
    path: '/v1/internal/resume',
    description: 'Ghi nốt các dòng bảng tính còn chờ (của các phiên bản hàm đã dừng)',
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
    description: 'Nhắc việc hằng tuần từ tháng 9 đến hết tháng 10: 08:00 thứ Hai',
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
    // The October evaluation closes on 31/10 (decisions after it are refused), so the report goes the next morning.
    schedule: '0 7 1 11 *',
    path: '/v1/internal/reports/annual',
    description: 'Báo cáo đánh giá tháng 10: 07:00 ngày 01/11, sau khi hết hạn đánh giá',
    report: true,
  },
  {
    name: 'journey-report-members',
    schedule: '0 8 1 * *',
    path: '/v1/internal/reports/members',
    description: 'Thư tóm tắt hành trình gửi từng đoàn viên: 08:00 ngày 1 hằng tháng',
    report: true,
  },
];

/** The jobs this run creates or updates. */
export function scheduledJobs(withReports: boolean): SchedulerJob[] {
  return SCHEDULER_JOBS.filter((job) => withReports || !job.report);
}
