// The CLI's use of the client: where the function is, which secret signs, whose Google identity goes with each request,
// and failures turned into exit codes.
import { createJourneyClient, LOCAL_SECRET, type JourneySend } from '../client/journey-client';
import type { CommandContext } from './command';
import { CliFailure } from './failure';
import { formatFailure } from './format';
import { execProgram, identityTokenSource, isLocalUrl, type Exec } from './identity';
import { MAX_PAGE, NEXT_CURSOR_HEADER } from '../src/http/listing';

export const DEFAULT_URL = 'http://localhost:8080';

/**
 * Connects to JOURNEY_URL (the local stack when unset). Requests are signed with JOURNEY_SHARED_SECRET — by default the
 * local secret, which carries every role, on the local stack; elsewhere only when it is set — and carry the
 * administrator's Google ID token (JOURNEY_ID_TOKEN, or gcloud's for a deployed function) that `admin` routes take.
 * Nothing is sent yet.
 */
export function connect(
  env: Record<string, string | undefined>,
  exec: Exec = execProgram,
): Pick<CommandContext, 'send' | 'ok' | 'pages'> {
  const url = env.JOURNEY_URL?.trim() || DEFAULT_URL;
  const secret = env.JOURNEY_SHARED_SECRET ?? (isLocalUrl(url) ? LOCAL_SECRET : null);
  const client = createJourneyClient(url, secret, 'cli', { bearer: identityTokenSource(url, env, exec) });
  const send: JourneySend = async <T>(method: string, path: string, body?: unknown) => {
    try {
      return await client<T>(method, path, body);
    } catch (error) {
      if (error instanceof CliFailure) throw error;
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
