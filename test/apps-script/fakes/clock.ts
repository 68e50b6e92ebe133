// A controllable clock for the sandbox: a Date class whose "now" the test sets, shared with caches and the test server.

export class FakeClock {
  constructor(public nowMs: number) {}

  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A `Date` for the vm context: `new Date()` and `Date.now()` read the fake clock, everything else is the real Date. */
export function fakeDateClass(clock: FakeClock): DateConstructor {
  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.nowMs);
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return clock.nowMs;
    }
  }
  return ClockDate as unknown as DateConstructor;
}
