// After the demo year: one report of each kind, so /_local/outbox/ shows every kind with its PDFs beside the members' notices.
import type { JourneySend } from '../client';
import { describe } from './sender/send';
import { YEAR } from './data/roster';

/** Each kind with a period of the demo year where it has something to say. */
const DEMO_REPORTS: readonly { kind: string; period: string }[] = [
  { kind: 'digest', period: `${String(YEAR)}-W18` },
  { kind: 'quarterly', period: `${String(YEAR)}-Q3` },
  { kind: 'reminders', period: `${String(YEAR)}-W40` },
  { kind: 'members', period: `${String(YEAR)}-W41` },
  { kind: 'annual', period: String(YEAR) },
  { kind: 'camp', period: String(YEAR) },
  { kind: 'phase', period: '2018-2022' },
];

interface ReportAnswer {
  queued?: number;
  alreadySent?: number;
}

/** Queues the demo's reports through the signed route (a repeat queues nothing new); answers a line for the console. */
export async function sendDemoReports(send: JourneySend): Promise<string> {
  let queued = 0;
  for (const { kind, period } of DEMO_REPORTS) {
    const answer = await send<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/${kind}`, { period });
    if (answer.status !== 200)
      throw new Error(`Dữ liệu mẫu: không xếp được báo cáo ${kind} ${period} — ${describe(answer)}`);
    queued += answer.body.queued ?? 0;
  }
  return `Đã xếp ${String(queued)} thư báo cáo mẫu (mỗi loại một kỳ) vào hộp thư đi; thông báo cho đoàn viên đã được xếp cùng mỗi bài gửi.`;
}
