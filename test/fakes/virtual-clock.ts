// Virtual time for the Sheets pace and the stand-in's quota window: the wall clock plus every wait asked for, skipped.
// A minute of pace costs no real minute, and both sides read the same clock, so the quota sees the writes exactly
// as far apart as the pace put them. Real work (building requests, Firestore, HTTP) still moves it, as it would.

export interface VirtualClock {
  /** Milliseconds since the epoch, virtual. */
  now: () => number;
  date: () => Date;
  /** Skips `ms` at once. Exact while one party sleeps at a time, as the write pace's head does. */
  sleep: (ms: number) => Promise<void>;
  /** Everything skipped so far. */
  skipped: () => number;
}

export function virtualClock(): VirtualClock {
  let offset = 0;
  const now = (): number => Date.now() + offset;
  return {
    now,
    date: () => new Date(now()),
    sleep: (ms) => {
      offset += Math.max(0, ms);
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
    skipped: () => offset,
  };
}
