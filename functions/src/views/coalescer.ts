// Coalesces work per target (a spreadsheet): one flush at a time, an interval between flushes, nothing dropped.

export interface CoalescerOptions {
  /**
   * Minimum time from the end of one flush of a target to the start of the next, so the requests a
   * flush sends (between its start and its end) are never closer together than this.
   */
  intervalMs: number;
  /** Delay before retrying a failed flush (doubles up to maxBackoffMs). */
  backoffMs: number;
  maxBackoffMs: number;
  now?: () => number;
  onError?: (target: string, error: unknown) => void;
}

interface TargetState<P> {
  pending: P | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: Promise<void> | undefined;
  lastEnd: number;
  failures: number;
}

/**
 * Collects work items per target, merging them with `merge`, and calls `flush` with everything
 * pending. A failed flush puts its items back and retries with backoff, so no item is lost.
 */
export class Coalescer<P> {
  private readonly targets = new Map<string, TargetState<P>>();
  private readonly now: () => number;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly options: CoalescerOptions,
    private readonly merge: (a: P, b: P) => P,
    private readonly flush: (target: string, pending: P) => Promise<void>,
  ) {
    this.now = options.now ?? Date.now;
  }

  add(target: string, work: P): void {
    const state = this.state(target);
    state.pending = state.pending === undefined ? work : this.merge(state.pending, work);
    this.schedule(target, state, 0);
  }

  /** Resolves once every target has flushed everything (or keeps failing: then it waits on). */
  async idle(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  pendingTargets(): string[] {
    return [...this.targets.entries()]
      .filter(([, s]) => s.pending !== undefined || s.running !== undefined)
      .map(([t]) => t);
  }

  private isIdle(): boolean {
    return [...this.targets.values()].every(
      (s) => s.pending === undefined && s.running === undefined && s.timer === undefined,
    );
  }

  private state(target: string): TargetState<P> {
    let state = this.targets.get(target);
    if (!state) {
      state = {
        pending: undefined,
        timer: undefined,
        running: undefined,
        lastEnd: Number.NEGATIVE_INFINITY,
        failures: 0,
      };
      this.targets.set(target, state);
    }
    return state;
  }

  private schedule(target: string, state: TargetState<P>, extraDelay: number): void {
    if (state.timer !== undefined || state.running !== undefined) return;
    const wait = Math.max(extraDelay, state.lastEnd + this.options.intervalMs - this.now(), 0);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.run(target, state);
    }, wait);
  }

  private run(target: string, state: TargetState<P>): void {
    const work = state.pending;
    state.pending = undefined;
    if (work === undefined) {
      this.notifyIfIdle();
      return;
    }
    state.running = this.flush(target, work).then(
      () => {
        state.failures = 0;
      },
      (error: unknown) => {
        state.failures += 1;
        state.pending = state.pending === undefined ? work : this.merge(work, state.pending);
        this.options.onError?.(target, error);
      },
    );
    void state.running.then(() => {
      state.running = undefined;
      state.lastEnd = this.now();
      if (state.pending !== undefined) {
        const backoff =
          state.failures === 0
            ? 0
            : Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (state.failures - 1));
        this.schedule(target, state, backoff);
      } else {
        this.notifyIfIdle();
      }
    });
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
