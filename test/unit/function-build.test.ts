// The build of the function refuses a bundle that would import, in production, a package `dependencies` does not list.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../../functions/build';

const dir = mkdtempSync(join(tmpdir(), 'journey-build-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function entry(source: string): string {
  const file = join(dir, `entry-${String(Math.random()).slice(2)}.ts`);
  writeFileSync(file, source);
  return file;
}

const DEPENDENCIES = { zod: '4.6.7', 'date-fns': '4.4.0', '@date-fns/tz': '1.5.0' };

describe('buildFunction', () => {
  it('keeps a dependency as an import and names it', async () => {
    const outfile = join(dir, 'ok.js');
    const report = await buildFunction({ entry: entry("import { z } from 'zod';\nexport const s = z.string();\n"), outfile, dependencies: DEPENDENCIES });
    expect(report.runtimePackages).toEqual(['zod']);
    expect(readFileSync(outfile, 'utf8')).toContain('from "zod"');
  });

  it('refuses a devDependency imported at run time, naming it', async () => {
    const source = "import { z } from 'zod';\nimport { expect } from 'vitest';\nexport const s = [z, expect];\n";
    await expect(buildFunction({ entry: entry(source), outfile: join(dir, 'refused.js'), dependencies: DEPENDENCIES })).rejects.toThrow(
      'functions/src imports vitest at run time, but package.json does not list it in "dependencies"',
    );
  });
});
