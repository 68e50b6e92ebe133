// Rotating the shared secret without a gap (issue 24, item 4), judged by the real gcloud against the fake of Google's
// REST APIs: `--rotate-secret` adds a Secret Manager version and deploys the function reading the new one and the one
// before it; a plain deploy keeps that; `--retire-previous-secret` deploys it without the old one, then disables that
// version (Google would refuse a revision reading a disabled version, so the order is checked). The administrators and
// the audiences of their tokens reach the function as JOURNEY_ADMINS and JOURNEY_ADMIN_AUDIENCES.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_SETTINGS } from '../../deploy/config';
import { GCLOUD_CLIENT_ID } from '../../functions/src/adapters/identity/google-id-token';
import { addSecret, newProject } from '../fakes/google-cloud/project';
import { startGoogleCloudFake, type GoogleCloudFake } from '../fakes/google-cloud/server';
import {
  changes,
  deployInProcess,
  FIRST_CONFIG,
  FUNCTION_URL,
  gcloudInstalled,
  PROJECT,
  PROJECT_NUMBER,
  sent,
} from './real-gcloud';

const APPS_SCRIPT_CLIENT = '618104708054-journeyscript.apps.googleusercontent.com';
const CONFIG = {
  ...FIRST_CONFIG,
  administrators: ['bantochuc@doankhoi.org.vn', 'thuky@doankhoi.org.vn'],
  appsScriptClientId: APPS_SCRIPT_CLIENT,
};
const SECRET = 'JOURNEY_SHARED_SECRET';

interface DeployedFunction {
  serviceConfig: {
    secretEnvironmentVariables?: Array<{ key: string; secret: string; version: string }>;
    environmentVariables?: Record<string, string>;
  };
}

