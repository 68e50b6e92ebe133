// Least privilege in Apps Script (issue 24, items 2 and 3): the signing secret lives in the installing account's User
// Properties — another editor's execution finds nothing, the installer's triggers sign — a secret an older version left
// in Script Properties moves there and is deleted, and the menu's admin actions carry the person's Google ID token.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakes } from './fakes';
import { EMAIL_SCOPE, manifestScopes, OPENID_SCOPE, SCRIPT_OAUTH_CLIENT_ID } from './fakes/identity';
import { STORE_LIMIT_BYTES, VALUE_LIMIT_BYTES } from './fakes/properties';
import { FakeUi } from './fakes/spreadsheets';
import { PEOPLE, YEAR } from './fixtures/year-config';
import {
  answersByTitle,
  INSTALLER,
  MINUTE,
  newSandbox,
  OTHER_EDITOR,
  readySandbox,
  registrationForm,
  SECRET,
  submitEvent,
  useJourneyServer,
  type Sandbox,
} from './harness';

const journey = useJourneyServer();
const SYNC = `/v1/years/${String(YEAR)}/sync`;

function submitRegistration(s: Sandbox, name: string): void {
  const form = registrationForm(s);
  s.bundle.onRegistrationSubmit(
    submitEvent(
      form,
      form.submit(PEOPLE.an, answersByTitle(form, [['Họ và tên', name]]), new Date(s.fakes.clock.nowMs)),
    ),
  );
}

