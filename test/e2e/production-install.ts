// A production-only install of the built package in a folder of its own: package.json, the built entry, and exactly the dependencies npm would install without devDependencies.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface LockedPackage {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

interface PackageManifest {
  main?: string;
  bin?: string | Record<string, string>;
}

/**
 * The lockfile's packages that `npm ci --omit=dev` installs: npm marks with `dev: true` every package
 * reached only through devDependencies. Optional ones may be absent on this platform (npm skips them too).
 */
export function productionPackagePaths(lockfile: {
  packages: Record<string, LockedPackage>;
}): { path: string; optional: boolean }[] {
  return Object.entries(lockfile.packages)
    .filter(([path, entry]) => path !== '' && entry.dev !== true && entry.link !== true)
    .map(([path, entry]) => ({ path, optional: entry.optional === true }));
}

export interface ProductionInstall {
  dir: string;
  /** The built entry as the installed package.json `main` names it. */
  main: string;
  /** Resolves a package's bin script inside the install (node_modules/.bin is not part of it). */
  binOf(packageName: string, command: string): string;
  remove(): void;
}

const CACHE_PREFIX = 'journey-production-';

/** Trees of other lockfiles unused for a day; a younger one may belong to a run of another checkout beside this one. */
function removeStaleTrees(keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(CACHE_PREFIX) || name === keep) continue;
    const path = join(tmpdir(), name);
    const marker = existsSync(join(path, '.complete')) ? join(path, '.complete') : path;
    // Another run may be removing it at this very moment.
    const lastUsed = statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (lastUsed < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Copies the production dependency tree out of the repository's node_modules (installed by `npm ci`, so it
 * matches the lockfile) into a folder outside the repository, where nothing can resolve a package from the
 * repository's node_modules: a missing runtime dependency fails to load. Copies, not links into the repository:
 * Node resolves a symlinked package from its real path, which would reach back into it. The tree (~14,000
 * files) is kept between runs under the temporary folder, keyed by the lockfile, as npm keeps its cache.
 */
function productionTree(): string {
  const lockText = readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8');
  const key = createHash('sha256').update(lockText).digest('hex').slice(0, 16);
  const tree = join(tmpdir(), `${CACHE_PREFIX}${key}`);
  const complete = join(tree, '.complete');
  removeStaleTrees(basename(tree));
  if (existsSync(complete)) {
    const now = new Date();
    utimesSync(complete, now, now);
    return tree;
  }

  // Built aside and renamed into place, so a run that stops half-way, or one running beside it, never sees half a tree.
  const staging = mkdtempSync(`${tree}.staging-`);
  const lockfile = JSON.parse(lockText) as { packages: Record<string, LockedPackage> };
  for (const { path, optional } of productionPackagePaths(lockfile)) {
    const from = join(REPO_ROOT, path);
    if (!existsSync(from)) {
      if (optional) continue;
      throw new Error(`${path} is a production dependency in package-lock.json but is not installed: run npm ci`);
    }
    // Nested node_modules are packages of their own in the lockfile, each with its own dev flag.
    cpSync(from, join(staging, path), {
      recursive: true,
      filter: (source) => !relative(from, source).split(sep).includes('node_modules'),
    });
  }
  writeFileSync(join(staging, '.complete'), key);
  try {
    renameSync(staging, tree);
  } catch {
    // Another run put its tree in place first: use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(complete)) throw new Error(`could not prepare the production tree in ${tree}`);
  return tree;
}

/** package.json and the built entry in a fresh folder, with node_modules the production tree. */
export function installProductionBuild(): ProductionInstall {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageManifest;
  if (!manifest.main) throw new Error('package.json has no "main"');
  const tree = productionTree();
  const dir = mkdtempSync(join(tmpdir(), 'journey-built-'));
  cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(dirname(join(dir, manifest.main)), { recursive: true });
  cpSync(join(REPO_ROOT, manifest.main), join(dir, manifest.main));
  // A link to a folder outside the repository: packages resolve from its real path, which stays outside too.
  symlinkSync(join(tree, 'node_modules'), join(dir, 'node_modules'), 'dir');

  return {
    dir,
    main: join(dir, manifest.main),
    binOf(packageName, command) {
      const packageDir = join(dir, 'node_modules', packageName);
      const { bin } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
      const script = typeof bin === 'string' ? bin : bin?.[command];
      if (!script) throw new Error(`${packageName} has no bin "${command}"`);
      return join(packageDir, script);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
