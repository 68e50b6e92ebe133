// The CLI's use of the signed client: where the function is, which secret signs, and failures turned into exit codes.
import { createJourneyClient, LOCAL_SECRET, type JourneySend } from '../client/journey-client';
import type { CommandContext } from './command';
import { CliFailure } from './failure';
import { formatFailure } from './format';
import { MAX_PAGE, NEXT_CURSOR_HEADER } from '../src/http/listing';

export const DEFAULT_URL = 'http://localhost:8080';

/** Connects to JOURNEY_URL signed with JOURNEY_SHARED_SECRET (the local stack's defaults when unset). Nothing is sent yet. */
export function connect(env: Record<string, string | undefined>): Pick<CommandContext, 'send' | 'ok' | 'pages'> {
  const url = env.JOURNEY_URL?.trim() || DEFAULT_URL;
  const client = createJourneyClient(url, env.JOURNEY_SHARED_SECRET ?? LOCAL_SECRET, 'cli');
  const send: JourneySend = async <T>(method: string, path: string, body?: unknown) => {
    try {
      return await client<T>(method, path, body);
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const reason =
        typeof cause?.code === 'string'
          ? cause.code
          : typeof cause?.message === 'string'
            ? cause.message
            : String(error);
      throw new CliFailure(
        `Không kết nối được tới máy chủ ${url} (${reason}). Vui lòng kiểm tra máy chủ đã chạy (npm start) và biến JOURNEY_URL.`,
        1,
      );
    }
  };
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await send<T>(method, path, body);
    if (answer.status >= 400) throw new CliFailure(formatFailure(answer), 1);
    return answer.body;
  };
  const pages = async <T>(path: string, itemsOf: (body: unknown) => T[]): Promise<T[]> => {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    let cursor: string | null = null;
    do {
      const query: string = `${separator}limit=${String(MAX_PAGE)}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const answer = await send('GET', path + query);
      if (answer.status >= 400) throw new CliFailure(formatFailure(answer), 1);
      items.push(...itemsOf(answer.body));
      cursor = answer.headers?.get(NEXT_CURSOR_HEADER) ?? null;
    } while (cursor !== null);
    return items;
  };
  return { send, ok, pages };
}
