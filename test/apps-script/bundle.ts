// Builds apps-script/dist/Code.js with the real build script and runs it in a node:vm sandbox whose globals are the fakes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { Fakes } from './fakes';
import { ExecutionStopped, type FakeRuntime } from './fakes/runtime';

export const APPS_SCRIPT_DIR = fileURLToPath(new URL('../../apps-script/', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../apps-script/dist/', import.meta.url));
export const BUNDLE_PATH = fileURLToPath(new URL('../../apps-script/dist/Code.js', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../apps-script/build.mjs', import.meta.url));

/** The global functions the project must expose (triggers, menu items, editor runs). */
export const ENTRY_POINTS = [
  'onOpen',
  'setup',
  'installTriggers',
  'onRegistrationSubmit',
  'onEvidenceSubmit',
  'onQueueEdit',
  'drainRetryQueue',
  'collectQueueDecisions',
  'sendPendingNow',
  'resyncSheets',
  'showRetryQueue',
  'requeueFailed',
  'startNewYear',
  'reconcileResponses',
  'showTriggerUsage',
  'resumeWork',
  'showStatus',
  'enterSigningSecret',
] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

export type Bundle = Record<EntryPoint, (event?: unknown) => unknown>;

/** Runs `node apps-script/build.mjs` (as `npm run gas:build` does). */
export function buildBundle(): void {
  execFileSync(process.execPath, [BUILD_SCRIPT], { stdio: 'pipe' });
}

/**
 * Loads the built bundle into a fresh vm context with `globals` (the fakes) and returns its global functions. With a
 * runtime, each call is one execution as Apps Script runs it (time charged per service call, stopped at 6 minutes).
 */
export function loadBundle(globals: Record<string, unknown>, runtime?: FakeRuntime): Bundle {
  const context = vm.createContext({ ...globals });
  vm.runInContext(readFileSync(BUNDLE_PATH, 'utf8'), context, { filename: 'Code.js' });
  const bundle = {} as Bundle;
  for (const name of ENTRY_POINTS) {
    const fn: unknown = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`the bundle has no global function ${name}`);
    const call = (event?: unknown): unknown => (fn as (e?: unknown) => unknown)(event);
    bundle[name] = runtime ? (event?: unknown) => runtime.execute(name, () => call(event)) : call;
  }
  return bundle;
}

/** Runs an entry point as one execution: 'stopped' when Apps Script stopped it at 6 minutes; other errors are thrown. */
export function execution(run: () => unknown): 'ok' | 'stopped' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ExecutionStopped) return 'stopped';
    throw error;
  }
}

/** Fires the one-off time triggers due now, oldest first (a trigger created meanwhile fires at its own time). */
export function fireDueTriggers(fakes: Fakes, bundle: Bundle): Array<{ handler: string; outcome: 'ok' | 'stopped' }> {
  const fired: Array<{ handler: string; outcome: 'ok' | 'stopped' }> = [];
  for (const trigger of fakes.scripts.takeDueOneOff(fakes.clock.nowMs)) {
    const entry = (bundle as Record<string, ((event?: unknown) => unknown) | undefined>)[trigger.handler];
    if (!entry) throw new Error(`a trigger calls ${trigger.handler}, which the bundle does not have`);
    const event = { authMode: 'FULL', triggerUid: trigger.uniqueId };
    // An installable trigger runs as the account that made it.
    fired.push({
      handler: trigger.handler,
      outcome: fakes.runtime.as(trigger.owner, () => execution(() => entry(event))),
    });
  }
  return fired;
}
