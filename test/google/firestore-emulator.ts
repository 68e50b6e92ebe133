// Google's Cloud Firestore emulator (`gcloud emulators firestore start`, Java): found, started on a free port, stopped, and cleared per project.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { freePort } from '../e2e/local-stack';

/** Where gcloud or Java is missing, why (one line); undefined when the emulator can run here. */
export function googleEmulatorMissing(): string | undefined {
  const gcloud = onPath('gcloud');
  if (gcloud === undefined) return 'gcloud is not installed (package google-cloud-cli)';
  // The SDK's root is two levels above bin/gcloud, which /usr/bin/gcloud links to.
  const sdk = dirname(dirname(realpathSync(gcloud)));
  if (!existsSync(join(sdk, 'platform', 'cloud-firestore-emulator')))
    return 'the Firestore emulator is not installed (package google-cloud-cli-firestore-emulator)';
  if (onPath('java') === undefined)
    return 'java is not installed (the emulator needs a Java 17+ runtime, package openjdk-17-jre-headless)';
  const version = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (version.status !== 0) return `java does not run: ${(version.stderr || version.stdout).split('\n')[0] ?? ''}`;
  return undefined;
}

function onPath(program: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder !== '' && existsSync(join(folder, program))) return join(folder, program);
  }
  return undefined;
}

/** Under CI (`CI=true`) a missing emulator fails the run; on a laptop its tests are left out with one line. */
export const emulatorRequired = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

export interface GoogleEmulator {
  /** `127.0.0.1:PORT`, what FIRESTORE_EMULATOR_HOST takes. */
  host: string;
  /** The process group of gcloud and the Java it starts. */
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the emulator's whole process group: gcloud (Python) starts a shell script that starts Java. */
export function killEmulator(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/**
 * Starts `gcloud emulators firestore start --host-port=127.0.0.1:PORT` in a process group of its own, with a
 * gcloud configuration folder of its own (nothing of the developer's gcloud is read or written), and waits until
 * it answers. `detached` leaves it running after this process ends (a shared emulator; its owner kills it by pid).
 */
export async function startGoogleEmulator(
  options: { logFile?: string; detached?: boolean; timeoutMs?: number } = {},
): Promise<GoogleEmulator> {
  const port = await freePort();
  const host = `127.0.0.1:${String(port)}`;
  const config = mkdtempSync(join(tmpdir(), 'journey-gcloud-emulator-'));
  const logFile = options.logFile ?? join(config, 'emulator.log');
  const log = openSync(logFile, 'a');
  const child = spawn('gcloud', ['emulators', 'firestore', 'start', `--host-port=${host}`], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start gcloud');
  const guard = (): void => {
    killEmulator(pid);
  };
  if (options.detached) child.unref();
  else process.once('exit', guard);
  const stop = async (): Promise<void> => {
    process.off('exit', guard);
    killEmulator(pid);
    for (let i = 0; i < 50 && (await answers(host)); i += 1) await sleep(100);
    rmSync(config, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(host)) return { host, pid, stop };
    await sleep(200);
  }
  const tail = readFileSync(logFile, 'utf8').slice(-2000);
  await stop();
  throw new Error(`Google's Firestore emulator did not start on ${host}:\n${tail}`);
}

async function answers(host: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
    return (await response.text()).trim() === 'Ok';
  } catch {
    return false;
  }
}

/** Drops every document of one project (the emulator keeps each project apart). */
export async function clearGoogleEmulator(host: string, projectId: string): Promise<void> {
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, {
    method: 'DELETE',
  });
  if (!response.ok)
    throw new Error(`could not clear the emulator's project ${projectId}: HTTP ${String(response.status)}`);
}

/** Loads security rules for one project, as `firebase emulators:start` does; a rules file that does not compile is refused. */
export async function loadGoogleEmulatorRules(
  host: string,
  projectId: string,
  file: string,
  source: string,
): Promise<void> {
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: { files: [{ name: file, content: source }] } }),
  });
  if (!response.ok)
    throw new Error(`the emulator refused ${file}: HTTP ${String(response.status)} ${await response.text()}`);
}
