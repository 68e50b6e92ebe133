// The real local stack (`functions/dev/start.ts`: embedded Firestore, the journey function, the Sheets stand-in), or any
// other server, run as a child process: the bundle's UrlFetchApp blocks the test's event loop while it waits, so the server must live elsewhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = join(REPO_ROOT, 'functions', 'dev', 'start.ts');

export interface StackOptions {
  port: number;
  /** JOURNEY_DATA_DIR: where the stack saves its state on exit and replays it at start. */
  dataDir: string;
  secret: string;
  /** The child's stdout and stderr are appended here (read back in error messages). */
  logFile: string;
  /** How long to wait for /healthz after spawning. */
  startTimeoutMs?: number;
  /** How long to wait for a clean exit after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface StackProcess {
  url: string;
  readonly running: boolean;
  /** Spawns the server (the local stack: `node --import tsx functions/dev/start.ts`) and waits until GET /healthz answers. */
  start(): Promise<void>;
  /** SIGTERM (the stack saves its state), waits for the exit; SIGKILL if it does not come in time. */
  stop(): Promise<void>;
  /**
   * Sends `signal` and waits up to `timeoutMs` for the exit. Resolves how it ended, or `undefined` if it had not ended
   * in time (it is then killed, so no test leaves a process behind).
   */
  signal(
    signal: NodeJS.Signals,
    timeoutMs: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>;
  /** The tail of the child's output, for failure messages. */
  logTail(chars?: number): string;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        if (port > 0) resolve(port);
        else reject(new Error('no free port'));
      });
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** A Node program that serves HTTP and answers GET /healthz with `{"ok": true}` once ready. */
export interface ServerSpec {
  /** What the program is, for error messages ("the local stack", "the built function"). */
  name: string;
  url: string;
  /** Arguments after `node`. */
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}

/** Runs `node …args` as a child process, waits for /healthz, and stops it with SIGTERM (SIGKILL if it lingers). */
export function serverProcess(spec: ServerSpec): StackProcess {
  const { name, url } = spec;
  let child: ChildProcess | undefined;

  const logTail = (chars = 3000): string => {
    try {
      return readFileSync(spec.logFile, 'utf8').slice(-chars);
    } catch {
      return '';
    }
  };

  async function healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      return response.ok && ((await response.json()) as { ok?: unknown }).ok === true;
    } catch {
      return false;
    }
  }

  return {
    url,
    get running() {
      return child !== undefined && !exited(child);
    },

    async start() {
      if (child && !exited(child)) throw new Error(`${name} is already running`);
      const log = openSync(spec.logFile, 'a');
      try {
        // A file, not a pipe: a pipe nobody reads while the test's event loop is blocked could stall the child.
        child = spawn(process.execPath, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', log, log] });
      } finally {
        closeSync(log);
      }
      const started = child;
      // Should the test process end without afterAll (a crash, a kill), the child goes with it.
      const orphanGuard = (): void => {
        if (!exited(started)) started.kill('SIGKILL');
      };
      process.once('exit', orphanGuard);
      started.once('exit', () => process.off('exit', orphanGuard));
      const deadline = Date.now() + (spec.startTimeoutMs ?? 30_000);
      while (Date.now() < deadline) {
        if (exited(started))
          throw new Error(`${name} exited at start (${String(started.exitCode ?? started.signalCode)}):\n${logTail()}`);
        if (await healthy()) return;
        await sleep(100);
      }
      started.kill('SIGKILL');
      await waitForExit(started, 5000);
      throw new Error(`${name} did not answer /healthz on ${url}:\n${logTail()}`);
    },

    async stop() {
      const running = child;
      if (!running || exited(running)) return;
      running.kill('SIGTERM');
      if (await waitForExit(running, spec.stopTimeoutMs ?? 20_000)) return;
      running.kill('SIGKILL');
      await waitForExit(running, 5000);
      throw new Error(`${name} did not stop on SIGTERM (killed):\n${logTail()}`);
    },

    async signal(signal, timeoutMs) {
      const running = child;
      if (!running || exited(running)) throw new Error('the local stack is not running');
      running.kill(signal);
      if (await waitForExit(running, timeoutMs)) return { code: running.exitCode, signal: running.signalCode };
      running.kill('SIGKILL');
      await waitForExit(running, 5000);
      return undefined;
    },

    logTail,
  };
}

export function localStackProcess(options: StackOptions): StackProcess {
  return serverProcess({
    name: 'the local stack',
    url: `http://127.0.0.1:${String(options.port)}`,
    args: ['--import', 'tsx', START],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      JOURNEY_DATA_DIR: options.dataDir,
      JOURNEY_SHARED_SECRET: options.secret,
      JOURNEY_DEMO: '0',
    },
    logFile: options.logFile,
    startTimeoutMs: options.startTimeoutMs,
    stopTimeoutMs: options.stopTimeoutMs,
  });
}
