// Bundles the function (functions/src/index.ts) into functions/dist/index.js, the package's `main`, for functions-framework and the Node.js buildpack.
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'functions', 'src', 'index.ts');
/** The Node the bundle runs on: production's runtime (deploy's FUNCTION_RUNTIME, package.json `engines`). */
export const NODE_TARGET = 'node24';
/** Where package.json `main` points. */
export const BUILT_ENTRY = join(ROOT, 'functions', 'dist', 'index.js');

/**
 * Dependencies written into the bundle rather than imported: pure code whose package root loads hundreds of modules
 * (date-fns' index alone cost about a quarter of the cold load; zod's some 100 ms, more with its 40-odd locales, see
 * zodEnglishOnly). They stay in `dependencies`, which the sources (and `npm start`) import directly.
 */
export const INLINED_PACKAGES: readonly string[] = ['date-fns', '@date-fns/tz', 'zod'];

export interface BuildReport {
  file: string;
  bytes: number;
  /** The npm packages the built entry imports when it runs (each must be in `dependencies`). */
  runtimePackages: string[];
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every npm package stays an import, as `packages: 'external'` would do, except the inlined ones. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      INLINED_PACKAGES.includes(packageOf(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * zod's root re-exports every one of its 40-odd locales (`z.locales`), some 650 KiB a process would parse at each cold
 * start; the function uses none of them (its messages are its own, in Vietnamese), so the bundle gets English alone,
 * the one zod configures by default.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

function runtimePackagesOf(metafile: Metafile): string[] {
  const imported = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (external && !isBuiltin(path)) imported.add(packageOf(path));
    }
  }
  return [...imported].sort();
}

/** Writes through a temporary file and a rename, so a build running beside another (parallel test workers) never exposes half a file. */
function writeAtomically(target: string, contents: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${String(process.pid)}-${String(Date.now())}.tmp`;
  writeFileSync(temporary, contents);
  try {
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * One ESM file of our own code, with every npm package but the inlined ones left as an import, so `dependencies`
 * is what production installs and loads. esbuild rather than tsc: the sources import without file extensions (Bundler
 * resolution), which tsc would emit as is and Node's ESM loader refuses; one file also loads faster.
 * Refuses when the bundle imports a package that `dependencies` does not list (the buildpack prunes the rest).
 * Builds functions/src/index.ts into BUILT_ENTRY with package.json's dependencies unless told otherwise (tests).
 */
export async function buildFunction(
  options: { entry?: string; outfile?: string; dependencies?: Record<string, string> } = {},
): Promise<BuildReport> {
  const { entry = ENTRY, outfile = BUILT_ENTRY } = options;
  const dependencies =
    options.dependencies ??
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
      .dependencies ??
    {};
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    plugins: [externalPackages, zodEnglishOnly],
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    write: false,
    outfile,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  const runtimePackages = runtimePackagesOf(result.metafile);
  const undeclared = [...runtimePackages, ...INLINED_PACKAGES].filter((name) => !(name in dependencies));
  if (undeclared.length > 0) {
    throw new Error(
      `functions/src imports ${undeclared.join(', ')} at run time, but package.json does not list it in "dependencies"; move it there.`,
    );
  }
  const header =
    '// Hành trình "Người Cộng sản trẻ" — the journey function. Generated by functions/build.ts from functions/src; do not edit.\n';
  const code = header + output.text;
  writeAtomically(outfile, code);
  return { file: outfile, bytes: Buffer.byteLength(code), runtimePackages };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildFunction().then(
    (report) => {
      console.log(
        `functions: ${relative(ROOT, report.file)} (${String(Math.round(report.bytes / 1024))} KiB); packages imported at run time: ${report.runtimePackages.join(', ')}`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