describe.skipIf(!gcloudInstalled())(
  'npm run deploy --rotate-secret / --retire-previous-secret with the real gcloud',
  () => {
    let fake: GoogleCloudFake;
    const deployed = (): DeployedFunction => fake.project.functions.get('journey') as unknown as DeployedFunction;
    const secretsOf = (): string[] =>
      (deployed().serviceConfig.secretEnvironmentVariables ?? [])
        .map((s) => `${s.key}=${s.secret}:${s.version}`)
        .sort();
    const versions = (): string[] => (fake.project.secrets.get(SECRET)?.versions ?? []).map((v) => v.state);

    beforeAll(async () => {
      const project = newProject(PROJECT, PROJECT_NUMBER);
      addSecret(project, SECRET);
      fake = await startGoogleCloudFake(project);
    });

    afterAll(async () => {
      await fake.close();
    });

    it(
      "a first deploy: one secret; the administrators and their tokens' audiences as settings; nothing to retire",
      { timeout: 600_000 },
      async () => {
        const first = await deployInProcess(fake, CONFIG);
        expect(first.code, first.output).toBe(0);
        expect(fake.unhandled).toEqual([]);
        expect(secretsOf()).toEqual([`${SECRET}=${SECRET}:latest`]);
        const env = deployed().serviceConfig.environmentVariables ?? {};
        expect(env[FUNCTION_SETTINGS.admins]).toBe('bantochuc@doankhoi.org.vn;thuky@doankhoi.org.vn');
        expect(env[FUNCTION_SETTINGS.adminAudiences]?.split(';')).toEqual([
          FUNCTION_URL,
          GCLOUD_CLIENT_ID,
          APPS_SCRIPT_CLIENT,
        ]);
        expect(env.JOURNEY_FUNCTION_URL).toBe(FUNCTION_URL);

        fake.requests.length = 0;
        const retire = await deployInProcess(fake, CONFIG, { rotation: 'retire' });
        expect(retire.code).toBe(1);
        expect(retire.output).toContain('Không có lần thay khóa nào đang diễn ra');
        expect(changes(fake.requests)).toEqual([]);
      },
    );

    it(
      '--rotate-secret: a new random version, the function reading it and the one before; says in Vietnamese what to update in Apps Script',
      { timeout: 600_000 },
      async () => {
        fake.requests.length = 0;
        const run = await deployInProcess(fake, CONFIG, { rotation: 'rotate' });
        expect(run.code, run.output).toBe(0);
        expect(fake.unhandled).toEqual([]);
        expect(versions()).toEqual(['ENABLED', 'ENABLED']);
        const added = fake.project.secrets.get(SECRET)?.versions[0]?.data ?? '';
        expect(Buffer.from(added, 'base64').toString('utf8')).toMatch(/^[0-9a-f]{64}$/);
        // The version was added before the function was deployed with it.
        const order = changes(fake.requests).map((r) => `${r.method} ${r.api} ${r.path}`);
        const addAt = order.findIndex((c) => c.endsWith(`/secrets/${SECRET}:addVersion`));
        const deployAt = order.findIndex((c) => /^PATCH cloudfunctions .*\/functions\/journey$/.test(c));
        expect(addAt).toBeGreaterThanOrEqual(0);
        expect(deployAt).toBeGreaterThan(addAt);
        expect(secretsOf()).toEqual(
          [
            `${FUNCTION_SETTINGS.sharedSecret}=${SECRET}:latest`,
            `${FUNCTION_SETTINGS.previousSecret}=${SECRET}:1`,
          ].sort(),
        );
        expect(run.output).toContain('hàm nhận cả khóa mới lẫn khóa cũ (phiên bản 1)');
        expect(run.output).toContain(`gcloud secrets versions access latest --secret=${SECRET} --project=${PROJECT}`);
        expect(run.output).toContain('Nhập khóa bí mật');
        expect(run.output).toContain('npm run deploy -- --retire-previous-secret');
        // The new value is never printed.
        expect(run.output).not.toContain(Buffer.from(added, 'base64').toString('utf8'));
      },
    );

    it(
      'during the rotation: a plain deploy keeps both secrets, another --rotate-secret is refused before changing anything',
      { timeout: 600_000 },
      async () => {
        const plain = await deployInProcess(fake, CONFIG);
        expect(plain.code, plain.output).toBe(0);
        expect(secretsOf()).toEqual(
          [
            `${FUNCTION_SETTINGS.sharedSecret}=${SECRET}:latest`,
            `${FUNCTION_SETTINGS.previousSecret}=${SECRET}:1`,
          ].sort(),
        );
        expect(plain.output).toContain('Đang thay khóa');

        fake.requests.length = 0;
        const again = await deployInProcess(fake, CONFIG, { rotation: 'rotate' });
        expect(again.code).toBe(1);
        expect(again.output).toContain('lần thay khóa trước chưa xong');
        expect(changes(fake.requests)).toEqual([]);
        expect(versions()).toEqual(['ENABLED', 'ENABLED']);
      },
    );

    it(
      '--retire-previous-secret: the function without the old secret first, then its version disabled',
      { timeout: 600_000 },
      async () => {
        fake.requests.length = 0;
        const run = await deployInProcess(fake, CONFIG, { rotation: 'retire' });
        expect(run.code, run.output).toBe(0);
        expect(fake.unhandled).toEqual([]);
        expect(secretsOf()).toEqual([`${FUNCTION_SETTINGS.sharedSecret}=${SECRET}:latest`]);
        expect(versions()).toEqual(['ENABLED', 'DISABLED']);
        const order = changes(fake.requests).map((r) => `${r.method} ${r.api} ${r.path}`);
        const deployAt = order.findIndex((c) => /^PATCH cloudfunctions .*\/functions\/journey$/.test(c));
        const disableAt = order.findIndex((c) => c.endsWith(`/secrets/${SECRET}/versions/1:disable`));
        expect(deployAt).toBeGreaterThanOrEqual(0);
        expect(disableAt).toBeGreaterThan(deployAt);
        expect(sent(fake.requests, 'POST', 'secretmanager', /:disable$/)).toHaveLength(1);
        expect(run.output).toContain('Đã bỏ khóa cũ');

        // A revision reading the disabled version would be refused by Google (the fake too): the order above matters.
        const rotateAgain = await deployInProcess(fake, CONFIG, { rotation: 'rotate' });
        expect(rotateAgain.code, rotateAgain.output).toBe(0);
        expect(secretsOf()).toEqual(
          [
            `${FUNCTION_SETTINGS.sharedSecret}=${SECRET}:latest`,
            `${FUNCTION_SETTINGS.previousSecret}=${SECRET}:2`,
          ].sort(),
        );
        expect(versions()).toEqual(['ENABLED', 'ENABLED', 'DISABLED']);
      },
    );
  },
);
