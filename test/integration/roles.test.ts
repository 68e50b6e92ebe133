// Least privilege (API.md "Roles"): every route against every kind of credential, as production wires the function.
// The shared secret carries forms and queues; a listed administrator's Google ID token carries admin; the invoker's
// carries the internal callbacks. Every refusal is 401 or 403 (never 5xx) and leaves Firestore as it was.
import { captureLog } from '../log-check/capture';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FirestoreState } from '@firestore-emulator/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import {
  GCLOUD_CLIENT_ID,
  GOOGLE_ISSUER,
  googleAdminCheck,
} from '../../functions/src/adapters/identity/google-id-token';
import { googleOidcInvoker } from '../../functions/src/adapters/identity/google-oidc';
import { createSheetsClient } from '../../functions/src/adapters/sheets';
import { buildJourney, type ComposeParts } from '../../functions/dev/stack';
import { rolesOf } from '../../functions/src/http/access';
import { ROUTES as TABLE } from '../../functions/src/http/routes';
import { signedHeaders } from '../../functions/src/http/signature';
import type { Role } from '../../functions/src/model';
import type { Store } from '../../functions/src/ports';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';
import { NO_WRITE_QUOTA, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { testIdentityIssuer } from '../fakes/google-identity';
import { memberIdFor } from '../../functions/src/app/ids';
import { CONFIG, YEAR, evaluation, evidence, nextId, registration } from './fixtures';

const SECRET = 'the-secret-apps-script-holds-now';
const OLD_SECRET = 'the-secret-a-rotation-retired';
const FUNCTION_URL = 'https://journey-abc.a.run.app';
const APPS_SCRIPT_CLIENT = '1234-abcdef.apps.googleusercontent.com';
const ADMIN = 'btv.doankhoi@example.vn';
const INVOKER = 'journey-invoker@hanh-trinh.iam.gserviceaccount.com';
const HOUR = 3600 * 1000;

/** Google's token service with a key of the test's own, its key set served as Google serves it. */
const google = testIdentityIssuer();

interface Running {
  firestore: EmbeddedFirestore;
  state: FirestoreState;
  sheets: RunningSheetsStandIn;
  jwks: Server;
  store: Store;
  /** The function's address after the rotation ended, and while it was under way. */
  url: { after: string; during: string };
  /** Waits until both functions' sheet writes (in this process) are done, so nothing changes Firestore behind a test. */
  idle(): Promise<void>;
  servers: Server[];
}
let running: Running;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

beforeAll(async () => {
  let captured: FirestoreState | undefined;
  const firestore = await startEmbeddedFirestore({ prepare: ({ state }) => Promise.resolve(void (captured = state)) });
  const sheets = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
  const jwks = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' })
      .end(JSON.stringify(google.jwks));
  });
  const jwksUrl = `${await listen(jwks)}/oauth2/v3/certs`;
  const store = createFirestoreStore(firestore.db);
  // As functions/src/index.ts wires production, the issuer's keys fetched from its JWKS address.
  const production = (previousSecret: string | undefined): ComposeParts['access'] => ({
    secretRoles: ['forms', 'queues'],
    previousSecret,
    admins: googleAdminCheck({
      issuer: { names: [...GOOGLE_ISSUER.names], jwksUrl },
      audiences: [FUNCTION_URL, GCLOUD_CLIENT_ID, APPS_SCRIPT_CLIENT],
      admins: [ADMIN],
      log: captureLog,
    }),
  });
  const servers: Server[] = [];
  const idle: (() => Promise<void>)[] = [];
  const start = async (previousSecret: string | undefined): Promise<string> => {
    const { server, views } = buildJourney({
      firestore,
      secret: SECRET,
      publicUrl: 'https://journey.example.vn',
      log: captureLog,
      compose: {
        sheets: createSheetsClient({ rootUrl: sheets.url, retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 } }),
        access: production(previousSecret),
        invoker: googleOidcInvoker({
          audience: FUNCTION_URL,
          serviceAccount: INVOKER,
          certs: () => Promise.resolve(google.certs),
        }),
        autoCreateSheets: true,
        sheetsIntervalMs: 20,
        sheetsPace: { writesPerMinute: 60_000, maxRequestBytes: 2_000_000 },
        sheetsBackoffMs: 10,
        mail: {
          mailer: null,
          sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
          dailyBudget: 1600,
          scheduler: () => ({ request: () => Promise.resolve(), idle: () => Promise.resolve() }),
        },
      },
    });
    idle.push(() => views.idle());
    servers.push(server);
    return listen(server);
  };
  const url = {
    during: await start(OLD_SECRET),
    after: await start(undefined),
  };
  running = {
    firestore,
    state: captured ?? expect.fail('the embedded Firestore gave no state'),
    sheets,
    jwks,
    store,
    url,
    servers,
    idle: async () => {
      for (const wait of idle) await wait();
    },
  };
  // The year exists and a member registered, so the routes answer on their merits.
  expect((await send(running.url.after, admin, 'PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
  expect((await send(running.url.after, forms, 'POST', '/v1/registrations', registration())).status).toBe(200);
  const erased = registration({ email: 'xoa.snv@example.vn', fullName: 'Hà Văn Xoá' });
  expect((await send(running.url.after, forms, 'POST', '/v1/registrations', erased)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const server of [...running.servers, running.jwks])
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  await running.sheets.close();
  await running.firestore.stop();
});

type Credential = (method: string, path: string, raw: string) => Record<string, string>;
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const signedWith =
  (secret: string): Credential =>
  (method, path, raw) =>
    signedHeaders(secret, method, path, raw, new Date());
const token =
  (claims: Record<string, unknown>, options?: Parameters<typeof google.mint>[1]): Credential =>
  () =>
    bearer(google.mint(claims, options));

const CREDENTIALS = {
  'no credential': () => ({}),
  'the forms and queues secret': signedWith(SECRET),
  'an administrator (gcloud, audience its client)': token({ aud: GCLOUD_CLIENT_ID, email: ADMIN }),
  'an administrator (the function’s URL)': token({ aud: FUNCTION_URL, email: ADMIN }),
  'an administrator (a menu action, audience the script’s client)': token({
    aud: APPS_SCRIPT_CLIENT,
    email: 'BTV.DoanKhoi@example.vn',
  }),
  'the invoker (Cloud Tasks, Cloud Scheduler)': token({ aud: FUNCTION_URL, email: INVOKER }),
  'a token for another audience': token({ aud: 'https://other-function.a.run.app', email: ADMIN }),
  'an expired token': token({ aud: FUNCTION_URL, email: ADMIN }, { now: new Date(Date.now() - 2 * HOUR) }),
  'a token of an unlisted e-mail': token({ aud: FUNCTION_URL, email: 'someone@example.vn' }),
  'a token whose e-mail is not verified': token({ aud: FUNCTION_URL, email: ADMIN, email_verified: false }),
  'an unsigned token (alg none)': token({ aud: FUNCTION_URL, email: ADMIN }, { header: { alg: 'none' } }),
  'a token signed by a key the issuer does not list': token(
    { aud: FUNCTION_URL, email: ADMIN },
    { key: google.strangerKey },
  ),
  'the previous secret after the rotation ended': signedWith(OLD_SECRET),
} satisfies Record<string, Credential>;
type CredentialName = keyof typeof CREDENTIALS;

/** The roles each credential carries in production; every other credential is not one (401) or not listed (403). */
const HOLDS: Partial<Record<CredentialName, Role>> = {
  'the forms and queues secret': 'forms',
  'an administrator (gcloud, audience its client)': 'admin',
  'an administrator (the function’s URL)': 'admin',
  'an administrator (a menu action, audience the script’s client)': 'admin',
  'the invoker (Cloud Tasks, Cloud Scheduler)': 'internal',
};
const NOT_LISTED: readonly CredentialName[] = ['a token of an unlisted e-mail'];

function opens(credential: CredentialName, roles: readonly Role[]): boolean {
  const held = HOLDS[credential];
  if (held === 'forms') return roles.includes('forms') || roles.includes('queues');
  return held !== undefined && roles.includes(held);
}

/** The base union's nominees: everyone the tests register (a list, once given, admits no one else). */
const NOMINEES = [
  { fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn' },
  { fullName: 'Trần Thị Bình', email: 'binh.snv@example.vn' },
  { fullName: 'Lê Văn Cường', email: 'cuong.snv@example.vn' },
  { fullName: 'Phạm Thị Dung', email: 'dung.snv@example.vn' },
  { fullName: 'Đỗ Văn Đọc', email: 'doc.snv@example.vn' },
];

/** Every route of API.md the function serves, with a body it would take (or refuse on its merits). */
const ROUTES: { method: string; path: string; body?: () => unknown }[] = [
  { method: 'POST', path: '/v1/registrations', body: () => registration() },
  { method: 'POST', path: '/v1/evidence', body: () => evidence() },
  {
    method: 'POST',
    path: `/v1/years/${String(YEAR)}/inbox/known`,
    body: () => ({ kind: 'registration', responseIds: ['r-1'] }),
  },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/config` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/privacy-notice` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/sheets` },
  { method: 'POST', path: '/v1/evaluations', body: () => evaluation('ev-unknown') },
  {
    method: 'PUT',
    path: `/v1/years/${String(YEAR)}/units/SNV/nominees`,
    body: () => ({ editId: nextId('nom'), editedAt: '2019-02-01T08:00:00+07:00', nominees: NOMINEES }),
  },
  { method: 'PUT', path: `/v1/years/${String(YEAR)}/config`, body: () => CONFIG },
  {
    method: 'PUT',
    path: `/v1/years/${String(YEAR)}/sheets`,
    body: () => ({ master: { spreadsheetId: 'not-a-sheet' } }),
  },
  {
    method: 'POST',
    path: `/v1/years/${String(YEAR + 1)}/rollover`,
    body: () => ({ editId: nextId('roll'), fromYear: YEAR }),
  },
  { method: 'POST', path: `/v1/years/${String(YEAR)}/sync` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/sync` },
  { method: 'POST', path: `/v1/years/${String(YEAR)}/reports/digest`, body: () => ({ dryRun: true }) },
  {
    method: 'POST',
    path: '/v1/party-status',
    body: () => ({ editId: nextId('party'), email: 'an.snv@example.vn', year: YEAR, introducedAt: '2019-09-01' }),
  },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/results` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/inbox?status=refused` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/mail` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/members/an.snv@example.vn` },
  { method: 'GET', path: `/v1/years/${String(YEAR)}/members/an.snv@example.vn/book-link` },
  { method: 'POST', path: `/v1/years/${String(YEAR)}/members/an.snv@example.vn/book-link/revoke` },
  { method: 'GET', path: '/v1/members/an.snv@example.vn' },
  {
    method: 'POST',
    path: `/v1/years/${String(YEAR)}/data-requests/correction-00000000000000000000/answer`,
    body: () => ({ editId: nextId('answer'), answer: 'Đã xử lý.', status: 'done' }),
  },
  { method: 'GET', path: '/v1/members/an.snv@example.vn/access-log' },
  { method: 'POST', path: '/v1/internal/flush', body: () => ({}) },
  { method: 'POST', path: '/v1/internal/resume', body: () => ({}) },
  { method: 'POST', path: '/v1/internal/mail/drain', body: () => ({}) },
  { method: 'POST', path: '/v1/internal/reports/digest', body: () => ({}) },
  {
    method: 'POST',
    path: '/v1/members/xoa.snv@example.vn/erase',
    body: () => ({ editId: nextId('erase'), reason: 'Kiểm tra quyền' }),
  },
  // Last: the 2018–2022 phase is past its retention today, so the job erases the year's members.
  { method: 'POST', path: '/v1/internal/retention', body: () => ({}) },
];

/** The route of the table (functions/src/http/routes.ts) a call lands on: its `access` says who may call it. */
function tableRouteOf(call: { method: string; path: string }): (typeof TABLE)[number] | undefined {
  const path = call.path.split('?')[0] ?? '';
  return TABLE.find((route) => {
    const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
    return route.method === call.method && new RegExp(`^${pattern}$`).test(path);
  });
}

interface Reply {
  status: number;
  codes: string[];
  messages: string[];
  body: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Reply> {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(raw === '' ? {} : { body: raw }),
  });
  const text = await response.text();
  let errors: { code?: string; message?: string }[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    errors = (parsed as { errors?: { code?: string; message?: string }[] }).errors ?? [];
  } catch {
    // An answer that is not JSON has no codes to read.
  }
  return {
    status: response.status,
    codes: errors.map((e) => e.code ?? ''),
    messages: errors.map((e) => e.message ?? ''),
    body: parsed,
  };
}

