// What Google's Node.js buildpack does with an uploaded source, done here to the zip gcloud uploaded: unpacked in a folder
// of its own outside the repository, on the Node of the deploy's runtime (nodejs24), `npm ci` (devDependencies too, for
// gcp-build), `npm run gcp-build`, the devDependencies pruned, then functions-framework started on package.json `main`
// with NODE_ENV=production.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { FUNCTION_RUNTIME } from '../../deploy/resources';

const run = promisify(execFile);

/** The paths of the files in a zip (directories left out), sorted. */
export function zipEntries(zip: Buffer): string[] {
  return Object.keys(unzipSync(new Uint8Array(zip)))
    .filter((path) => !path.endsWith('/'))
    .sort();
}

export interface BuiltUpload {
  dir: string;
  /** package.json `main`, resolved in the folder. */
  main: string;
  /** functions-framework's own start script, as the buildpack's launcher runs it. */
  framework: string;
  /** The Node every step ran on (the buildpack's for the runtime; the function is started on the same). */
  nodeVersion: string;
  /** What each buildpack step printed last, for failure messages. */
  log: string;
  remove(): void;
}

async function step(
  dir: string,
  log: string[],
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: dir, env, maxBuffer: 32 * 1024 * 1024 });
    log.push(`$ ${command} ${args.join(' ')}\n${(stdout + stderr).slice(-1500)}`);
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `the buildpack step "${command} ${args.join(' ')}" failed: ${e.message}\n${(e.stdout ?? '') + (e.stderr ?? '')}`.slice(
        -4000,
      ),
      { cause: error },
    );
  }
}

/** Unpacks the zip into a fresh folder and builds it as the buildpack does. */
export async function buildAsBuildpack(zip: Buffer): Promise<BuiltUpload> {
  const dir = mkdtempSync(join(tmpdir(), 'journey-buildpack-'));
  for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  // The buildpack installs the runtime's Node and puts it first: here the one running the tests, which must be that major
  // (test/unit/node-version.test.ts), first on PATH for npm and every script it runs.
  const major = FUNCTION_RUNTIME.replace('nodejs', '');
  if (process.versions.node.split('.')[0] !== major)
    throw new Error(`the buildpack builds ${FUNCTION_RUNTIME}; these tests run on Node ${process.versions.node}`);
  const env = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH].join(delimiter) };
  const log: string[] = [];
  const nodeVersion = (await step(dir, log, 'node', ['-p', 'process.versions.node'], env)).trim();
  // The packages come from npm's cache where the repository's own `npm ci` put them (the buildpack downloads them).
  await step(dir, log, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], env);
  await step(dir, log, 'npm', ['run', 'gcp-build'], env);
  await step(dir, log, 'npm', ['prune', '--omit=dev', '--no-audit', '--no-fund'], env);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string };
  return {
    dir,
    main: join(dir, manifest.main ?? 'index.js'),
    framework: realpathSync(join(dir, 'node_modules', '.bin', 'functions-framework')),
    nodeVersion,
    log: log.join('\n'),
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