const ui = (s: Sandbox): FakeUi => s.fakes.sheets.ui as FakeUi;
const claims = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('User Properties in the fakes, as Apps Script keeps them', () => {
  it('one store per account, each with the limits of Script Properties, and calls counted on the daily quota of the account running', () => {
    const fakes = createFakes();
    fakes.userProps.of(INSTALLER).setProperty('JOURNEY_SECRET', SECRET);
    expect(fakes.userProps.of(OTHER_EDITOR).getProperty('JOURNEY_SECRET')).toBeNull();
    expect(fakes.userProps.of(INSTALLER.toUpperCase()).getProperty('JOURNEY_SECRET')).toBe(SECRET);
    expect(() => fakes.userProps.of(OTHER_EDITOR).setProperty('big', 'x'.repeat(VALUE_LIMIT_BYTES + 1))).toThrow(
      /Argument too large/,
    );
    expect(() =>
      fakes.userProps
        .of(OTHER_EDITOR)
        .setProperties(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${String(i)}`, 'x'.repeat(9000)]))),
    ).toThrow(/storage quota/);
    expect(STORE_LIMIT_BYTES).toBe(500 * 1024);

    const service = fakes.globals.PropertiesService as {
      getUserProperties(): { getProperty(key: string): string | null };
    };
    fakes.runtime.execute('x', () => service.getUserProperties().getProperty('JOURNEY_SECRET'));
    fakes.runtime.as(OTHER_EDITOR, () =>
      fakes.runtime.execute(
        'y',
        () => service.getUserProperties().getProperty('a') ?? service.getUserProperties().getProperty('b'),
      ),
    );
    const day = new Date(fakes.clock.nowMs).toISOString().slice(0, 10);
    expect(fakes.runtime.dailyOf(INSTALLER).get(day)?.properties).toBe(1);
    expect(fakes.runtime.dailyOf(OTHER_EDITOR).get(day)?.properties).toBe(2);
  });
});

describe("the signing secret lives only in the installing account's User Properties", () => {
  it("after setup, Script Properties hold no secret; another editor's execution finds none and signs nothing; the installer's triggers sign", async () => {
    const s = await readySandbox(journey.server, { ui: true });
    expect(s.fakes.props.data.has('JOURNEY_SECRET')).toBe(false);
    expect(s.fakes.userProps.users()).toEqual([INSTALLER]);
    expect(s.fakes.scripts.ownedBy(INSTALLER).length).toBeGreaterThan(0);

    // Another editor of the master spreadsheet: the store of their account is empty, the installer's is not theirs to read.
    const seen = s.fakes.runtime.as(OTHER_EDITOR, () => {
      const service = s.fakes.globals.PropertiesService as {
        getUserProperties(): { getProperty(key: string): string | null; getKeys(): string[] };
      };
      return {
        secret: service.getUserProperties().getProperty('JOURNEY_SECRET'),
        keys: service.getUserProperties().getKeys(),
      };
    });
    expect(seen).toEqual({ secret: null, keys: [] });

    // The installer's form-submit trigger signs with the secret from their User Properties.
    submitRegistration(s, 'Lê Văn Cường');
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      path: '/v1/registrations',
      status: 200,
      signatureError: null,
    });

    // A submission the function could not take waits in the retry queue. Another editor's menu clicks that would sign
    // it (send now, reconcile): stopped, saying what to do; nothing sent, nothing stored for them.
    await journey.server.script({ path: '/v1/registrations', status: 503 });
    submitRegistration(s, 'Trần Thị Bích Ngọc');
    await s.advance(6 * MINUTE);
    const before = (await journey.server.requests()).length;
    for (const click of [() => s.bundle.sendPendingNow(), () => s.bundle.reconcileResponses()]) {
      s.fakes.runtime.as(OTHER_EDITOR, click);
      expect(ui(s).alerts.at(-1)?.message).toContain(`Tài khoản ${OTHER_EDITOR} chưa có khóa bí mật`);
      expect(ui(s).alerts.at(-1)?.message).toContain('Nhập khóa bí mật');
    }
    expect((await journey.server.requests()).slice(before)).toEqual([]);
    expect(s.fakes.userProps.of(OTHER_EDITOR).data.size).toBe(0);

    // The installer's drain trigger sends it, signed.
    s.fakes.runtime.as(INSTALLER, () => s.bundle.drainRetryQueue());
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      path: '/v1/registrations',
      status: 200,
      signatureError: null,
    });
  });

  it('a secret an older version left in Script Properties moves to the installer at their next trigger, not to another editor, and is deleted there', async () => {
    const s = await readySandbox(journey.server, { ui: true });
    // The state an upgrade starts from: triggers installed by the installer, the secret in Script Properties.
    s.fakes.userProps.of(INSTALLER).deleteProperty('JOURNEY_SECRET');
    s.fakes.props.setProperty('JOURNEY_SECRET', SECRET);

    s.fakes.runtime.as(OTHER_EDITOR, () => s.bundle.resyncSheets());
    expect(s.fakes.userProps.of(OTHER_EDITOR).data.size).toBe(0);
    expect(s.fakes.props.data.get('JOURNEY_SECRET')).toBe(SECRET);

    s.fakes.runtime.as(INSTALLER, () => s.bundle.drainRetryQueue());
    expect(s.fakes.props.data.has('JOURNEY_SECRET')).toBe(false);
    expect(s.fakes.userProps.of(INSTALLER).data.get('JOURNEY_SECRET')).toBe(SECRET);
    expect(s.fakes.userProps.users()).toEqual([INSTALLER]);

    submitRegistration(s, 'Lê Văn Cường');
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      path: '/v1/registrations',
      status: 200,
      signatureError: null,
    });
  });

  it('setup by the installing account takes over a secret left in Script Properties before installing anything', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_SECRET: undefined }, legacySecret: SECRET });
    s.bundle.setup();
    expect(s.fakes.props.data.has('JOURNEY_SECRET')).toBe(false);
    expect(s.fakes.userProps.of(INSTALLER).data.get('JOURNEY_SECRET')).toBe(SECRET);
    const requests = await journey.server.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.status === 401 || r.status === 403)).toEqual([]);
  });

  it('setup asks the installing account for the secret, keeps it only once the function accepts it', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_SECRET: undefined }, ui: true });
    ui(s).replies.push('not-the-secret');
    s.bundle.setup();
    expect(ui(s).alerts.at(-1)?.message).toContain('không nhận khóa này');
    expect(s.fakes.userProps.users()).toEqual([]);
    expect(s.fakes.forms.forms).toHaveLength(0);

    ui(s).replies.push(`  ${SECRET}  `);
    s.bundle.setup();
    expect(s.fakes.userProps.of(INSTALLER).data.get('JOURNEY_SECRET')).toBe(SECRET);
    expect(ui(s).alerts.at(-1)?.message).toContain(`Đã thiết lập xong năm ${String(YEAR)}.`);
    expect(s.fakes.props.data.has('JOURNEY_SECRET')).toBe(false);
  });

  it('the menu "Nhập khóa bí mật" replaces the secret after a rotation; the retry queue then goes out with it', async () => {
    const s = await readySandbox(journey.server, { ui: true });
    // The installer still holds a secret the function no longer takes (a rotation ended).
    s.fakes.userProps.of(INSTALLER).setProperty('JOURNEY_SECRET', 'the-previous-secret');
    submitRegistration(s, 'Lê Văn Cường');
    expect((await journey.server.requests()).at(-1)).toMatchObject({ status: 401 });

    ui(s).replies.push(SECRET);
    s.bundle.enterSigningSecret();
    expect(ui(s).alerts.at(-1)?.message).toContain('Đã lưu khóa bí mật');
    expect(s.fakes.userProps.of(INSTALLER).data.get('JOURNEY_SECRET')).toBe(SECRET);
    await s.advance(6 * MINUTE);
    s.bundle.drainRetryQueue();
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      path: '/v1/registrations',
      status: 200,
      signatureError: null,
    });
  });
});

describe("admin menu actions carry the person's Google identity (ScriptApp.getIdentityToken)", () => {
  it('the manifest asks for openid and the e-mail scope', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../apps-script/appsscript.json', import.meta.url), 'utf8'),
    ) as { oauthScopes: string[] };
    expect(manifest.oauthScopes).toEqual(expect.arrayContaining([OPENID_SCOPE, EMAIL_SCOPE]));
    expect(manifestScopes()).toEqual(manifest.oauthScopes);
  });

  it('re-sync by an administrator sends Bearer + the token Google gave (no secret needed); by another editor, 403 explained', async () => {
    const s = await readySandbox(journey.server, { ui: true });
    s.bundle.resyncSheets();
    const sync = (await journey.server.requests()).filter((r) => r.path === SYNC).at(-1);
    const given = s.fakes.scripts.identityTokens.at(-1);
    expect(given?.user).toBe(INSTALLER);
    expect(sync?.authorization).toBe(`Bearer ${given?.token ?? ''}`);
    expect(sync).toMatchObject({ status: 200, admin: { email: INSTALLER } });
    expect(claims(given?.token ?? '')).toMatchObject({
      aud: SCRIPT_OAUTH_CLIENT_ID,
      email: INSTALLER,
      email_verified: true,
      iss: 'https://accounts.google.com',
    });

    s.fakes.runtime.as(OTHER_EDITOR, () => s.bundle.resyncSheets());
    const refused = (await journey.server.requests()).filter((r) => r.path === SYNC).at(-1);
    expect(refused).toMatchObject({ status: 403, admin: { error: 'not an administrator' }, signature: null });
    expect(ui(s).alerts.at(-1)?.message).toContain(`Tài khoản ${OTHER_EDITOR} không có quyền quản trị`);
  });

  it("setup registers the spreadsheets and asks for the sync with the installer's identity; signed routes stay signed", async () => {
    const s = await readySandbox(journey.server);
    const requests = await journey.server.requests();
    const admin = requests.filter((r) => r.admin !== undefined);
    expect(admin.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([`PUT /v1/years/${String(YEAR)}/sheets`]),
    );
    expect(admin.every((r) => r.status === 200 && 'email' in (r.admin ?? {}))).toBe(true);
    const signed = requests.filter((r) => r.admin === undefined);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.every((r) => r.signatureError === null && r.authorization === null)).toBe(true);
    expect(s.fakes.scripts.identityTokens.every((t) => t.user === INSTALLER)).toBe(true);
  });

  it('without the openid scope Google gives no token: the menu says what to do and sends nothing', async () => {
    const s = await readySandbox(journey.server, { ui: true });
    s.fakes.scripts.scopes = manifestScopes().filter((scope) => scope !== OPENID_SCOPE);
    const before = (await journey.server.requests()).length;
    s.bundle.resyncSheets();
    expect(ui(s).alerts.at(-1)?.message).toContain('Không lấy được mã danh tính Google');
    expect((await journey.server.requests()).slice(before).filter((r) => r.path === SYNC)).toEqual([]);
  });
});
