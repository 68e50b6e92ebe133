// What `gcloud functions deploy` uploads: a folder made here with exactly what Google's Node.js buildpack needs to install,
// build (`npm run gcp-build`) and run the function, so the upload is whatever gcloud's own zip code makes of it (a
// .gcloudignore allow-list fooled gcloud into dropping package.json) and no file of the repository goes unless listed.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder `--source` names, relative to the repository (under the ignored dist/). */
export const SOURCE_DIR = 'dist/function-source';

/** Files at their own paths, and folders copied whole: the manifest and lockfile, the TypeScript settings, the build, the sources. */
export const SOURCE_FILES: readonly string[] = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'functions/build.ts',
];
export const SOURCE_FOLDERS: readonly string[] = ['functions/src'];

function filesUnder(rootDir: string, folder: string): string[] {
  return readdirSync(join(rootDir, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(rootDir.length)
        .replace(/^[\\/]+/, '')
        .replaceAll('\\', '/'),
    );
}

/** The repository paths that go up, sorted. */
export function sourceFiles(rootDir: string): string[] {
  return [...SOURCE_FILES, ...SOURCE_FOLDERS.flatMap((folder) => filesUnder(rootDir, folder))].sort();
}

/** Makes SOURCE_DIR afresh with those files; answers the paths copied. */
export function stageSource(rootDir: string): string[] {
  const target = join(rootDir, SOURCE_DIR);
  rmSync(target, { recursive: true, force: true });
  const files = sourceFiles(rootDir);
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(rootDir, file), join(target, file));
  }
  return files;
}