function send(base: string, credential: Credential, method: string, path: string, body?: unknown): Promise<Reply> {
  const raw = body === undefined ? '' : JSON.stringify(body);
  return call(base, method, path, body, credential(method, path, raw));
}

const snapshot = (): string => JSON.stringify(running.state.toJSON());
const admin = CREDENTIALS['an administrator (the function’s URL)'];
const forms = CREDENTIALS['the forms and queues secret'];

describe('every route against every credential, as production wires the function', () => {
  it('calls every route of the route table but the public ones', () => {
    // The matrix covers the route table: a route added to it without a call here fails this test.
    for (const route of TABLE) {
      if (rolesOf(route.access).length === 0) continue;
      expect(
        tableRouteOf(ROUTES.find((call) => tableRouteOf(call) === route) ?? { method: '', path: '' }),
        `${route.method} ${route.path}`,
      ).toBe(route);
    }
  });

  for (const route of ROUTES) {
    const roles = rolesOf(tableRouteOf(route)?.access ?? 'admin');
    it(`${route.method} ${route.path} (${roles.join(' or ')})`, async () => {
      const names = Object.keys(CREDENTIALS) as CredentialName[];
      await running.idle();
      // Refusals first, each against the state before it; then the credentials that open the route.
      for (const name of [...names.filter((n) => !opens(n, roles)), ...names.filter((n) => opens(n, roles))]) {
        const before = snapshot();
        const reply = await send(running.url.after, CREDENTIALS[name], route.method, route.path, route.body?.());
        const what = `${name}: ${String(reply.status)} ${reply.codes.join(',')}`;
        expect(reply.status, what).toBeLessThan(500);
        if (opens(name, roles)) {
          expect(reply.codes, what).not.toContain('forbidden_role');
          expect(reply.status, what).not.toBe(401);
          continue;
        }
        if (HOLDS[name] !== undefined || NOT_LISTED.includes(name)) {
          expect([reply.status, reply.codes], what).toEqual([403, ['forbidden_role']]);
          expect(reply.messages[0], what).toMatch(/quản trị|biểu mẫu|bảng xét duyệt|tác vụ tự động/);
        } else {
          expect(reply.status, what).toBe(401);
        }
        expect(snapshot(), `${what} changed Firestore`).toBe(before);
      }
    });
  }
});

