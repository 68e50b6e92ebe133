// The mail settings: a sender needs its account type, and a delegation signer (Workspace) or a refresh token (consumer), each named when missing.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/src/settings';

const SECRET = 'unit-test-secret-0123456789';
const KEY = JSON.stringify({
  type: 'service_account',
  client_email: 'mail@p.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
});
const USER = JSON.stringify({
  type: 'authorized_user',
  client_id: 'id',
  client_secret: 'secret',
  refresh_token: 'refresh',
});

describe('mail settings', () => {
  it('reads a Workspace sender delegated to the runtime account (no key), budget 1,600 by default', () => {
    const signer = 'journey-runtime@p.iam.gserviceaccount.com';
    const mail = parseSettings({
      JOURNEY_SHARED_SECRET: SECRET,
      JOURNEY_MAIL_SENDER: 'hanhtrinh@doankhoi.vn',
      JOURNEY_MAIL_ACCOUNT: 'workspace',
      JOURNEY_MAIL_SIGNER: signer,
    }).mail;
    expect(mail.dailyBudget).toBe(1600);
    expect(mail.sender).toMatchObject({
      address: 'hanhtrinh@doankhoi.vn',
      account: 'workspace',
      credentials: { kind: 'delegated', signer },
    });
  });

  it('reads a consumer sender with a refresh token, budget 400 by default unless set', () => {
    const env = {
      JOURNEY_SHARED_SECRET: SECRET,
      JOURNEY_MAIL_SENDER: 'doankhoi@gmail.com',
      JOURNEY_MAIL_ACCOUNT: 'consumer',
      JOURNEY_MAIL_CREDENTIALS: USER,
    };
    expect(parseSettings(env).mail).toMatchObject({
      dailyBudget: 400,
      sender: { credentials: { kind: 'refresh_token', refreshToken: 'refresh' } },
    });
    expect(parseSettings({ ...env, JOURNEY_MAIL_DAILY_BUDGET: '300' }).mail.dailyBudget).toBe(300);
  });

  it.each([
    [{ JOURNEY_MAIL_SENDER: 'a@b.vn' }, 'JOURNEY_MAIL_ACCOUNT must be set'],
    [{ JOURNEY_MAIL_SENDER: 'a@b.vn', JOURNEY_MAIL_ACCOUNT: 'workspace' }, 'JOURNEY_MAIL_SIGNER must be set'],
    // A Workspace sender uses no key, even when one is given.
    [
      { JOURNEY_MAIL_SENDER: 'a@b.vn', JOURNEY_MAIL_ACCOUNT: 'workspace', JOURNEY_MAIL_CREDENTIALS: KEY },
      'JOURNEY_MAIL_SIGNER must be set',
    ],
    [{ JOURNEY_MAIL_SENDER: 'a@b.vn', JOURNEY_MAIL_ACCOUNT: 'consumer' }, 'JOURNEY_MAIL_CREDENTIALS must be set'],
    [
      { JOURNEY_MAIL_SENDER: 'a@b.vn', JOURNEY_MAIL_ACCOUNT: 'consumer', JOURNEY_MAIL_CREDENTIALS: KEY },
      'must be an authorized-user JSON',
    ],
    [{ JOURNEY_MAIL_DAILY_BUDGET: '5000' }, 'JOURNEY_MAIL_DAILY_BUDGET must be a whole number'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => parseSettings({ JOURNEY_SHARED_SECRET: SECRET, ...env })).toThrow(message);
  });
});
