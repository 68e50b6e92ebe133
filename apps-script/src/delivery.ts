// Delivering calls to the function: one attempt now, then the retry queue for 5xx, 429, 401 and network errors; other 4xx are final.
import { callJourney, callJourneyAll, describeAnswer, type JourneyAnswer } from './client';
import { messageOf } from './errors';
import { outOfTime } from './execution';
import { acquireLease, releaseLease } from './lock';
import {
  enqueue,
  listItems,
  loadBody,
  MAX_ATTEMPTS,
  recordFailure,
  removeItem,
  type OutgoingRequest,
  type QueuedItem,
} from './retry-queue';
import { requestForSource } from './responses';
import { readSettings } from './settings';
import { log } from './log';

export type Verdict = 'done' | 'final' | 'retry';

/**
 * What an HTTP status means for a call that must not be lost. 2xx: done. 4xx: final — the function stored the
 * submission with its reasons (API.md) — except 401 (wrong secret or clock: nothing was stored, and the committee can
 * fix it), 408 and 429. Everything else (5xx, redirects from a wrong URL) is retried.
 */
export function verdictFor(status: number): Verdict {
  if (status >= 200 && status < 300) return 'done';
  if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) return 'final';
  return 'retry';
}

export interface AttemptOutcome {
  verdict: Verdict;
  /** HTTP status, or null when no answer came (settings missing, network error). */
  status: number | null;
  detail: string;
  answer?: JourneyAnswer;
}

/** One signed attempt, with a fresh timestamp and signature; never throws. */
export function attempt(request: OutgoingRequest): AttemptOutcome {
  try {
    const answer = callJourney(readSettings(), request.method, request.path, request.body);
    return { verdict: verdictFor(answer.status), status: answer.status, detail: describeAnswer(answer), answer };
  } catch (error) {
    return { verdict: 'retry', status: null, detail: messageOf(error) };
  }
}

export interface DeliveryResult extends AttemptOutcome {
  queued: boolean;
  /** Retryable, but the retry queue was full: nothing was stored; the source (form, sheet) still holds it. */
  overflow?: true;
}

/** Sends now; on a retryable failure the request goes onto the durable retry queue. */
export function deliver(request: OutgoingRequest): DeliveryResult {
  return settle(request, attempt(request));
}

/**
 * Sends several at once (one UrlFetchApp.fetchAll: the time of the slowest, not the sum), each then dealt with as
 * `deliver` does. Answers in order.
 */
export function deliverAll(requests: readonly OutgoingRequest[]): DeliveryResult[] {
  if (requests.length === 0) return [];
  let outcomes: AttemptOutcome[];
  try {
    const answers = callJourneyAll(readSettings(), requests);
    outcomes = answers.map((answer) => ({
      verdict: verdictFor(answer.status),
      status: answer.status,
      detail: describeAnswer(answer),
      answer,
    }));
  } catch (error) {
    outcomes = requests.map(() => ({ verdict: 'retry' as const, status: null, detail: messageOf(error) }));
  }
  return requests.map((request, i) =>
    settle(request, outcomes[i] ?? { verdict: 'retry', status: null, detail: 'không có câu trả lời' }),
  );
}

function settle(request: OutgoingRequest, outcome: AttemptOutcome): DeliveryResult {
  switch (outcome.verdict) {
    case 'done':
      log.info(`Đã gửi ${request.label} (${outcome.detail}).`);
      return { ...outcome, queued: false };
    case 'final':
      log.warn(
        `Hàm Journey không nhận ${request.label} (${outcome.detail}). Bài gửi đã được lưu kèm lý do ở phía hàm; không gửi lại.`,
      );
      return { ...outcome, queued: false };
    case 'retry':
      if (enqueue(request, 1, outcome.detail, Date.now())) {
        log.warn(`Chưa gửi được ${request.label} (${outcome.detail}); đã đưa vào hàng đợi gửi lại.`);
        return { ...outcome, queued: true };
      }
      log.warn(
        `Chưa gửi được ${request.label} (${outcome.detail}); hàng đợi gửi lại đã đầy nên ` +
          (request.source
            ? 'phản hồi được giữ trong biểu mẫu và sẽ được gửi ở lượt đối soát.'
            : 'nội dung được giữ ở nơi nhập và sẽ được gửi ở lượt sau.'),
      );
      return { ...outcome, queued: false, overflow: true };
  }
}

export interface DrainReport {
  /** Another drain holds the lease: nothing was done. */
  busy: boolean;
  sent: number;
  refused: number;
  failed: number;
  dead: number;
  /** Items not yet due (skipped) or left for lack of time. */
  left: number;
  /** Due items left because the execution's time budget ran out (they go at the continuation). */
  stoppedForTime: boolean;
}

export interface DrainOptions {
  /** Send every item now, ignoring its backoff (the menu's "send again"). */
  force: boolean;
  onProgress?: (done: number, total: number) => void;
}

const DRAIN_LEASE = 'drain';

/**
 * Attempts the due items of the retry queue once each, oldest first, until the execution's budget is used (each item is
 * removed or rescheduled as soon as it is attempted, so a stopped run loses nothing and repeats nothing it finished).
 * Two drains never run together (a lease, not the lock, so triggers are not blocked).
 */
export function drainQueue(options: DrainOptions): DrainReport {
  const report: DrainReport = { busy: false, sent: 0, refused: 0, failed: 0, dead: 0, left: 0, stoppedForTime: false };
  // The time trigger runs every few minutes: with nothing queued it returns before taking the lease (no property writes).
  if (listItems('retry').length === 0) return report;
  if (!acquireLease(DRAIN_LEASE)) return { ...report, busy: true };
  try {
    const started = Date.now();
    const items = listItems('retry');
    const due = items.filter((item) => options.force || item.nextAttemptAt <= started);
    report.left = items.length - due.length;
    due.forEach((item, index) => {
      if (report.stoppedForTime || outOfTime()) {
        report.stoppedForTime = true;
        report.left++;
        return;
      }
      drainOne(item, report);
      options.onProgress?.(index + 1, due.length);
    });
    return report;
  } finally {
    releaseLease(DRAIN_LEASE);
  }
}

function drainOne(item: QueuedItem, report: DrainReport): void {
  // A form response is read again from its form (the queue kept only its id).
  const body = item.source ? requestForSource(item.source)?.body : loadBody('retry', item);
  if (body === undefined) {
    log.error(`Mục "${item.label}" trong hàng đợi gửi lại bị thiếu nội dung; đã bỏ.`);
    removeItem('retry', item);
    report.failed++;
    return;
  }
  const outcome = attempt({
    key: item.key,
    method: item.method,
    path: item.path,
    body,
    label: item.label,
    ...(item.source ? { source: item.source } : {}),
  });
  if (outcome.verdict === 'done') {
    removeItem('retry', item);
    report.sent++;
    log.info(`Đã gửi lại ${item.label} sau ${String(item.attempts + 1)} lần thử (${outcome.detail}).`);
    return;
  }
  if (outcome.verdict === 'final') {
    removeItem('retry', item);
    report.refused++;
    log.warn(`Hàm Journey không nhận ${item.label} (${outcome.detail}); không gửi lại.`);
    return;
  }
  const where = recordFailure(item, body, outcome.detail, Date.now());
  if (where === 'dead') {
    report.dead++;
    log.error(
      `Đã thử gửi ${item.label} ${String(MAX_ATTEMPTS)} lần không thành công (${outcome.detail}); chuyển vào danh sách gửi thất bại.`,
    );
  } else {
    report.failed++;
  }
}
