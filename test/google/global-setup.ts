// vitest globalSetup: finds whether Google's Firestore emulator can run (under CI it must), gives the test files a folder to
// share it through, and stops it at the end of the run if a test file started it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { emulatorRequired, googleEmulatorMissing, killEmulator } from './firestore-emulator';

export default function setup(project: TestProject): () => void {
  const missing = googleEmulatorMissing();
  if (missing !== undefined) {
    if (emulatorRequired())
      throw new Error(
        `CI=true: the tests against Google's Firestore emulator and the real gcloud must run, but ${missing}.`,
      );
    console.log(
      `Google's Firestore emulator and gcloud: not on this machine (${missing}); their tests are left out, the embedded stand-in's run.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'journey-google-emulator-'));
  project.provide('googleEmulator', { missing, dir });
  return () => {
    try {
      killEmulator(Number(readFileSync(join(dir, 'pid'), 'utf8')));
    } catch {
      // No test file started it.
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
