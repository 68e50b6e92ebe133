// Benchmark: requests a second one process of the built function holds, one request at a time, at the concurrency the
// deploy sets (INSTANCES.concurrency) and at twice it, on Google's Firestore emulator: what one Cloud Run instance serves in a burst of
// form submissions. Each request is a signed registration of a new member (the heaviest common write).
import { buildFunction } from '../../functions/build';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { INSTANCES } from '../../deploy/resources';
import { freePort, serverProcess } from '../e2e/local-stack';
import { installProductionBuild } from '../e2e/production-install';
import { googleEmulatorMissing, startGoogleEmulator } from '../google/firestore-emulator';
import { CONFIG, YEAR, registration } from '../integration/fixtures';
import { percentile } from './percentile';

const SECRET = 'bench-instances-secret-0123456789';
/** Requests sent at each level (after a warm-up of the same). */
const REQUESTS = 400;

export interface LevelFigures {
  concurrency: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  refused: number;
}

export interface InstanceFigures {
  firestore: string;
  levels: LevelFigures[];
}

async function level(
  send: ReturnType<typeof createJourneyClient>,
  concurrency: number,
  offset: number,
): Promise<LevelFigures> {
  const times: number[] = [];
  let refused = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < REQUESTS; i = next++) {
      const n = offset + i;
      const started = performance.now();
      const answer = await send<{ status: string }>(
        'POST',
        '/v1/registrations',
        registration({
          responseId: `bench-${String(n)}`,
          email: `dv${String(n)}@example.vn`,
          fullName: `Đoàn viên ${String(n)}`,
        }),
      );
      times.push(performance.now() - started);
      if (answer.body.status !== 'accepted') refused += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    perSecond: REQUESTS / seconds,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    refused,
  };
}

export async function benchInstances(): Promise<InstanceFigures> {
  await buildFunction();
  const install = installProductionBuild();
  const missing = googleEmulatorMissing();
  // Google's emulator where it can run; otherwise the embedded stand-in, and the figures say so.
  const google = missing === undefined ? await startGoogleEmulator() : undefined;
  const embedded = google ? undefined : await startEmbeddedFirestore();
  const host = google?.host ?? embedded?.host ?? '';
  const port = await freePort();
  const server = serverProcess({
    name: 'the built function',
    url: `http://127.0.0.1:${String(port)}`,
    args: [
      install.binOf('@google-cloud/functions-framework', 'functions-framework'),
      '--target=journey',
      `--port=${String(port)}`,
      `--source=${install.dir}`,
    ],
    cwd: install.dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      FIRESTORE_EMULATOR_HOST: host,
      GCLOUD_PROJECT: 'demo-bench-instances',
      JOURNEY_SHARED_SECRET: SECRET,
      JOURNEY_SHEETS_ROOT_URL: `http://127.0.0.1:${String(await freePort())}/`,
      METADATA_SERVER_DETECTION: 'none',
    },
    logFile: `${install.dir}/bench.log`,
  });
  try {
    await server.start();
    const send = createJourneyClient(server.url, SECRET, 'bench');
    await send('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
    // Warm-up: the SDKs loaded, the emulator's JIT warm.
    await level(send, 8, 1_000_000);
    // One at a time, the deploy's value, and twice it: past the chosen value the process only queues.
    const levels: LevelFigures[] = [];
    for (const [i, concurrency] of [1, INSTANCES.concurrency, 2 * INSTANCES.concurrency].entries())
      levels.push(await level(send, concurrency, (i + 1) * 10_000));
    return {
      firestore: google
        ? 'Google’s Firestore emulator'
        : `the embedded stand-in (Google’s emulator cannot run here: ${missing ?? ''})`,
      levels,
    };
  } finally {
    await server.stop();
    await google?.stop();
    await embedded?.stop();
    install.remove();
  }
}
