// Test runner configuration: unit, integration and Apps Script tests live under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one embedded Firestore per worker; files run in separate workers.
    pool: 'forks',
    // Finds Google's Firestore emulator (required under CI); the first test file that needs it starts it, the run stops it.
    globalSetup: ['test/google/global-setup.ts'],
    // Every integration file's log lines are kept and checked for names and e-mails (test/log-check/setup.ts).
    setupFiles: ['test/log-check/setup.ts'],
  },
});
