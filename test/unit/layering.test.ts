// Dependencies in functions/src run one way: domain ← app ← http; adapters and views implement ports; the root wires
// them; and no file reaches itself through its imports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../functions/src/', import.meta.url));

/** What each room may import: its own files and the rooms listed. Files at the root (compose, index…) wire everything. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  contract: [],
  lib: [],
  domain: [],
  model: ['domain'],
  ports: ['domain', 'model'],
  app: ['domain', 'model', 'ports', 'contract', 'lib'],
  http: ['app', 'domain', 'model', 'ports', 'contract', 'lib'],
  adapters: ['domain', 'model', 'ports', 'lib', 'contract'],
  views: ['adapters', 'domain', 'model', 'ports', 'contract', 'lib'],
};

/** Packages that talk to Google or the platform: only adapters, views and the root may use them. */
const SDK =
  /^(firebase-admin|google-auth-library|@googleapis\/|@google-cloud\/|node:(http|https|net|fs|child_process))/;
const PURE_ROOMS = new Set(['contract', 'domain', 'model', 'ports', 'app', 'http', 'lib']);

function roomOf(file: string): string {
  const rel = relative(SRC, file).replace(/\\/g, '/');
  const first = rel.split('/')[0] ?? '';
  if (!rel.includes('/')) return first.replace(/\.ts$/, '');
  return first;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports: static, type-only, re-exports and dynamic `import()`, as TypeScript reads them. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
}

/** Every import that runs the wrong way, as `file → import`. */
function wrongWay(): string[] {
  const wrong: string[] = [];
  for (const file of sources(SRC)) {
    const room = roomOf(file);
    const allowed = MAY_IMPORT[room];
    if (allowed === undefined) continue; // the composition root
    for (const spec of importsOf(file)) {
      const name = relative(SRC, file);
      if (!spec.startsWith('.')) {
        if (PURE_ROOMS.has(room) && SDK.test(spec)) wrong.push(`${name} → ${spec}`);
        continue;
      }
      const target = roomOf(normalize(join(dirname(file), spec)));
      if (target !== room && !allowed.includes(target)) wrong.push(`${name} → ${spec}`);
    }
  }
  return wrong;
}

/** What a file's text imports by a relative path (every kind of import, as `importsOf` reads them). */
function relativeImports(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'));
}

/** functions/src as a graph: each file and the files it imports (a type-only cycle still ties the files together). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets = relativeImports(readFileSync(file, 'utf8'))
      .map((spec) => join(dirname(file), spec))
      .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)))
      .filter((target): target is string => target !== undefined);
    graph.set(relative(SRC, file).replace(/\\/g, '/'), [
      ...new Set(targets.map((t) => relative(SRC, t).replace(/\\/g, '/'))),
    ]);
  }
  return graph;
}

/**
 * The import cycles of a graph: each strongly connected group of files (Tarjan), as its files sorted, and one cycle
 * through them in import order, e.g. `http/a.ts → http/b.ts → http/a.ts`.
 */
function importCycles(graph: Map<string, string[]>): { files: string[]; cycle: string }[] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    low.set(file, order.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) ?? 0, order.get(next) ?? 0));
    }
    if (low.get(file) !== order.get(file)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === file) break;
    }
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) groups.push(group);
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return groups
    .map((group) => ({ files: [...group].sort(), cycle: cycleThrough(graph, new Set(group)).join(' → ') }))
    .sort((a, b) => (a.files[0] ?? '').localeCompare(b.files[0] ?? ''));
}

/** One cycle inside a strongly connected group: from its first file (by name), the shortest way back to it. */
function cycleThrough(graph: Map<string, string[]>, group: Set<string>): string[] {
  const [start] = [...group].sort();
  if (start === undefined) return [];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of graph.get(at) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [at];
        for (let back = cameFrom.get(at); back !== undefined; back = cameFrom.get(back)) path.unshift(back);
        return [...path, start];
      }
      if (!cameFrom.has(next) && next !== start) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return [start];
}

describe('functions/src layering', () => {
  it('has no import that runs the wrong way', () => {
    expect(wrongWay()).toEqual([]);
  });

  it('has no import cycle (type-only imports included)', () => {
    // The cycles themselves, one path each, so a failure says where to cut.
    expect(importCycles(importGraph()).map((c) => c.cycle)).toEqual([]);
  });

  it('reads type-only imports, re-exports and dynamic imports, and finds the cycles they make', () => {
    const files: Record<string, string> = {
      'a.ts': "import type { B } from './b';\nexport const a = 1;",
      'b.ts': "export type { C } from './c';\nexport type B = number;",
      'c.ts': "export type C = string;\nexport const load = () => import('./a');",
      'd.ts': "import { a } from './a';",
    };
    const graph = new Map(
      Object.entries(files).map(([file, text]) => [file, relativeImports(text).map((spec) => `${spec.slice(2)}.ts`)]),
    );
    expect(importCycles(graph)).toEqual([{ files: ['a.ts', 'b.ts', 'c.ts'], cycle: 'a.ts → b.ts → c.ts → a.ts' }]);
  });

  it('knows every room of functions/src', () => {
    const rooms = new Set(sources(SRC).map(roomOf));
    const root = ['compose', 'index', 'journey', 'json-body', 'settings'];
    expect([...rooms].filter((r) => MAY_IMPORT[r] === undefined && !root.includes(r))).toEqual([]);
  });
});
