// A stand-in for the Journey function over real HTTP: verifies every credential as API.md says — the signature of the
// `forms` and `queues` routes, and (given an issuer) the Google ID token of an administrator on `admin` routes, which the
// signature does not open — and records what it got.
import { createHmac, createVerify, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as signed. */
  path: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  /** Why the signature was refused, or null when it was good (on an `admin` route with an issuer: not checked, null). */
  signatureError: string | null;
  /** On an `admin` route with an issuer: the administrator's e-mail the token proved, else why it was refused. */
  admin?: { email: string } | { error: string };
  /** The Authorization header as received. */
  authorization: string | null;
  status: number;
  /** The JSON answered. */
  answer: unknown;
}

export interface ScriptedAnswer {
  method?: string;
  path?: string;
  status: number;
  body?: unknown;
  /** How many matching requests get this answer (default 1). */
  times?: number;
}

interface State {
  config: unknown;
  sheets: Record<string, unknown>;
  /** Unix seconds the server takes as now; null: the real clock. */
  nowSeconds: number | null;
  scripted: ScriptedAnswer[];
  requests: RecordedRequest[];
  accepted: Map<string, string>;
  /** Keys answered with a final refusal (4xx): the function keeps them with their reasons, so they are known. */
  refused: Set<string>;
}

function freshState(): State {
  return {
    config: null,
    sheets: {},
    nowSeconds: null,
    scripted: [],
    requests: [],
    accepted: new Map(),
    refused: new Set(),
  };
}

