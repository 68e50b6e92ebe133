// Sending planned requests through the signed client, checking every answer: accepted, a duplicate, or the refusal planned.
import type { JourneyAnswer, JourneySend } from '../../client';
import type { PlannedRequest } from '../scenario/plan';

/** At most this many requests in flight: enough to be quick, few enough for the embedded emulator. */
const CONCURRENCY = 8;

interface SubmissionAnswer {
  status?: string;
  id?: string | null;
  errors?: { code?: string; message?: string }[];
}

/** How the function answered the requests of one kind. */
export interface Tally {
  accepted: number;
  duplicate: number;
  refused: number;
}

export function newTally(): Tally {
  return { accepted: 0, duplicate: 0, refused: 0 };
}

/** An answer, shortened, for an error message. */
export function describe(answer: JourneyAnswer): string {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return `HTTP ${answer.status}: ${body.length > 400 ? `${body.slice(0, 400)}…` : body}`;
}

/** Sends one request and checks its answer; returns the id the function gave it. */
export async function sendChecked(send: JourneySend, request: PlannedRequest, tally: Tally): Promise<string | null> {
  let answer: JourneyAnswer<SubmissionAnswer>;
  try {
    answer = await send<SubmissionAnswer>(request.method, request.path, request.body);
  } catch (error) {
    throw new Error(
      `Dữ liệu mẫu: không gửi được ${request.what} (${request.method} ${request.path}): ${String(error)}`,
      { cause: error },
    );
  }
  const body = typeof answer.body === 'object' && answer.body !== null ? answer.body : {};
  if (request.refusal) {
    const codes = (body.errors ?? []).map((e) => e.code);
    if (
      answer.status !== request.refusal.status ||
      body.status !== 'refused' ||
      !codes.includes(request.refusal.code)
    ) {
      throw new Error(
        `Dữ liệu mẫu: ${request.what} lẽ ra phải bị từ chối (HTTP ${request.refusal.status}, mã ${request.refusal.code}) nhưng nhận được ${describe(answer)}`,
      );
    }
    tally.refused += 1;
    return null;
  }
  if (answer.status !== 200 || (body.status !== 'accepted' && body.status !== 'duplicate')) {
    throw new Error(
      `Dữ liệu mẫu: ${request.what} (${request.method} ${request.path}) không được chấp nhận — ${describe(answer)}`,
    );
  }
  if (body.status === 'accepted') tally.accepted += 1;
  else tally.duplicate += 1;
  return body.id ?? null;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Sends requests that do not depend on each other, several at a time; the ids come back in the order of `requests`. */
export function sendAll(
  send: JourneySend,
  requests: readonly PlannedRequest[],
  tally: Tally,
): Promise<(string | null)[]> {
  return inPool(requests, CONCURRENCY, (r) => sendChecked(send, r, tally));
}

/** Sends one after the other, for requests whose order matters (a refusal before its correction). */
export async function sendInTurn(send: JourneySend, requests: readonly PlannedRequest[], tally: Tally): Promise<void> {
  for (const request of requests) await sendChecked(send, request, tally);
}
