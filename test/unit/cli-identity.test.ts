// The CLI's administrator identity (issue 24, item 3): a Google ID token from JOURNEY_ID_TOKEN or gcloud goes as
// `Authorization: Bearer` with every request to a deployed function; the local stack still takes the local secret alone.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../functions/cli/connection';
import { CliFailure } from '../../functions/cli/failure';
import {
  gcloudIdentityToken,
  isLocalUrl,
  USER_ACCOUNT_AUDIENCE_REFUSAL,
  type Exec,
} from '../../functions/cli/identity';
import { runCli } from '../../functions/cli/run';
import { LOCAL_SECRET } from '../../functions/client/journey-client';
import { GCLOUD_CLIENT_ID } from '../../functions/src/adapters/identity/google-id-token';
import { verifySignature } from '../../functions/src/http/signature';

let server: Server;
let port = 0;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ year: 2019, members: [], nominations: [] }));
    });
  });
  // 0.0.0.0: reachable as 127.0.0.1 (the local stack) and as 127.0.0.2 (standing in for a deployed function's host).
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** gcloud as a person's account answers: `--audiences` refused, the plain command prints a token. */
function personGcloud(calls: string[][]): Exec {
  return (argv) => {
    calls.push([...argv]);
    if (argv.some((a) => a.startsWith('--audiences=')))
      return Promise.resolve({
        code: 1,
        stdout: '',
        stderr: `ERROR: (gcloud.auth.print-identity-token) ${USER_ACCOUNT_AUDIENCE_REFUSAL}. Requires valid service account.\n`,
      });
    return Promise.resolve({ code: 0, stdout: 'person-token\n', stderr: '' });
  };
}

describe('gcloud identity tokens', () => {
  it("asks for the function URL as audience; a person's account, which gcloud refuses that, gets gcloud's own token", async () => {
    const calls: string[][] = [];
    await expect(gcloudIdentityToken('https://journey-1.asia-southeast1.run.app', personGcloud(calls))).resolves.toBe(
      'person-token',
    );
    expect(calls).toEqual([
      ['gcloud', 'auth', 'print-identity-token', '--audiences=https://journey-1.asia-southeast1.run.app'],
      ['gcloud', 'auth', 'print-identity-token'],
    ]);
    expect(GCLOUD_CLIENT_ID).toMatch(/\.apps\.googleusercontent\.com$/);

    const serviceAccount: Exec = (argv) =>
      Promise.resolve({ code: 0, stdout: `sa-token-for-${argv.at(-1) ?? ''}\n`, stderr: '' });
    await expect(gcloudIdentityToken('https://f.example', serviceAccount)).resolves.toBe(
      'sa-token-for---audiences=https://f.example',
    );
  });

  it('a gcloud without a login fails with a Vietnamese message naming what to do', async () => {
    const noLogin: Exec = () =>
      Promise.resolve({
        code: 1,
        stdout: '',
        stderr: 'ERROR: (gcloud.auth.print-identity-token) You do not currently have an active account selected.\n',
      });
    const failure = await gcloudIdentityToken('https://f.example', noLogin).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliFailure);
    expect((failure as CliFailure).message).toContain('gcloud auth login');
    expect((failure as CliFailure).message).toContain('You do not currently have an active account selected.');
  });

  it('knows the local stack by its host', () => {
    expect(isLocalUrl('http://localhost:8080')).toBe(true);
    expect(isLocalUrl('http://127.0.0.1:9')).toBe(true);
    expect(isLocalUrl('https://journey-1.asia-southeast1.run.app')).toBe(false);
  });
});

describe('what the CLI sends', () => {
  it('locally: the local secret signs, no token is asked for (npm start keeps every role)', async () => {
    seen.length = 0;
    const calls: string[][] = [];
    const context = connect({ JOURNEY_URL: `http://127.0.0.1:${String(port)}` }, personGcloud(calls));
    await context.ok('GET', '/v1/years/2019/results');
    const request = seen.at(-1);
    expect(request?.headers.authorization).toBeUndefined();
    const header = (name: string): string | undefined => {
      const value = request?.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    expect(
      verifySignature(
        LOCAL_SECRET,
        {
          method: 'GET',
          path: '/v1/years/2019/results',
          body: '',
          timestamp: header('x-journey-timestamp'),
          signature: header('x-journey-signature'),
        },
        new Date(),
      ),
    ).toEqual({ ok: true });
    expect(calls).toEqual([]);
  });

  it("to a deployed function: gcloud's token once for the whole run, as Bearer, and no local secret", async () => {
    seen.length = 0;
    const calls: string[][] = [];
    const url = `http://127.0.0.2:${String(port)}`;
    const context = connect({ JOURNEY_URL: url }, personGcloud(calls));
    await context.ok('GET', '/v1/years/2019/results');
    await context.ok('POST', '/v1/years/2019/sync');
    expect(seen.map((r) => r.headers.authorization)).toEqual(['Bearer person-token', 'Bearer person-token']);
    expect(seen.every((r) => r.headers['x-journey-signature'] === undefined)).toBe(true);
    expect(calls).toEqual([
      ['gcloud', 'auth', 'print-identity-token', `--audiences=${url}`],
      ['gcloud', 'auth', 'print-identity-token'],
    ]);
  });

  it('JOURNEY_ID_TOKEN is sent as given, beside the signature when a secret is set (runCli, the command line)', async () => {
    seen.length = 0;
    const out: string[] = [];
    const code = await runCli(
      ['results', '2019', '--json'],
      {
        JOURNEY_URL: `http://127.0.0.1:${String(port)}`,
        JOURNEY_ID_TOKEN: 'given-token',
        JOURNEY_SHARED_SECRET: 's3cret',
      },
      { out: (t) => out.push(t), err: (t) => out.push(t) },
    );
    expect(code, out.join('\n')).toBe(0);
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer given-token');
    expect(seen.at(-1)?.headers['x-journey-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });
});
