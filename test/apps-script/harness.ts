// Shared set-up of the Apps Script tests: the stand-in server, a fresh sandbox per test, and helpers to submit and edit like people do.
import { yearConfig, YEAR } from './fixtures/year-config';
import { afterAll, beforeAll } from 'vitest';
import { buildBundle, fireDueTriggers, loadBundle, type Bundle } from './bundle';
import { createFakes, type Fakes } from './fakes';
import type { Answer, FakeForm, FakeFormResponse } from './fakes/forms';
import { identityCerts, SCRIPT_OAUTH_CLIENT_ID } from './fakes/identity';
import { startJourneyServer, type JourneyServer } from './fakes/server-process';
import { FakeUi } from './fakes/spreadsheets';
import { realHttp, type FetchHandler } from './fakes/url-fetch';

export { execution, fireDueTriggers } from './bundle';

export const SECRET = 'test-secret-hanh-trinh-2019';
export const SERVICE_ACCOUNT = 'journey-fn@hanh-trinh.iam.gserviceaccount.com';
/** The account that owns the script and installs its triggers (createFakes' default), listed as an administrator. */
export const INSTALLER = 'bantochuc@doankhoi.example.vn';
/** Another editor of the master spreadsheet: not an administrator, holds no secret. */
export const OTHER_EDITOR = 'uyvien.btv@doankhoi.example.vn';
/** 15/01/2019 08:30 in Ho Chi Minh City: inside the registration window. */
export const START_MS = Date.UTC(2019, 0, 15, 1, 30);
export const MINUTE = 60_000;

export interface Sandbox {
  fakes: Fakes;
  bundle: Bundle;
  /** Moves the sandbox clock and the server's clock together. */
  advance(ms: number): Promise<void>;
  /**
   * Runs the one-off time triggers that are due (continuations), oldest first, as Apps Script fires them; returns the
   * outcome of each. A stopped execution is an outcome, not an error.
   */
  fireDue(): Array<{ handler: string; outcome: 'ok' | 'stopped' }>;
}

export interface SandboxOptions {
  /**
   * Script Properties to set (undefined values are left out); defaults point at `server`. JOURNEY_SECRET goes where the
   * script keeps it, the installing account's User Properties; `legacySecret` puts one in Script Properties as versions
   * before did.
   */
  properties?: Record<string, string | undefined>;
  legacySecret?: string;
  /** A person is at the master spreadsheet (menus, alerts, toasts). */
  ui?: boolean;
  /** The project is bound to a master spreadsheet (default true). */
  bound?: boolean;
  /** Answer fetches in-process instead of over HTTP. */
  fetch?: FetchHandler;
  config?: unknown;
  /** The account the script runs as (default: a consumer account). */
  account?: { kind: 'consumer' } | { kind: 'workspace'; domain: string };
  /** Charge each service call its time, as Apps Script takes it (default true). */
  costs?: boolean;
}

/** Builds the bundle and runs the signature-checking stand-in server for one test file. */
export function useJourneyServer(): { readonly server: JourneyServer } {
  const holder: { server?: JourneyServer } = {};
  beforeAll(async () => {
    buildBundle();
    holder.server = await startJourneyServer(SECRET, {
      certs: identityCerts(),
      audience: SCRIPT_OAUTH_CLIENT_ID,
      admins: [INSTALLER],
    });
  });
  afterAll(async () => {
    await holder.server?.stop();
  });
  return {
    get server(): JourneyServer {
      if (!holder.server) throw new Error('the journey server starts in beforeAll');
      return holder.server;
    },
  };
}

/** A sandbox after `setup()`: forms built, spreadsheets registered, triggers installed. */
export async function readySandbox(server: JourneyServer, options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await newSandbox(server, options);
  s.bundle.setup();
  return s;
}

export async function newSandbox(server: JourneyServer, options: SandboxOptions = {}): Promise<Sandbox> {
  const holder: { fakes?: Fakes } = {};
  const http = realHttp();
  // Each request says the sandbox's time: the server checks signatures against it, as the function checks them against
  // real time while an execution moves on.
  const overHttp: FetchHandler = (request) =>
    http({
      ...request,
      headers: { ...request.headers, 'X-Test-Clock-Ms': String(holder.fakes?.clock.nowMs ?? START_MS) },
    });
  const fakes = createFakes({
    fetch: options.fetch ?? overHttp,
    nowMs: START_MS,
    echo: process.env.GAS_ECHO === '1',
    costs: options.costs ?? true,
    ...(options.account ? { account: options.account } : {}),
  });
  holder.fakes = fakes;
  const properties: Record<string, string | undefined> = {
    JOURNEY_URL: server.url,
    JOURNEY_SECRET: SECRET,
    JOURNEY_YEAR: String(YEAR),
    JOURNEY_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
    ...options.properties,
  };
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    if (key === 'JOURNEY_SECRET') fakes.userProps.of(fakes.owner).setProperty(key, value);
    else fakes.props.setProperty(key, value);
  }
  if (options.legacySecret !== undefined) fakes.props.setProperty('JOURNEY_SECRET', options.legacySecret);
  if (options.bound ?? true) fakes.sheets.active = fakes.sheets.create('Hành trình 2019 — Bảng tổng hợp');
  if (options.ui) fakes.sheets.ui = new FakeUi();
  await server.reset();
  await server.setConfig(options.config ?? yearConfig());
  await server.setNow(START_MS);
  const bundle = loadBundle(fakes.globals, fakes.runtime);
  return {
    fakes,
    bundle,
    advance: async (ms) => {
      fakes.clock.advance(ms);
      await server.setNow(fakes.clock.nowMs);
    },
    fireDue: () => fireDueTriggers(fakes, bundle),
  };
}

/** Answers by the start of an item's title, as a person sees the form. */
export function answersByTitle(
  form: FakeForm,
  answers: ReadonlyArray<readonly [string, Answer]>,
): Array<[number, Answer]> {
  return answers.map(([title, value]) => {
    const item = form.items.find(
      (i) => i.title.startsWith(title) && i.type !== 'PAGE_BREAK' && i.type !== 'SECTION_HEADER',
    );
    if (!item) throw new Error(`no question "${title}…" in "${form.title}"`);
    return [item.id, value];
  });
}

/** The installable form-submit event Apps Script passes to the trigger. */
export function submitEvent(form: FakeForm, response: FakeFormResponse): unknown {
  return { response, source: form, authMode: 'FULL', triggerUid: 'trigger-form' };
}

export function registrationForm(s: Sandbox): FakeForm {
  return s.fakes.forms.formByTitle('Đăng ký Sổ hành trình');
}

export function evidenceForm(s: Sandbox): FakeForm {
  return s.fakes.forms.formByTitle('Báo cáo minh chứng');
}

/** Bodies the stand-in server received on a path, in order (with their signing headers). */
export async function received(
  server: JourneyServer,
  path: string,
): Promise<
  Array<{ body: unknown; timestamp: string | null; status: number; signatureError: string | null; answer: unknown }>
> {
  return (await server.requests())
    .filter((r) => r.path === path)
    .map((r) => ({
      body: r.body === '' ? null : (JSON.parse(r.body) as unknown),
      timestamp: r.timestamp,
      status: r.status,
      signatureError: r.signatureError,
      answer: r.answer,
    }));
}
