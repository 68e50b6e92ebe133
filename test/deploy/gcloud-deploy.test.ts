// `npm run deploy` judged by Google's own code: the real gcloud (528) sends its requests to a local fake of Google's REST
// APIs, for a fresh project and again for the deployed one; the source it uploads is built as the Node.js buildpack builds
// it and takes a signed registration; an organisation that refuses `allUsers`, a failing build and a slow IAM are met.
// The tests of one file share the fake: each starts from what the one before left, as a project lives through its deploys.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirestoreFiles } from '../../deploy/firestore-files';
import { APIS } from '../../deploy/plan';
import { FUNCTION_RUNTIME } from '../../deploy/resources';
import { sourceFiles } from '../../deploy/source';
import { createJourneyClient } from '../../functions/client/journey-client';
import { RUNTIME_APIS } from '../../functions/src/contract/google-apis';
import { NOT_PERMITTED_CUSTOMER } from '../fakes/google-cloud/apis/cloud-run';
import { testIdentityIssuer } from '../fakes/google-identity';
import { addSecret, membersOf, newProject } from '../fakes/google-cloud/project';
import { startGoogleCloudFake, type GoogleCloudFake } from '../fakes/google-cloud/server';
import { firestoreKinds, startTestFirestore } from '../google/test-firestore';
import { freePort, serverProcess } from '../e2e/local-stack';
import { CONFIG, YEAR, registration } from '../integration/fixtures';
import { buildAsBuildpack, zipEntries } from './buildpack';
import {
  BUILDER,
  changes,
  deployInProcess,
  FIRST_CONFIG,
  FUNCTION_URL,
  gcloudInstalled,
  INVOKER,
  npmRunDeploy,
  PROJECT,
  PROJECT_NUMBER,
  REPO_ROOT,
  RUNTIME,
  sent,
} from './real-gcloud';

const RULES = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8');
const SECRET = 'deploy-test-shared-secret-0123456789';
/** The administrator the built function lists; Google's issuer stood in for by a key of the test's own. */
const ADMIN = 'btv.doankhoi@example.vn';
/** The composite indexes of firestore.indexes.json, as the Firestore Admin API is asked for each. */
const DECLARED = (readFirestoreFiles(REPO_ROOT).indexes.composites ?? []).map((index) => ({
  group: index.collectionGroup,
  queryScope: index.queryScope,
  fields: index.fields,
}));
const INDEXES = /\/databases\/\(default\)\/collectionGroups\/[^/]+\/indexes$/;

/** What the fake project holds: each composite index as declared (without the `__name__` Firestore appends). */
const indexesOf = (project: GoogleCloudFake['project']) =>
  project.indexes.map((index) => ({
    group: /collectionGroups\/([^/]+)\//.exec(index.name)?.[1],
    queryScope: index.queryScope,
    fields: index.fields.filter((f) => f.fieldPath !== '__name__'),
  }));

