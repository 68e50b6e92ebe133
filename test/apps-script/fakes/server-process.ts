// Runs the stand-in Journey server in its own process (the synchronous fetch blocks the test's event loop) and drives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AdminIdentity, RecordedRequest, ScriptedAnswer } from './journey-server';

const MAIN = fileURLToPath(new URL('./journey-server-main.ts', import.meta.url));

export interface JourneyServer {
  url: string;
  reset(): Promise<void>;
  setConfig(config: unknown): Promise<void>;
  /** The server's clock, in ms (null: real time); keep it equal to the sandbox clock. */
  setNow(ms: number | null): Promise<void>;
  /** The next matching requests get these answers (after their signature was checked). */
  script(...answers: ScriptedAnswer[]): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
}

/** With `identity`, `admin` routes take only an administrator's Google ID token, as in production (API.md "Roles"). */
export async function startJourneyServer(secret: string, identity?: AdminIdentity): Promise<JourneyServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      JOURNEY_TEST_SECRET: secret,
      ...(identity ? { JOURNEY_TEST_IDENTITY: JSON.stringify(identity) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /PORT (\d+)/.exec(output);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.on('exit', (code) => {
      reject(new Error(`journey test server exited (${String(code)})`));
    });
    setTimeout(() => {
      reject(new Error('journey test server did not start'));
    }, 20_000);
  });
  const url = `http://127.0.0.1:${String(port)}`;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(url + path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return response.json();
  };
  return {
    url,
    reset: async () => {
      await call('POST', '/__test/reset');
    },
    setConfig: async (config) => {
      await call('PUT', '/__test/config', config);
    },
    setNow: async (ms) => {
      await call('POST', '/__test/clock', { nowSeconds: ms === null ? null : Math.floor(ms / 1000) });
    },
    script: async (...answers) => {
      await call('POST', '/__test/script', { answers });
    },
    requests: async () => (await call('GET', '/__test/requests')) as RecordedRequest[],
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
