// `npm run deploy`: runs exactly the steps the dry run shows, in that order, sends the Firestore rules, and stops at the first failure with what to do next.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployWith, fakeGcloud, FUNCTION_URL, freshProject, PROJECT, RUNTIME } from './fake-gcloud';

const RULES_API = `https://firebaserules.googleapis.com/v1/projects/${PROJECT}`;
const RULES = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8');

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The Firebase Rules API as a fake: records each request; `releaseExists` says whether PATCH finds cloud.firestore. */
function rulesApi(releaseExists: boolean): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  // The rules step calls fetch(url: string, { method, headers: Record, body: string }).
  const fake: typeof fetch = (input, init) => {
    const request = {
      method: init?.method ?? 'GET',
      url: input as string,
      headers: init?.headers as Record<string, string>,
      body: JSON.parse(init?.body as string) as unknown,
    };
    sent.push(request);
    if (request.url.endsWith('/rulesets')) return Promise.resolve(Response.json({ name: `projects/${PROJECT}/rulesets/r-1` }));
    if (request.method === 'PATCH' && !releaseExists) return Promise.resolve(Response.json({ error: { code: 404 } }, { status: 404 }));
    return Promise.resolve(Response.json({ name: `projects/${PROJECT}/releases/cloud.firestore` }));
  };
  return { fetch: fake, sent };
}

const commandsOf = (output: string[], prefix: string): string[] =>
  output.filter((line) => line.trim().startsWith(prefix)).map((line) => line.trim().slice(prefix.length));

describe('npm run deploy', () => {
  it('runs the commands of the dry run, in the same order, then says what is left to do by hand', async () => {
    const preview = await deployWith(freshProject(), { dryRun: true });
    const api = rulesApi(true);
    const { code, output, gcloud } = await deployWith(freshProject(), { fetch: api.fetch });

    expect(code, output.join('\n')).toBe(0);
    const planned = preview.output.map((line) => line.trim()).filter((line) => line.startsWith('gcloud '));
    expect(commandsOf(output, '$ ')).toEqual(planned);
    // What the fake received is the same argv, unquoted.
    expect(gcloud.changes()).toEqual(commandsOf(output, '$ ').map((line) => line.replaceAll("'", '')));
    expect(output).toContain(`Đã triển khai: ${FUNCTION_URL}`);
    expect(output).toContain(`  • Apps Script, Script Properties: JOURNEY_URL=${FUNCTION_URL}, JOURNEY_SERVICE_ACCOUNT=${RUNTIME}, JOURNEY_SECRET (giá trị bí mật), JOURNEY_YEAR`);
  });

  it('sends firestore.rules as a new ruleset and points the cloud.firestore release at it', async () => {
    const api = rulesApi(true);
    await deployWith(freshProject(), { fetch: api.fetch });
    expect(api.sent.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${RULES_API}/rulesets`, `PATCH ${RULES_API}/releases/cloud.firestore`]);
    expect(api.sent[0]?.body).toEqual({ source: { files: [{ name: 'firestore.rules', content: RULES }] } });
    expect(api.sent[1]?.body).toEqual({ release: { name: `projects/${PROJECT}/releases/cloud.firestore`, rulesetName: `projects/${PROJECT}/rulesets/r-1` } });
    expect(api.sent[0]?.headers).toMatchObject({ authorization: 'Bearer ya29.fake-token', 'x-goog-user-project': PROJECT });
  });

  it('creates the cloud.firestore release the first time', async () => {
    const api = rulesApi(false);
    const { code } = await deployWith(freshProject(), { fetch: api.fetch });
    expect(code).toBe(0);
    expect(api.sent.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${RULES_API}/rulesets`, `PATCH ${RULES_API}/releases/cloud.firestore`, `POST ${RULES_API}/releases`]);
    expect(api.sent[2]?.body).toEqual({ name: `projects/${PROJECT}/releases/cloud.firestore`, rulesetName: `projects/${PROJECT}/rulesets/r-1` });
  });

  it('stops at the first failing step, runs nothing after it, and says how to go on', async () => {
    const api = rulesApi(true);
    const gcloud = fakeGcloud(freshProject());
    gcloud.failOn('gcloud functions deploy', 'ERROR: (gcloud.functions.deploy) Build failed: npm ERR! missing script: gcp-build');
    const { code, output } = await deployWith(freshProject(), { fetch: api.fetch, gcloud });
    expect(code).toBe(1);
    expect(output).toContain('Bước 23/36 chưa xong: Triển khai hàm journey (Cloud Functions thế hệ 2, Node.js 24; bản dựng chạy npm run gcp-build trên Google Cloud)');
    expect(output).toContain('  lệnh kết thúc với mã 1: ERROR: (gcloud.functions.deploy) Build failed: npm ERR! missing script: gcp-build');
    expect(gcloud.changes().some((call) => call.startsWith('gcloud scheduler'))).toBe(false);
  });

  it('tries a role binding again while IAM does not know the new account yet, and gives up after three attempts', async () => {
    const flaky = fakeGcloud(freshProject());
    flaky.failOn('gcloud projects add-iam-policy-binding', 'ERROR: INVALID_ARGUMENT: Service account journey-runtime does not exist.', 2);
    const settled = await deployWith(freshProject(), { fetch: rulesApi(true).fetch, gcloud: flaky });
    expect(settled.code, settled.output.join('\n')).toBe(0);
    expect(settled.output.filter((line) => line.includes('thử lại sau 15 giây'))).toHaveLength(2);

    const broken = fakeGcloud(freshProject());
    broken.failOn('gcloud projects add-iam-policy-binding', 'ERROR: PERMISSION_DENIED', 3);
    const refused = await deployWith(freshProject(), { fetch: rulesApi(true).fetch, gcloud: broken });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('Bước 4/36 chưa xong: Cấp roles/datastore.user cho tài khoản chạy hàm');
  });
});
