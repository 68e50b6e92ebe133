// The Gmail mailer against local fakes of Google's token endpoint, the IAM Credentials API and the Gmail API that capture
// what each receives: a Workspace mailbox delegated to the runtime account without any key, a consumer account's refresh token.
import { createVerify, createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMessageComposer } from '../../functions/src/adapters/mail/compose';
import { GMAIL_SEND_SCOPE, gmailMailer } from '../../functions/src/adapters/mail/gmail';
import { MailSendError } from '../../functions/src/ports';

function must<T>(value: T | null | undefined): T {
  return value ?? expect.fail('expected a value');
}

interface Captured {
  tokens: Record<string, string>[];
  signs: { authorization: string | undefined; path: string; payload: Record<string, unknown> }[];
  sends: { authorization: string | undefined; path: string; raw: string }[];
  failWith: number | null;
}

const captured: Captured = { tokens: [], signs: [], sends: [], failWith: null };
/** What the IAM Credentials fake signs with: an RSA key of Google's for the runtime account (never seen by the function). */
const GOOGLE_HELD_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 });
let server: Server;
let root: string;

function jwtPayload(assertion: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const signJwt = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):signJwt$/.exec(req.url ?? '');
      if (req.method === 'POST' && signJwt) {
        const payload = JSON.parse((JSON.parse(body) as { payload: string }).payload) as Record<string, unknown>;
        captured.signs.push({ authorization: req.headers.authorization, path: req.url ?? '', payload });
        const unsigned = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'google-held-1' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
        const signature = createSign('RSA-SHA256')
          .update(unsigned)
          .sign(GOOGLE_HELD_KEY.privateKey)
          .toString('base64url');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keyId: 'google-held-1', signedJwt: `${unsigned}.${signature}` }));
        return;
      }
      if (req.url === '/token') {
        captured.tokens.push(Object.fromEntries(new URLSearchParams(body)));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: 'standin-token', expires_in: 3600, token_type: 'Bearer' }));
        return;
      }
      if (req.method === 'POST' && req.url?.startsWith('/gmail/v1/users/me/messages/send')) {
        captured.sends.push({
          authorization: req.headers.authorization,
          path: req.url,
          raw: (JSON.parse(body) as { raw: string }).raw,
        });
        if (captured.failWith !== null) {
          res
            .writeHead(captured.failWith, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: captured.failWith, message: 'Invalid To header' } }));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: '18f0c0ffee', threadId: '18f0c0ffee', labelIds: ['SENT'] }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});
beforeEach(() => {
  captured.tokens.length = 0;
  captured.signs.length = 0;
  captured.sends.length = 0;
  captured.failWith = null;
});

async function message(): Promise<Buffer> {
  return createMessageComposer().compose({
    from: { name: 'Ban Thường vụ Đoàn Khối', address: 'hanhtrinh@doankhoi.example.vn' },
    to: 'an.snv@example.vn',
    messageId: '<notice-1@hanh-trinh.journey>',
    date: new Date('2019-05-02T03:00:00Z'),
    headers: { 'X-Journey-Mail-Id': 'notice-1', 'X-Journey-Kind': 'notice' },
    letter: {
      subject: 'Đã nhận minh chứng RL2 ngày 20/04/2019',
      preheader: '',
      greeting: 'Chào Nguyễn Văn An,',
      blocks: [{ kind: 'paragraph', text: 'Minh chứng đang chờ đánh giá.' }],
      closing: [],
      attachments: [],
    },
  });
}