// Skipped only where gcloud is not installed (the run said so in one line); under CI the global setup fails the run first.
describe.skipIf(!gcloudInstalled())('npm run deploy with the real gcloud', () => {
  let fake: GoogleCloudFake;

  beforeAll(async () => {
    const project = newProject(PROJECT, PROJECT_NUMBER);
    // What a person does first (docs/deploy.md): the project with billing, the shared secret.
    addSecret(project, 'JOURNEY_SHARED_SECRET');
    fake = await startGoogleCloudFake(project);
  });

  afterAll(async () => {
    await fake.close();
  });

  it(
    'on a fresh project: the dry run only reads, then the deploy makes everything and the requests gcloud sent say so',
    { timeout: 600_000 },
    async () => {
      const preview = await npmRunDeploy(fake, FIRST_CONFIG, ['--dry-run']);
      expect(preview.code, preview.output).toBe(0);
      expect(changes(fake.requests)).toEqual([]);
      expect(preview.output).toContain('Chạy thử: chưa lệnh nào ở trên được chạy.');

      fake.requests.length = 0;
      const run = await npmRunDeploy(fake, FIRST_CONFIG);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain(`Đã triển khai: ${FUNCTION_URL}`);
      expect(fake.unhandled).toEqual([]);
      const requests = fake.requests;

      // Every API, the function's own included (Gmail, IAM Credentials for keyless Workspace mail), from the one shared list.
      const enabled = sent(requests, 'POST', 'serviceusage', /:batchEnable$/).flatMap(
        (r) => (r.body as { serviceIds: string[] }).serviceIds,
      );
      expect(enabled.sort()).toEqual([...APIS].sort());
      expect(enabled).toEqual(expect.arrayContaining([...Object.values(RUNTIME_APIS), 'gmail.googleapis.com']));

      // Three accounts; the build account with the builder role, passed explicitly to the build.
      expect(
        sent(requests, 'POST', 'iam', /\/serviceAccounts$/)
          .map((r) => (r.body as { accountId: string }).accountId)
          .sort(),
      ).toEqual(['journey-build', 'journey-invoker', 'journey-runtime']);
      const project = fake.project;
      expect(membersOf(project.policy, 'roles/cloudbuild.builds.builder')).toEqual([`serviceAccount:${BUILDER}`]);
      expect(membersOf(project.policy, 'roles/datastore.user')).toEqual([`serviceAccount:${RUNTIME}`]);
      expect(membersOf(project.policy, 'roles/cloudtasks.enqueuer')).toEqual([`serviceAccount:${RUNTIME}`]);
      expect(
        membersOf(project.accounts.get(INVOKER)?.policy ?? { etag: '', bindings: [] }, 'roles/iam.serviceAccountUser'),
      ).toEqual([`serviceAccount:${RUNTIME}`]);
      expect(
        membersOf(
          project.secrets.get('JOURNEY_SHARED_SECRET')?.policy ?? { etag: '', bindings: [] },
          'roles/secretmanager.secretAccessor',
        ),
      ).toEqual([`serviceAccount:${RUNTIME}`]);

      // Firestore in Singapore, native; its rules released; the exempt fields' indexes off.
      expect(project.firestore).toEqual({ locationId: 'asia-southeast1', type: 'FIRESTORE_NATIVE' });
      expect(project.rulesets.map((r) => r.source)).toEqual([{ files: [{ name: 'firestore.rules', content: RULES }] }]);
      expect(project.releases.get(`projects/${PROJECT}/releases/cloud.firestore`)?.rulesetName).toBe(
        project.rulesets[0]?.name,
      );
      expect([...project.fields.keys()].sort()).toEqual([
        'accessLog/expireAt',
        'configVersions/config',
        'evidence/decisions',
        'journeys/entries',
        'sheets/queues',
        'sheets/rows',
        'years/config',
      ]);
      // The access log's TTL policy, as gcloud 528 asks for it: a patch of the field's ttlConfig alone.
      const ttl = sent(requests, 'PATCH', 'firestore', /\/collectionGroups\/accessLog\/fields\/expireAt$/).filter(
        (r) => r.query.updateMask === 'ttlConfig',
      );
      expect(ttl.map((r) => (r.body as { ttlConfig?: unknown }).ttlConfig)).toEqual([{}]);
      expect([...project.ttls]).toEqual([['accessLog/expireAt', 'ACTIVE']]);
      // The five composite indexes of the listings' pages, each asked for once after the database exists; Firestore answers
      // each with an operation still running (built in the background: --async, nothing waits).
      expect(DECLARED).toHaveLength(5);
      const indexCreations = sent(requests, 'POST', 'firestore', INDEXES);
      const bodies = indexCreations.map((r) => ({
        group: /collectionGroups\/([^/]+)\//.exec(r.path)?.[1],
        ...(r.body as { queryScope: string; fields: unknown[]; apiScope: string; multikey: boolean }),
      }));
      expect(bodies.map(({ group, queryScope, fields }) => ({ group, queryScope, fields }))).toEqual(DECLARED);
      // gcloud's own defaults for what firestore.indexes.json leaves out: any API, not multikey (Firestore's meaning of the file).
      expect(bodies.map(({ apiScope, multikey }) => [apiScope, multikey])).toEqual(Array(5).fill(['ANY_API', false]));
      expect(indexCreations.map((r) => [r.status, (r.answer as { done?: boolean }).done ?? false])).toEqual(
        Array(5).fill([200, false]),
      );
      expect(requests.indexOf(indexCreations[0] ?? expect.fail('no index created'))).toBeGreaterThan(
        requests.findIndex((r) => r.method === 'POST' && r.api === 'firestore' && r.path.endsWith('/databases')),
      );
      expect(indexesOf(project)).toEqual(DECLARED);
      expect(project.queues.get('journey-sheets')).toMatchObject({
        rateLimits: { maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 },
      });

      // The function: built by the build account, sized on purpose, without mail settings yet, and made public after.
      const [created] = sent(requests, 'POST', 'cloudfunctions', /\/functions$/);
      expect(created?.body, JSON.stringify(created?.body)).toMatchObject({
        buildConfig: {
          runtime: FUNCTION_RUNTIME,
          entryPoint: 'journey',
          serviceAccount: `projects/${PROJECT}/serviceAccounts/${BUILDER}`,
        },
        serviceConfig: {
          serviceAccountEmail: RUNTIME,
          maxInstanceRequestConcurrency: 40,
          maxInstanceCount: 4,
          availableCpu: '1',
          availableMemory: '512Mi',
          timeoutSeconds: 540,
          secretEnvironmentVariables: [
            {
              key: 'JOURNEY_SHARED_SECRET',
              secret: 'JOURNEY_SHARED_SECRET',
              version: 'latest',
              projectId: PROJECT_NUMBER,
            },
          ],
          environmentVariables: {
            JOURNEY_FUNCTION_URL: FUNCTION_URL,
            JOURNEY_INVOKER_SA: INVOKER,
            GCLOUD_PROJECT: PROJECT,
          },
        },
      });
      expect(
        Object.keys(
          (created?.body as { serviceConfig: { environmentVariables: object } }).serviceConfig.environmentVariables,
        ).filter((k) => k.startsWith('JOURNEY_MAIL')),
      ).toEqual([]);
      const publicBinding = sent(requests, 'POST', 'run', /journey:setIamPolicy$/);
      expect(publicBinding.map((r) => r.status)).toEqual([200]);
      expect(
        membersOf(project.runServices.get('journey')?.policy ?? { etag: '', bindings: [] }, 'roles/run.invoker'),
      ).toEqual(['allUsers']);
      expect(requests.findIndex((r) => r === publicBinding[0])).toBeGreaterThan(
        requests.findIndex((r) => r === created),
      );

      // Every job, calling the function with the invoker's OIDC token.
      expect([...project.jobs.keys()].sort()).toHaveLength(14);
      // The retention job (issue 25): nightly, on the internal route, with the invoker's OIDC token like the others.
      expect(project.jobs.get('journey-retention')).toMatchObject({
        schedule: '30 2 * * *',
        timeZone: 'Asia/Ho_Chi_Minh',
        httpTarget: {
          uri: `${FUNCTION_URL}/v1/internal/retention`,
          httpMethod: 'POST',
          oidcToken: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
        },
      });
      expect(project.jobs.get('journey-resume')).toMatchObject({
        schedule: '*/10 * * * *',
        timeZone: 'Asia/Ho_Chi_Minh',
        httpTarget: {
          uri: `${FUNCTION_URL}/v1/internal/resume`,
          httpMethod: 'POST',
          oidcToken: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
        },
      });

      // One upload: exactly what the build needs, as gcloud's own zip code made it from the upload folder.
      expect(fake.uploads).toHaveLength(1);
      expect(zipEntries(fake.uploads[0] ?? Buffer.alloc(0))).toEqual(sourceFiles(REPO_ROOT));
      expect(zipEntries(fake.uploads[0] ?? Buffer.alloc(0))).toEqual(
        expect.arrayContaining([
          'package.json',
          'package-lock.json',
          'tsconfig.json',
          'functions/build.ts',
          'functions/src/index.ts',
        ]),
      );
    },
  );

  it(
    'uploads what the buildpack builds: npm ci, gcp-build, prune, functions-framework on main takes a signed registration',
    { timeout: 600_000 },
    async () => {
      const zip = fake.uploads[0] ?? expect.fail('the deploy uploaded nothing');
      expect(
        zipEntries(zip).filter((path) => /^(node_modules|test|apps-script|deploy|\.data|dist|\.git)\//.test(path)),
      ).toEqual([]);
      const built = await buildAsBuildpack(zip);
      const firestore = await startTestFirestore(firestoreKinds().at(-1) ?? 'embedded');
      const google = testIdentityIssuer();
      const jwks = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(google.jwks));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const port = await freePort();
      const server = serverProcess({
        name: 'the uploaded function, built as the buildpack builds it',
        url: `http://127.0.0.1:${String(port)}`,
        args: [built.framework, '--target=journey', `--port=${String(port)}`],
        cwd: built.dir,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          FIRESTORE_EMULATOR_HOST: firestore.host,
          GCLOUD_PROJECT: firestore.projectId,
          JOURNEY_SHARED_SECRET: SECRET,
          JOURNEY_ID_TOKEN_ISSUER: 'https://accounts.google.com',
          JOURNEY_ID_TOKEN_JWKS_URL: `http://127.0.0.1:${String((jwks.address() as AddressInfo).port)}/oauth2/v3/certs`,
          JOURNEY_ADMINS: ADMIN,
          JOURNEY_ADMIN_AUDIENCES: `http://127.0.0.1:${String(port)}`,
          JOURNEY_SHEETS_ROOT_URL: `http://127.0.0.1:${String(await freePort())}/`,
          METADATA_SERVER_DETECTION: 'none',
        },
        logFile: `${built.dir}/function.log`,
      });
      try {
        // Built, and served below, on production's Node.
        expect(`nodejs${built.nodeVersion.split('.')[0] ?? ''}`).toBe(FUNCTION_RUNTIME);
        expect(readFileSync(built.main, 'utf8')).toContain('the journey function');
        // Pruned: nothing only the build needed is left to load.
        for (const devOnly of ['tsx', 'esbuild', 'vitest', 'typescript'])
          expect(() => readFileSync(`${built.dir}/node_modules/${devOnly}/package.json`), devOnly).toThrow();
        await server.start();
        const send = createJourneyClient(server.url, SECRET, 'deploy-test');
        const admin = createJourneyClient(server.url, null, 'deploy-test', {
          bearer: () => Promise.resolve(google.mint({ aud: server.url, email: ADMIN })),
        });
        // The secret carries forms and queues only; the plan is an administrator's (their Google ID token, jose).
        expect((await send('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status, server.logTail()).toBe(403);
        expect((await admin('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status, server.logTail()).toBe(200);
        const answer = await send<{ status: string }>('POST', '/v1/registrations', registration());
        expect(answer.body.status, server.logTail()).toBe('accepted');
        expect((await fetch(`${server.url}/v1/years/${String(YEAR)}/config`)).status).toBe(401);
      } finally {
        await server.stop();
        await new Promise<void>((resolve) =>
          jwks.close(() => {
            resolve();
          }),
        );
        await firestore.stop();
        built.remove();
      }
    },
  );

  it(
    'on the deployed project: creates nothing twice, updates the function, keeps the jobs, prunes old rulesets',
    { timeout: 600_000 },
    async () => {
      const project = fake.project;
      // Rulesets of earlier deploys, and one Storage's release still uses (it must stay).
      const older = Array.from({ length: 9 }, (_, i) => ({
        name: `projects/${PROJECT}/rulesets/old-${String(i)}`,
        createTime: `2026-0${String(1 + (i % 9))}-01T00:00:00Z`,
        source: {},
      }));
      project.rulesets.unshift(...older);
      project.releases.set(`projects/${PROJECT}/releases/firebase.storage/bucket`, {
        name: `projects/${PROJECT}/releases/firebase.storage/bucket`,
        rulesetName: 'projects/hanh-trinh-test/rulesets/old-0',
        createTime: '',
        updateTime: '',
      });
      fake.requests.length = 0;

      const run = await npmRunDeploy(fake, FIRST_CONFIG);
      expect(run.code, run.output).toBe(0);
      expect(fake.unhandled).toEqual([]);
      const changed = changes(fake.requests).map((r) => `${r.method} ${r.api} ${r.path}`);
      expect(
        changed.filter((c) =>
          /serviceAccounts$|:setIamPolicy$|\/databases$|\/queues|\/jobs|\/fields\/|\/indexes$/.test(c),
        ),
        changed.join('\n'),
      ).toEqual([]);
      // The indexes were read (all five there, still being built) and none asked for again.
      expect(sent(fake.requests, 'GET', 'firestore', INDEXES).map((r) => r.status)).toEqual([200]);
      expect(project.indexes.map((index) => index.state)).toEqual(Array(5).fill('CREATING'));
      expect(sent(fake.requests, 'PATCH', 'cloudfunctions', /\/functions\/journey$/)).toHaveLength(1);
      expect(fake.uploads).toHaveLength(2);

      // The ruleset in force, Storage's, and the five newest besides stay; the rest go.
      const inForce = project.releases.get(`projects/${PROJECT}/releases/cloud.firestore`)?.rulesetName;
      expect(inForce).toBe(project.rulesets.at(-1)?.name);
      expect(project.rulesets.map((r) => r.name).sort()).toEqual(
        [
          inForce,
          'projects/hanh-trinh-test/rulesets/old-0',
          project.rulesets.at(-2)?.name,
          'projects/hanh-trinh-test/rulesets/old-8',
          'projects/hanh-trinh-test/rulesets/old-7',
          'projects/hanh-trinh-test/rulesets/old-6',
          'projects/hanh-trinh-test/rulesets/old-5',
        ].sort(),
      );
      expect(sent(fake.requests, 'DELETE', 'firebaserules', /rulesets\//)).toHaveLength(4);
    },
  );

  it(
    'makes again a composite index dropped by hand; where the list cannot be read, Google’s 409 for each existing one means done',
    { timeout: 600_000 },
    async () => {
      const project = fake.project;
      const [dropped] = project.indexes.splice(1, 1);
      fake.requests.length = 0;
      const run = await deployInProcess(fake, FIRST_CONFIG);
      expect(run.code, run.output).toBe(0);
      const made = sent(fake.requests, 'POST', 'firestore', INDEXES);
      expect(made.map((r) => [r.path, (r.body as { fields: unknown }).fields])).toEqual([
        [`/v1/projects/${PROJECT}/databases/(default)/collectionGroups/inbox/indexes`, DECLARED[1]?.fields],
      ]);
      expect(indexesOf(project)).toHaveLength(5);
      expect(indexesOf(project)).toEqual(expect.arrayContaining(DECLARED));
      expect(project.indexes.at(-1)?.name).not.toBe(dropped?.name);

      fake.intercept('GET', INDEXES, {
        status: 403,
        json: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'The caller does not have permission' } },
      });
      fake.requests.length = 0;
      const blind = await deployInProcess(fake, FIRST_CONFIG);
      expect(blind.code, blind.output).toBe(0);
      expect(blind.output).toContain('sẽ tạo 5/5 chỉ mục ghép còn thiếu');
      const refused = sent(fake.requests, 'POST', 'firestore', INDEXES);
      expect(refused.map((r) => [r.status, (r.answer as { error: { status: string } }).error.status])).toEqual(
        Array(5).fill([409, 'ALREADY_EXISTS']),
      );
      expect(blind.output.match(/đã có sẵn \(Google trả lời đã tồn tại\): bước này xong/g)).toHaveLength(5);
      expect(project.indexes).toHaveLength(5);
    },
  );

  it(
    'when the organisation refuses allUsers (Google’s 400), serves without the invoker IAM check, says so, and finishes',
    { timeout: 600_000 },
    async () => {
      const project = fake.project;
      // As a first run in such an organisation leaves it: the function made but private, the jobs after it not made.
      const service = project.runServices.get('journey') ?? expect.fail('no service');
      service.policy = { version: 1, etag: 'cHJpdmF0ZQ==', bindings: [] };
      project.jobs.delete('journey-resume');
      project.jobs.delete('journey-report-members-5');
      project.refusesAllUsers = true;
      fake.requests.length = 0;

      const run = await deployInProcess(fake, FIRST_CONFIG);
      expect(run.code, run.output).toBe(0);
      const refused = sent(fake.requests, 'POST', 'run', /journey:setIamPolicy$/);
      expect(refused.map((r) => [r.status, r.answer])).toEqual([
        [400, { error: { code: 400, status: 'FAILED_PRECONDITION', message: NOT_PERMITTED_CUSTOMER } }],
      ]);
      expect(run.output).toContain('tắt kiểm tra IAM khi gọi hàm');
      const replaced = sent(fake.requests, 'PUT', 'run', /\/services\/journey$/);
      expect(
        replaced.map(
          (r) =>
            (r.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations[
              'run.googleapis.com/invoker-iam-disabled'
            ],
        ),
      ).toEqual(['True']);
      expect(service.invokerIamDisabled).toBe(true);
      expect(
        sent(fake.requests, 'POST', 'cloudscheduler', /\/jobs$/).map((r) =>
          (r.body as { name: string }).name.split('/').at(-1),
        ),
      ).toEqual(['journey-resume', 'journey-report-members-5']);
      expect(project.jobs.size).toBe(14);

      // The next run finds it public and leaves it as it is.
      fake.requests.length = 0;
      const again = await deployInProcess(fake, FIRST_CONFIG, { dryRun: true });
      expect(again.output).toContain('✓ gọi hàm từ Internet (Apps Script): kiểm tra IAM khi gọi hàm đã tắt');
    },
  );

  it(
    'tries a role binding again while IAM does not know a new account yet, and stops at a failed build saying how to go on',
    { timeout: 600_000 },
    async () => {
      const project = fake.project;
      project.policy.bindings = project.policy.bindings.filter((b) => b.role !== 'roles/datastore.user');
      fake.intercept(
        'POST',
        /^\/v1\/projects\/[^/]+:setIamPolicy$/,
        {
          status: 400,
          json: {
            error: { code: 400, status: 'INVALID_ARGUMENT', message: `Service account ${RUNTIME} does not exist.` },
          },
        },
        2,
      );
      fake.failOperation(
        'PATCH',
        /\/functions\/journey$/,
        `projects/${PROJECT}/locations/asia-southeast1/operations`,
        3,
        'Build failed with status: FAILURE. npm ERR! missing script: gcp-build',
      );
      fake.requests.length = 0;

      const run = await deployInProcess(fake, FIRST_CONFIG);
      expect(run.code).toBe(1);
      expect(sent(fake.requests, 'POST', 'cloudresourcemanager', /:setIamPolicy$/).map((r) => r.status)).toEqual([
        400, 400, 200,
      ]);
      expect(run.output.match(/thử lại sau 15 giây/g)).toHaveLength(2);
      expect(membersOf(project.policy, 'roles/datastore.user')).toEqual([`serviceAccount:${RUNTIME}`]);
      expect(run.output).toMatch(/Bước \d+\/\d+ chưa xong: Triển khai hàm journey/);
      expect(run.output).toContain('Build failed with status: FAILURE');
      expect(run.output).toContain('Sửa lỗi rồi chạy lại npm run deploy');
      const failedAt = fake.requests.findIndex((r) => r.method === 'PATCH' && r.api === 'cloudfunctions');
      expect(changes(fake.requests.slice(failedAt + 1))).toEqual([]);
    },
  );

  it(
    'refuses, in one message pointing to docs/deploy.md, a project whose shared secret is missing',
    { timeout: 300_000 },
    async () => {
      const bare = await startGoogleCloudFake(newProject('hanh-trinh-bare', '210987654321'));
      try {
        const run = await deployInProcess(bare, { ...FIRST_CONFIG, project: 'hanh-trinh-bare' }, { dryRun: true });
        expect(run.code).toBe(1);
        expect(run.output).toContain('Chưa triển khai: còn 1 mục cần bạn làm trước.');
        expect(run.output).toContain('✗ bí mật JOURNEY_SHARED_SECRET trong Secret Manager: chưa có');
        expect(run.output).toContain('docs/deploy.md, "Deploying to Google Cloud", bước 2');
        expect(changes(bare.requests)).toEqual([]);
      } finally {
        await bare.close();
      }
    },
  );
});
