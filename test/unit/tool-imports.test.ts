// The programs around the function depend one way: the CLI and the signed client never reach into the local stack
// (functions/dev) or the tests, and the local stack never into the tests, so each can be used without the others. The
// function is assembled for local use in one place, functions/dev/stack.ts, which `npm start`, the harnesses and the
// benchmarks share.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every import (type-only ones included) of the TypeScript files under `folder`, as `file → imported file` from the
 * repository's root; a package keeps its name.
 */
function importsUnder(folder: string): { from: string; to: string }[] {
  const files = (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, folder, f));
  return files.flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .map((name) => ({
        from: relative(ROOT, file),
        to: name.startsWith('.') ? relative(ROOT, resolve(dirname(file), name)) : name,
      })),
  );
}

const into = (imports: { from: string; to: string }[], ...folders: string[]): string[] =>
  imports
    .filter(({ to }) => folders.some((folder) => to === folder || to.startsWith(`${folder}/`)))
    .map(({ from, to }) => `${from} → ${to}`);

describe('imports between the function, its tools and the tests', () => {
  it('the CLI takes the signed client from functions/client, nothing from the local stack or the tests', () => {
    const cli = importsUnder('functions/cli');
    expect(into(cli, 'functions/dev', 'test')).toEqual([]);
    expect(into(cli, 'functions/client').length).toBeGreaterThan(0);
  });

  it('the signed client needs only the function’s own signature code', () => {
    const client = importsUnder('functions/client');
    expect(
      client.map(({ to }) => to).filter((to) => !to.startsWith('functions/src/') && !to.startsWith('node:')),
    ).toEqual([]);
  });

  it('the local stack takes nothing from the CLI or the tests', () => {
    expect(into(importsUnder('functions/dev'), 'functions/cli', 'test')).toEqual([]);
  });

  it('only functions/dev/stack.ts composes the function and serves it for the local stack, the tests and the benches', () => {
    const assembling = [...importsUnder('functions/dev'), ...importsUnder('test')].filter(({ to }) =>
      ['functions/src/compose', 'functions/src/journey', '@google-cloud/functions-framework/testing'].includes(to),
    );
    expect([...new Set(assembling.map(({ from }) => from))]).toEqual(['functions/dev/stack.ts']);
  });
});
