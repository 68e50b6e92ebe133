// One time budget per execution. Apps Script stops an execution 6 minutes after it starts — without running its
// `finally` blocks — so every entry point starts the clock once (main.ts), and every piece of work asks the same clock
// before each unit it starts (a spreadsheet, a form, a batch of reads, responses or sends): no unit starts after
// WORK_BUDGET_MS, which leaves a minute for the unit under way and for saving where the work stands.

/** No new unit of work starts after this much of an execution. */
export const WORK_BUDGET_MS = 5 * 60 * 1000;
/** Apps Script stops an execution after this long. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

let started: { ms: number; handler: string } | null = null;

/** Starts the execution's clock: the first thing every trigger and menu call does. */
export function beginExecution(handler: string, nowMs: number = Date.now()): void {
  started = { ms: nowMs, handler };
}

/** The running execution, as a value new at each one (null outside an entry point): what per-execution memos key on. */
export function currentExecution(): object | null {
  return started;
}

/** When this execution started (now, for code run outside an entry point). */
export function executionStart(): number {
  return started?.ms ?? Date.now();
}

/** The entry point running now, for leases and logs. */
export function executionHandler(): string {
  return started?.handler ?? 'editor';
}

/** True once the execution has used its work budget (a unit expected to take `reserveMs` must also fit). */
export function outOfTime(reserveMs = 0): boolean {
  return Date.now() - executionStart() + reserveMs > WORK_BUDGET_MS;
}

/** After this instant the execution cannot be running any more: Apps Script has stopped it. */
export function executionDeadline(): number {
  return executionStart() + EXECUTION_LIMIT_MS;
}
