// The build of the function refuses a bundle that would import, in production, a package `dependencies` does not list.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../../functions/build';

const dir = mkdtempSync(join(tmpdir(), 'journey-build-'));
/** Entries that bundle a package are written inside the repository (its dist/, not committed), where it resolves. */
const inRepo = join(
  fileURLToPath(new URL('../../functions/dist/', import.meta.url)),
  `build-test-${String(process.pid)}`,
);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(inRepo, { recursive: true, force: true });
});

function entry(source: string): string {
  const file = join(dir, `entry-${String(Math.random()).slice(2)}.ts`);
  writeFileSync(file, source);
  return file;
}

const DEPENDENCIES = { zod: '4.6.7', 'date-fns': '4.4.0', '@date-fns/tz': '1.5.0', 'google-auth-library': '10.9.1' };

describe('buildFunction', () => {
  it('keeps a dependency as an import and names it', async () => {
    const outfile = join(dir, 'ok.js');
    const report = await buildFunction({
      entry: entry("import { OAuth2Client } from 'google-auth-library';\nexport const c = OAuth2Client;\n"),
      outfile,
      dependencies: DEPENDENCIES,
    });
    expect(report.runtimePackages).toEqual(['google-auth-library']);
    expect(readFileSync(outfile, 'utf8')).toContain('from "google-auth-library"');
  });

  it('refuses a devDependency imported at run time, naming it', async () => {
    const source =
      "import { OAuth2Client } from 'google-auth-library';\nimport { expect } from 'vitest';\nexport const s = [OAuth2Client, expect];\n";
    await expect(
      buildFunction({ entry: entry(source), outfile: join(dir, 'refused.js'), dependencies: DEPENDENCIES }),
    ).rejects.toThrow('functions/src imports vitest at run time, but package.json does not list it in "dependencies"');
  });

  it('writes zod into the bundle with its English messages only, and imports no zod at run time', async () => {
    const outfile = join(dir, 'zod.js');
    mkdirSync(inRepo, { recursive: true });
    const source = join(inRepo, 'entry.ts');
    writeFileSync(
      source,
      "import { z } from 'zod';\nexport const s = z.string();\nexport const locales = Object.keys(z.locales);\n",
    );
    const report = await buildFunction({ entry: source, outfile, dependencies: DEPENDENCIES });
    expect(report.runtimePackages).toEqual([]);
    const { s, locales } = (await import(pathToFileURL(outfile).href)) as {
      s: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } };
      locales: string[];
    };
    expect(locales).toEqual(['en']);
    expect(s.safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
  });
});