describe('the caller in the audit', () => {
  it('names the administrator’s e-mail for a change they made and the triggers for a form’s submission', async () => {
    const plan = { ...CONFIG, year: YEAR + 2, editId: nextId('plan') };
    const put = await send(
      running.url.after,
      CREDENTIALS['an administrator (gcloud, audience its client)'],
      'PUT',
      `/v1/years/${String(YEAR + 2)}/config`,
      plan,
    );
    expect(put.status, JSON.stringify(put)).toBe(200);
    const form = registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' });
    const registered = await send(running.url.after, forms, 'POST', '/v1/registrations', form);
    expect(registered.status, JSON.stringify(registered)).toBe(200);
    const audit = await running.store.listAudit(500);
    const planEntry = audit.find(
      (entry) => entry.action.startsWith('config') && JSON.stringify(entry.detail).includes(plan.editId),
    );
    expect(planEntry, JSON.stringify(audit.map((e) => e.action))).toMatchObject({ role: 'admin', by: ADMIN });
    const formEntry = audit.find(
      (entry) =>
        entry.action.startsWith('registration') && JSON.stringify(entry.detail).includes(String(form.responseId)),
    );
    expect(formEntry).toMatchObject({ role: 'forms', by: 'Apps Script triggers' });
  });
});

describe('the caller in the audit, for what is not a submission', () => {
  it('names the administrator for registering spreadsheets, starting a sync and queueing a report', async () => {
    const administrator = CREDENTIALS['an administrator (the function’s URL)'];
    const year = String(YEAR);
    const before = new Set((await running.store.listAudit(500)).map((entry) => JSON.stringify(entry)));
    await running.idle();
    const listed = await send(running.url.after, administrator, 'GET', `/v1/years/${year}/sheets`);
    const sheets = listed.body as { master: { spreadsheetId: string }; queues: Record<string, unknown> };
    const calls = [
      await send(running.url.after, administrator, 'PUT', `/v1/years/${year}/sheets`, sheets),
      await send(running.url.after, administrator, 'POST', `/v1/years/${year}/sync`),
      await send(running.url.after, administrator, 'POST', `/v1/years/${year}/reports/digest`, { period: '2019-W05' }),
      await send(running.url.after, administrator, 'POST', `/v1/years/${year}/reports/digest`, { dryRun: true }),
    ];
    expect(
      calls.map((c) => c.status),
      JSON.stringify(calls),
    ).toEqual([200, 200, 200, 200]);
    await running.idle();
    const added = (await running.store.listAudit(500)).filter((entry) => !before.has(JSON.stringify(entry)));
    const byAction = (action: string) => added.filter((entry) => entry.action === action);
    expect(byAction('sheets.register')).toEqual([
      expect.objectContaining({
        role: 'admin',
        by: ADMIN,
        target: year,
        detail: { master: sheets.master.spreadsheetId, queues: Object.keys(sheets.queues) },
      }),
    ]);
    const syncs = byAction('sheets.sync');
    expect(syncs.map((entry) => [entry.role, entry.by, entry.target])).toEqual([['admin', ADMIN, year]]);
    expect(syncs[0]?.detail.spreadsheets).toBe(1 + Object.keys(sheets.queues).length);
    // The dry run queued nothing, so it changed nothing and is not in the audit.
    const reports = byAction('report.queue');
    expect(reports.map((entry) => [entry.target, entry.role, entry.by])).toEqual(
      expect.arrayContaining([['digest:2019-W05', 'admin', ADMIN]]),
    );
    expect(reports.filter((entry) => entry.target.startsWith('digest:'))).toHaveLength(1);
    expect(reports.find((entry) => entry.target === 'digest:2019-W05')?.detail).toMatchObject({ queued: 1 });
  });
});