/** API.md §Signing, checked the way the function must: header format, clock window, HMAC over `TIMESTAMP.METHOD.PATH.BODY`. */
export function verifySignature(
  secret: string,
  nowSeconds: number,
  method: string,
  path: string,
  body: string,
  timestamp: string | null,
  signature: string | null,
): string | null {
  if (timestamp === null || signature === null) return 'missing headers';
  if (!/^\d+$/.test(timestamp)) return 'timestamp is not Unix seconds';
  const ts = Number(timestamp);
  if (ts < nowSeconds - 300) return 'timestamp too old';
  if (ts > nowSeconds + 60) return 'timestamp ahead';
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${method}.${path}.${body}`, 'utf8').digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b) ? null : 'signature mismatch';
}

/** Who may call `admin` routes and how their tokens are checked: Google's keys (key id → PEM), the audience, the list. */
export interface AdminIdentity {
  certs: Record<string, string>;
  audience: string;
  admins: string[];
}

/** The routes the signature opens (API.md "Roles": `forms` and `queues`); every other one is `admin`. */
const SIGNED_ROUTES: ReadonlyArray<readonly [string, RegExp]> = [
  ['POST', /^\/v1\/(registrations|evidence|evaluations)$/],
  ['POST', /^\/v1\/years\/\d{4}\/inbox\/known$/],
  ['GET', /^\/v1\/years\/\d{4}\/(config|sheets|privacy-notice)$/],
  ['PUT', /^\/v1\/years\/\d{4}\/units\/[^/]+\/nominees$/],
];

export function isAdminRoute(method: string, pathname: string): boolean {
  return !SIGNED_ROUTES.some(([m, pattern]) => m === method && pattern.test(pathname));
}

/** An administrator's Google ID token checked as the function must: RS256 by a known key, issuer, audience, expiry, e-mail verified and listed. */
export function verifyAdminToken(
  identity: AdminIdentity,
  authorization: string | null,
  nowSeconds: number,
): { email: string } | { error: string } {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (token === undefined) return { error: 'no bearer token' };
  const [head, body, signature] = token.split('.');
  if (head === undefined || body === undefined || signature === undefined || signature === '')
    return { error: 'not a signed JWT' };
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
  const pem = identity.certs[header.kid ?? ''];
  if (header.alg !== 'RS256' || pem === undefined) return { error: 'unknown key or algorithm' };
  if (!createVerify('RSA-SHA256').update(`${head}.${body}`).verify(pem, signature, 'base64url'))
    return { error: 'bad token signature' };
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
    iss?: string;
    aud?: string;
    exp?: number;
    email?: string;
    email_verified?: boolean;
  };
  if (claims.iss !== 'https://accounts.google.com' && claims.iss !== 'accounts.google.com')
    return { error: 'wrong issuer' };
  if (claims.aud !== identity.audience) return { error: 'wrong audience' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { error: 'expired' };
  if (claims.email === undefined || claims.email_verified !== true) return { error: 'no verified e-mail' };
  if (!identity.admins.includes(claims.email.toLowerCase())) return { error: 'not an administrator' };
  return { email: claims.email };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // No keep-alive: the test process blocks its event loop during synchronous fetches and would reuse sockets the server closed.
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

export function createJourneyServer(secret: string, identity?: AdminIdentity): Server {
  let state = freshState();
  let counter = 0;

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    switch (`${req.method ?? ''} ${path}`) {
      case 'POST /__test/reset':
        state = freshState();
        send(res, 200, { ok: true });
        return;
      case 'PUT /__test/config':
        state.config = input;
        send(res, 200, { ok: true });
        return;
      case 'POST /__test/clock':
        state.nowSeconds = typeof input.nowSeconds === 'number' ? input.nowSeconds : null;
        send(res, 200, { ok: true });
        return;
      case 'POST /__test/script':
        state.scripted.push(...((input.answers ?? []) as ScriptedAnswer[]));
        send(res, 200, { ok: true });
        return;
      case 'GET /__test/requests':
        send(res, 200, state.requests);
        return;
      default:
        send(res, 404, { error: 'unknown control route' });
    }
  }

  function route(method: string, path: string, body: string): { status: number; body: unknown } {
    const pathname = path.split('?')[0] ?? path;
    const scripted = state.scripted.find(
      (s) => (s.method === undefined || s.method === method) && (s.path === undefined || s.path === pathname),
    );
    if (scripted) {
      scripted.times = (scripted.times ?? 1) - 1;
      if (scripted.times <= 0) state.scripted.splice(state.scripted.indexOf(scripted), 1);
      if (
        scripted.status >= 400 &&
        scripted.status < 500 &&
        ![401, 408, 429].includes(scripted.status) &&
        method === 'POST'
      ) {
        try {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          if (typeof parsed.responseId === 'string') state.refused.add(`${pathname}|${parsed.responseId}`);
        } catch {
          // Not JSON: nothing to remember.
        }
      }
      return { status: scripted.status, body: scripted.body ?? { status: 'refused', id: '', errors: [] } };
    }
    if (/^\/v1\/years\/\d{4}\/inbox\/known$/.test(pathname) && method === 'POST') {
      const input = JSON.parse(body) as { kind?: string; responseIds?: string[] };
      const path = input.kind === 'evidence' ? '/v1/evidence' : '/v1/registrations';
      return {
        status: 200,
        body: {
          known: (input.responseIds ?? []).filter(
            (id) => state.accepted.has(`${path}|${id}`) || state.refused.has(`${path}|${id}`),
          ),
        },
      };
    }
    const year = /^\/v1\/years\/(\d{4})\/(config|sheets|sync)$/.exec(pathname);
    if (year?.[1] && year[2]) {
      const [, y, what] = year;
      if (what === 'config' && method === 'GET') {
        const config = state.config as { year?: number } | null;
        return config?.year === Number(y)
          ? { status: 200, body: config }
          : {
              status: 404,
              body: {
                status: 'refused',
                id: '',
                errors: [{ field: 'year', code: 'unknown_year', message: 'Năm chưa được cấu hình' }],
              },
            };
      }
      if (what === 'sheets' && method === 'GET')
        return state.sheets[y]
          ? { status: 200, body: state.sheets[y] }
          : { status: 404, body: { status: 'refused', id: '', errors: [] } };
      if (what === 'sheets' && method === 'PUT') {
        state.sheets[y] = JSON.parse(body) as unknown;
        return { status: 200, body: { status: 'accepted', id: y, errors: [] } };
      }
      if (what === 'sync' && method === 'POST') return { status: 200, body: { status: 'accepted', id: y, errors: [] } };
    }
    const keys: Record<string, string> = {
      '/v1/registrations': 'responseId',
      '/v1/evidence': 'responseId',
      '/v1/evaluations': 'editId',
    };
    const keyField = keys[pathname];
    if (keyField !== undefined && method === 'POST') {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return {
          status: 400,
          body: {
            status: 'refused',
            id: '',
            errors: [{ field: 'body', code: 'invalid_json', message: 'Nội dung gửi không phải JSON' }],
          },
        };
      }
      const key = parsed[keyField];
      if (typeof key !== 'string' || key === '') {
        return {
          status: 422,
          body: { status: 'refused', id: '', errors: [{ field: keyField, code: 'required', message: 'Thiếu mã' }] },
        };
      }
      const seen = state.accepted.get(`${pathname}|${key}`);
      if (seen !== undefined) return { status: 200, body: { status: 'duplicate', id: seen, errors: [] } };
      counter++;
      const id = `id-${String(counter)}`;
      state.accepted.set(`${pathname}|${key}`, id);
      return { status: 200, body: { status: 'accepted', id, errors: [] } };
    }
    return {
      status: 404,
      body: {
        status: 'refused',
        id: '',
        errors: [{ field: 'path', code: 'not_found', message: 'Không có đường dẫn này' }],
      },
    };
  }

  return createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = req.url ?? '/';
      const method = req.method ?? 'GET';
      if (path.startsWith('/__test/')) {
        control(req, res, path, body);
        return;
      }
      // The sandbox's clock moves during an execution (each service call takes time): a test request says what it is.
      const testClock = header(req, 'X-Test-Clock-Ms');
      const nowSeconds =
        testClock !== null ? Math.floor(Number(testClock) / 1000) : (state.nowSeconds ?? Math.floor(Date.now() / 1000));
      const timestamp = header(req, 'X-Journey-Timestamp');
      const signature = header(req, 'X-Journey-Signature');
      const authorization = header(req, 'Authorization');
      const refused = (status: number, field: string, code: string, message: string) => ({
        status,
        body: { status: 'refused', id: '', errors: [{ field, code, message }] },
      });
      let signatureError: string | null = null;
      let admin: { email: string } | { error: string } | undefined;
      let answer: { status: number; body: unknown };
      if (identity !== undefined && isAdminRoute(method, path.split('?')[0] ?? path)) {
        // Production: the signature opens no admin route; a token of a listed administrator does (401 without a valid one, 403 when not listed).
        admin = verifyAdminToken(identity, authorization, nowSeconds);
        answer =
          'email' in admin
            ? route(method, path, body)
            : admin.error === 'not an administrator'
              ? refused(403, 'authorization', 'forbidden_role', 'Tài khoản này không có quyền quản trị')
              : refused(401, 'authorization', 'bad_token', 'Mã danh tính không hợp lệ');
      } else {
        signatureError = verifySignature(secret, nowSeconds, method, path, body, timestamp, signature);
        answer =
          signatureError === null
            ? route(method, path, body)
            : refused(401, 'signature', 'bad_signature', 'Chữ ký không hợp lệ');
      }
      state.requests.push({
        method,
        path,
        body,
        timestamp,
        signature,
        signatureError,
        ...(admin === undefined ? {} : { admin }),
        authorization,
        status: answer.status,
        answer: answer.body,
      });
      send(res, answer.status, answer.body);
    })();
  });
}
