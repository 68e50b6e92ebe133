// The Gmail mailer against a local stand-in of Google's token endpoint and Gmail API that captures the raw message.
import { generateKeyPairSync } from 'node:crypto';
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
  sends: { authorization: string | undefined; path: string; raw: string }[];
  failWith: number | null;
}

const captured: Captured = { tokens: [], sends: [], failWith: null };
let server: Server;
let root: string;

function jwtPayload(assertion: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/token') {
        captured.tokens.push(Object.fromEntries(new URLSearchParams(body)));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'standin-token', expires_in: 3600, token_type: 'Bearer' }));
        return;
      }
      if (req.method === 'POST' && req.url?.startsWith('/gmail/v1/users/me/messages/send')) {
        captured.sends.push({ authorization: req.headers.authorization, path: req.url, raw: (JSON.parse(body) as { raw: string }).raw });
        if (captured.failWith !== null) {
          res.writeHead(captured.failWith, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: captured.failWith, message: 'Invalid To header' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '18f0c0ffee', threadId: '18f0c0ffee', labelIds: ['SENT'] }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
});
beforeEach(() => {
  captured.tokens.length = 0;
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
    letter: { subject: 'Đã nhận minh chứng RL2 ngày 20/04/2019', preheader: '', greeting: 'Chào Nguyễn Văn An,', blocks: [{ kind: 'paragraph', text: 'Minh chứng đang chờ đánh giá.' }], closing: [], attachments: [] },
  });
}

describe('Gmail mailer', () => {
  it('sends the raw message as a Workspace mailbox: a JWT for the service account impersonating the sender, scope gmail.send', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const mailer = gmailMailer({
      sender: 'hanhtrinh@doankhoi.example.vn',
      credentials: { kind: 'service_account', clientEmail: 'journey-mail@project.iam.gserviceaccount.com', privateKey },
      rootUrl: `${root}/`,
      tokenUrl: `${root}/token`,
    });
    const raw = await message();
    expect(await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' })).toEqual({ providerId: '18f0c0ffee' });
    expect(captured.tokens).toHaveLength(1);
    expect(must(captured.tokens[0]).grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(jwtPayload(must(must(captured.tokens[0]).assertion))).toMatchObject({ iss: 'journey-mail@project.iam.gserviceaccount.com', sub: 'hanhtrinh@doankhoi.example.vn', scope: GMAIL_SEND_SCOPE });
    expect(captured.sends).toHaveLength(1);
    expect(must(captured.sends[0]).authorization).toBe('Bearer standin-token');
    expect(Buffer.from(must(captured.sends[0]).raw, 'base64url').equals(raw)).toBe(true);
    const parsed = await PostalMime.parse(Buffer.from(must(captured.sends[0]).raw, 'base64url'));
    expect(parsed.subject).toBe('Đã nhận minh chứng RL2 ngày 20/04/2019');
    expect(parsed.to?.[0]?.address).toBe('an.snv@example.vn');
    expect(parsed.text).toContain('Chào Nguyễn Văn An,');
  });

  it('sends as a consumer account with a refresh token, and turns Gmail’s refusals into coded errors', async () => {
    const mailer = gmailMailer({
      sender: 'doankhoi.hanhtrinh@gmail.com',
      credentials: { kind: 'refresh_token', clientId: 'client-id', clientSecret: 'client-secret', refreshToken: 'refresh-1' },
      rootUrl: `${root}/`,
      tokenUrl: `${root}/token`,
    });
    const raw = await message();
    await mailer.send({ raw, to: 'an.snv@example.vn', id: 'notice-1' });
    expect(captured.tokens[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-id' });
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