describe('the reader in the access log', () => {
  it('names the administrator by the e-mail of their verified token, never by what they claim to be', async () => {
    const gcloud = CREDENTIALS['an administrator (gcloud, audience its client)'];
    // A member of their own: the matrix's retention job has erased the year's earlier members.
    const reader = registration({ email: 'doc.snv@example.vn', fullName: 'Đỗ Văn Đọc' });
    expect((await send(running.url.after, forms, 'POST', '/v1/registrations', reader)).status).toBe(200);
    const path = '/v1/members/doc.snv@example.vn';
    const read = await call(running.url.after, 'GET', path, undefined, {
      ...gcloud('GET', path, ''),
      'x-journey-caller': 'cli',
    });
    expect(read.status).toBe(200);
    const entries = await running.store.accessLogOf(memberIdFor('doc.snv@example.vn'));
    expect(entries).toEqual([expect.objectContaining({ by: `${ADMIN} via cli`, what: 'phase' })]);
    // A refused credential reads nothing, so nothing is recorded for it.
    expect(entries.every((entry) => entry.by.startsWith(ADMIN))).toBe(true);
  });
});

describe('rotating the secret', () => {
  it('lands submissions signed with either secret while the rotation is under way; after it, the old secret gets 401', async () => {
    const during = running.url.during;
    const withOld = await send(
      during,
      signedWith(OLD_SECRET),
      'POST',
      '/v1/registrations',
      registration({ email: 'cuong.snv@example.vn', fullName: 'Lê Văn Cường' }),
    );
    const withNew = await send(
      during,
      signedWith(SECRET),
      'POST',
      '/v1/registrations',
      registration({ email: 'dung.snv@example.vn', fullName: 'Phạm Thị Dung' }),
    );
    expect([withOld.status, withNew.status], JSON.stringify([withOld, withNew])).toEqual([200, 200]);
    // The old secret carries no more than the new one: administration stays closed to both.
    expect(
      (await send(during, signedWith(OLD_SECRET), 'PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).codes,
    ).toEqual(['forbidden_role']);

    const before = snapshot();
    const late = await send(
      running.url.after,
      signedWith(OLD_SECRET),
      'POST',
      '/v1/evidence',
      evidence({ email: 'cuong.snv@example.vn' }),
    );
    expect(late.status).toBe(401);
    expect(snapshot()).toBe(before);
    expect(
      (
        await send(
          running.url.after,
          signedWith(SECRET),
          'POST',
          '/v1/evidence',
          evidence({ email: 'dung.snv@example.vn' }),
        )
      ).status,
    ).toBe(200);
  });
});
