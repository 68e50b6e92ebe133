// Dependencies in functions/src run one way: domain ← app ← http; adapters and views implement ports; the root wires them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
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

describe('functions/src layering', () => {
  it('has no import that runs the wrong way', () => {
    expect(wrongWay()).toEqual([]);
  });

  it('knows every room of functions/src', () => {
    const rooms = new Set(sources(SRC).map(roomOf));
    const root = ['compose', 'index', 'journey', 'json-body', 'settings'];
    expect([...rooms].filter((r) => MAY_IMPORT[r] === undefined && !root.includes(r))).toEqual([]);
  });
});
