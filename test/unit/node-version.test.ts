// One Node for the tests and production: package.json's engines, the Node it installs for every npm script, the deploy's runtime and the bundle's target name the same major, and the tests run on it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_RUNTIME } from '../../deploy/resources';
import { NODE_TARGET } from '../../functions/build';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
const pinned = manifest.devDependencies.node ?? '';
const major = pinned.split('.')[0];

describe("production's Node everywhere", () => {
  it('pins an exact release of an LTS major Cloud Run functions runs (22 or 24), and engines asks for that major', () => {
    expect(pinned).toMatch(/^(22|24)\.\d+\.\d+$/);
    expect(manifest.engines.node).toMatch(new RegExp(`^\\^${String(major)}\\.\\d+\\.\\d+$`));
    expect(Number(pinned.split('.')[1])).toBeGreaterThanOrEqual(Number(manifest.engines.node.split('.')[1]));
  });

  it('deploys the function on that major and bundles it for that major', () => {
    expect(FUNCTION_RUNTIME).toBe(`nodejs${String(major)}`);
    expect(NODE_TARGET).toBe(`node${String(major)}`);
  });

  it('runs these tests on it', () => {
    expect(process.versions.node.split('.')[0]).toBe(major);
  });

  it('lets only the install script that fetches that Node run, and refuses the others by name', () => {
    expect(manifest.allowScripts).toEqual({ node: true, esbuild: false, protobufjs: false, '@firebase/util': false });
  });
});
