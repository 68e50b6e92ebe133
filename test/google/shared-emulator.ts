// One Google Firestore emulator for a whole test run: started by the first test file that asks (a lock folder decides which),
// shared by the others (each on a project of its own), and stopped by the run's global teardown.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startGoogleEmulator } from './firestore-emulator';

/** What the global setup tells the test files (vitest `provide`). */
export interface GoogleEmulatorRun {
  /** Why Google's emulator cannot run here (gcloud or Java missing); undefined when it can. */
  missing: string | undefined;
  /** The run's folder: `lock` (taken by the starter), `pid`, `host` or `failed`, `emulator.log`. */
  dir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    googleEmulator: GoogleEmulatorRun;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when this run can use Google's emulator (the global setup already failed the run under CI if not). */
export function googleEmulatorAvailable(): boolean {
  return inject('googleEmulator').missing === undefined;
}

let hostOfThisFile: Promise<string> | undefined;

/** The shared emulator's `127.0.0.1:PORT`, starting it if no test file has yet. */
export function sharedGoogleEmulator(): Promise<string> {
  hostOfThisFile ??= hostOf(inject('googleEmulator'));
  return hostOfThisFile;
}

async function hostOf(run: GoogleEmulatorRun): Promise<string> {
  if (run.missing !== undefined) throw new Error(`Google's Firestore emulator cannot run here: ${run.missing}`);
  const hostFile = join(run.dir, 'host');
  const failedFile = join(run.dir, 'failed');
  let starter = false;
  try {
    mkdirSync(join(run.dir, 'lock'));
    starter = true;
  } catch {
    // Another test file is starting it.
  }
  if (starter) {
    try {
      const emulator = await startGoogleEmulator({ detached: true, logFile: join(run.dir, 'emulator.log') });
      writeFileSync(join(run.dir, 'pid'), String(emulator.pid));
      writeFileSync(hostFile, emulator.host);
      return emulator.host;
    } catch (error) {
      writeFileSync(failedFile, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
  for (let waited = 0; waited < 120_000; waited += 200) {
    if (existsSync(hostFile)) return readFileSync(hostFile, 'utf8');
    if (existsSync(failedFile)) throw new Error(readFileSync(failedFile, 'utf8'));
    await sleep(200);
  }
  throw new Error(`Google's Firestore emulator was not ready after 2 minutes (see ${join(run.dir, 'emulator.log')})`);
}

/** A project id of its own for a test file: `demo-` ids never reach a real project. */
export function emulatorProjectId(): string {
  return `demo-test-${randomBytes(4).toString('hex')}`;
}