describe('Gmail mailer', () => {
  it('sends as a Workspace mailbox without any key: the runtime account signs the delegation through IAM Credentials, then trades it for a token', async () => {
    const runtime = 'journey-runtime@hanh-trinh-ncst.iam.gserviceaccount.com';
    const mailer = gmailMailer({
      sender: 'hanhtrinh@doankhoi.example.vn',
      credentials: { kind: 'delegated', signer: runtime },
      accessToken: () => Promise.resolve('runtime-metadata-token'),
      rootUrl: `${root}/`,
      tokenUrl: `${root}/token`,
      iamCredentialsRootUrl: `${root}/`,
    });
    const raw = await message();
    expect(await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' })).toEqual({ providerId: '18f0c0ffee' });

    // IAM Credentials is called as the runtime account, on itself, with the delegation's claims.
    expect(captured.signs).toHaveLength(1);
    const sign = must(captured.signs[0]);
    expect(sign.path).toBe(`/v1/projects/-/serviceAccounts/${runtime}:signJwt`);
    expect(sign.authorization).toBe('Bearer runtime-metadata-token');
    expect(sign.payload).toMatchObject({
      iss: runtime,
      sub: 'hanhtrinh@doankhoi.example.vn',
      scope: GMAIL_SEND_SCOPE,
      aud: 'https://oauth2.googleapis.com/token',
    });
    expect(Number(sign.payload.exp) - Number(sign.payload.iat)).toBe(3600);

    // The token endpoint gets Google's signature over those claims (the JWT-bearer grant), and Gmail the token it answered.
    expect(captured.tokens).toHaveLength(1);
    const grant = must(captured.tokens[0]);
    expect(grant.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [head = '', claims = '', signature = ''] = must(grant.assertion).split('.');
    expect(
      createVerify('RSA-SHA256')
        .update(`${head}.${claims}`)
        .verify(GOOGLE_HELD_KEY.publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    expect(jwtPayload(must(grant.assertion))).toEqual(sign.payload);
    expect(must(captured.sends[0]).authorization).toBe('Bearer standin-token');
    const parsed = await PostalMime.parse(Buffer.from(must(captured.sends[0]).raw, 'base64url'));
    expect(parsed.subject).toBe('Đã nhận minh chứng RL2 ngày 20/04/2019');
    expect(parsed.text).toContain('Chào Nguyễn Văn An,');

    // The token is kept until it nears its end: a second message signs nothing new.
    await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-2' });
    expect(captured.signs).toHaveLength(1);
    expect(captured.sends).toHaveLength(2);
  });

  it('refuses to send when IAM Credentials refuses to sign (no Token Creator role): a failure worth retrying once fixed', async () => {
    const mailer = gmailMailer({
      sender: 'hanhtrinh@doankhoi.example.vn',
      credentials: { kind: 'delegated', signer: 'nobody@hanh-trinh-ncst.iam.gserviceaccount.com' },
      accessToken: () => Promise.resolve('runtime-metadata-token'),
      rootUrl: `${root}/`,
      tokenUrl: `${root}/token`,
      iamCredentialsRootUrl: `${root}/unknown/`,
    });
    const refused = await mailer
      .send({ raw: await message(), to: 'an.snv@example.vn', id: 'notice-1' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailSendError);
    expect((refused as MailSendError).permanent).toBe(false);
    expect(captured.sends).toHaveLength(0);
  });

  it('sends as a consumer account with a refresh token, and turns Gmail’s refusals into coded errors', async () => {
    const mailer = gmailMailer({
      sender: 'doankhoi.hanhtrinh@gmail.com',
      credentials: {
        kind: 'refresh_token',
        clientId: 'client-id',
        clientSecret: 'client-secret',
        refreshToken: 'refresh-1',
      },
      rootUrl: `${root}/`,
      tokenUrl: `${root}/token`,
    });
    const raw = await message();
    await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' });
    expect(captured.tokens[0]).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'client-id',
    });
    expect(Buffer.from(must(captured.sends[0]).raw, 'base64url').equals(raw)).toBe(true);

    captured.failWith = 400;
    const refused = await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailSendError);
    expect((refused as MailSendError).permanent).toBe(true);
    captured.failWith = 503;
    const down = await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(MailSendError);
    expect((down as MailSendError).permanent).toBe(false);
    expect((down as MailSendError).message).toContain('Gmail tạm thời không nhận thư (503)');
  });
});
