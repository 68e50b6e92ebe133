// What `gcloud functions deploy --source=.` uploads, read from .gcloudignore with git's rules (which gcloud follows): the build's inputs and nothing else.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Files that are never committed but lie in a working copy when someone deploys. */
const LOCAL_ONLY = ['node_modules/zod/package.json', '.data/firestore.json', 'functions/dist/index.js', 'deploy/config.json', 'apps-script/dist/Code.js'];

describe('.gcloudignore', () => {
  let scratch: string;
  let uploaded: string[];
  let tracked: string[];

  beforeAll(() => {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    // A copy of the working tree's names (empty files) in a scratch repository, so git lists what it would leave out.
    scratch = mkdtempSync(join(tmpdir(), 'journey-upload-'));
    execFileSync('git', ['init', '-q'], { cwd: scratch });
    for (const path of [...tracked, ...LOCAL_ONLY]) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), '');
    }
    cpSync(join(REPO_ROOT, '.gcloudignore'), join(scratch, '.gcloudignore'));
    uploaded = execFileSync('git', ['ls-files', '--others', '--exclude-from=.gcloudignore'], { cwd: scratch, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort();
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('uploads exactly what the buildpack needs to install, build and run the function', () => {
    const sources = tracked.filter((path) => path.startsWith('functions/src/'));
    expect(sources).toContain('functions/src/index.ts');
    expect(uploaded).toEqual([...sources, 'functions/build.ts', 'package-lock.json', 'package.json', 'tsconfig.json'].sort());
  });

  it.each(LOCAL_ONLY)('leaves %s behind', (path) => {
    expect(uploaded).not.toContain(path);
  });
});
