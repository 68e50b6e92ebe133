// `npm run deploy` with the real gcloud against the local fake of Google Cloud: as a person runs it (a child process), or
// through runDeploy in this process (the same gcloud, with no pause between retries).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDeploy } from '../../deploy/deploy';
import { processRunner, type CommandRunner } from '../../deploy/runner';
import type { GoogleCloudFake, Recorded } from '../fakes/google-cloud/server';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PROJECT = 'hanh-trinh-test';
export const PROJECT_NUMBER = '123456789012';
export const RUNTIME = `journey-runtime@${PROJECT}.iam.gserviceaccount.com`;
export const INVOKER = `journey-invoker@${PROJECT}.iam.gserviceaccount.com`;
export const BUILDER = `journey-build@${PROJECT}.iam.gserviceaccount.com`;
export const FUNCTION_URL = `https://journey-${PROJECT_NUMBER}.asia-southeast1.run.app`;

/** deploy/config.example.json for this project: no mail (a first deployment needs none). */
export const FIRST_CONFIG = {
  project: PROJECT,
  region: 'asia-southeast1',
  secret: 'JOURNEY_SHARED_SECRET',
  runtimeServiceAccount: 'journey-runtime',
  invokerServiceAccount: 'journey-invoker',
  buildServiceAccount: 'journey-build',
  tasksQueue: { name: 'journey-sheets', maxDispatchesPerSecond: 1 },
};

/** Whether the real gcloud is here (under CI the global setup has already failed the run if not). */
export function gcloudInstalled(): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((folder) => folder !== '' && existsSync(join(folder, 'gcloud')));
}

export interface DeployRun {
  code: number;
  output: string;
}

function withConfig<T>(config: unknown, run: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'journey-deploy-config-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return run(path).finally(() => {
    rmSync(dir, { recursive: true, force: true });
  });
}

/** `npm run deploy -- --config=… [args]` in the repository, with gcloud pointed at the fake. */
export function npmRunDeploy(fake: GoogleCloudFake, config: unknown, args: string[] = []): Promise<DeployRun> {
  return withConfig(config, (path) => {
    return new Promise((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'deploy', '--', `--config=${path}`, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...fake.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('error', reject);
      child.once('close', (code) => {
        resolve({ code: code ?? 1, output });
      });
    });
  });
}

/** gcloud's output captured rather than streamed to the test's terminal (the results keep it for failure messages). */
function quietly(runner: CommandRunner): CommandRunner {
  return { run: (argv) => runner.run(argv) };
}

/** runDeploy as main.ts wires it, with the real gcloud (and the fake's environment), in this process, without pauses. */
export function deployInProcess(
  fake: GoogleCloudFake,
  config: unknown,
  options: { dryRun?: boolean; rotation?: 'rotate' | 'retire' } = {},
): Promise<DeployRun> {
  return withConfig(config, async (path) => {
    const lines: string[] = [];
    const code = await runDeploy(
      {
        configPath: path,
        dryRun: options.dryRun ?? false,
        withReports: false,
        ...(options.rotation === undefined ? {} : { rotation: options.rotation }),
      },
      {
        runner: quietly(processRunner(REPO_ROOT, { ...process.env, ...fake.env })),
        fetch,
        print: (line) => lines.push(line),
        sleep: () => Promise.resolve(),
        rootDir: REPO_ROOT,
        rulesApi: fake.env.CLOUDSDK_API_ENDPOINT_OVERRIDES_FIREBASERULES,
      },
    );
    return { code, output: lines.join('\n') };
  });
}

/** The requests that change something (not a read): what a dry run must never send. */
export function changes(requests: readonly Recorded[]): Recorded[] {
  return requests.filter((r) => r.method !== 'GET' && !r.path.endsWith(':getIamPolicy'));
}

/** Requests of one API whose path matches. */
export const sent = (requests: readonly Recorded[], method: string, api: string, path: RegExp): Recorded[] =>
  requests.filter((r) => r.method === method && r.api === api && path.test(r.path));
