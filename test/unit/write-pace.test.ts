// The write pace: one write at a time, each starting a full interval after the previous one started, whatever the
// lateness of the timers, so no minute ever holds more than the pace's writes.
import { describe, expect, it } from 'vitest';
import { createWritePace } from '../../functions/src/adapters/sheets';

describe('createWritePace', () => {
  it('spaces starts by the interval and never overlaps writes, even when every wait ends seconds late', async () => {
    let now = 0;
    // Each sleep ends 5 s late, as timers do on a busy or throttled instance; the writes themselves take 300 ms.
    const pace = createWritePace({
      writesPerMinute: 50,
      maxRequestBytes: 2_000_000,
      now: () => now,
      sleep: (ms) => {
        now += ms + 5_000;
        return Promise.resolve();
      },
    });
    const starts: number[] = [];
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        pace.run(async () => {
          starts.push(now);
          inFlight += 1;
          most = Math.max(most, inFlight);
          await Promise.resolve();
          now += 300;
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    for (let i = 1; i < starts.length; i += 1)
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_200);
  });

  it('lets a write out at once when the last one started long enough ago, and goes on after a failed one', async () => {
    let now = 100_000;
    const slept: number[] = [];
    const pace = createWritePace({
      writesPerMinute: 60,
      maxRequestBytes: 1,
      now: () => now,
      sleep: (ms) => {
        slept.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    await expect(pace.run(() => Promise.reject(new Error('429')))).rejects.toThrow('429');
    now += 5_000;
    expect(await pace.run(() => Promise.resolve('written'))).toBe('written');
    expect(slept).toEqual([]);
  });

  it('counts the next start from after the call began, so a stamp the call takes a clock tick later is still an interval apart', async () => {
    // A millisecond clock may tick between the pace's reading and the call's own (a log, the quota window, a test's
    // record): here it ticks inside every other call.
    let now = 0;
    const pace = createWritePace({
      writesPerMinute: 50,
      maxRequestBytes: 2_000_000,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    const stamps: number[] = [];
    await Promise.all(
      Array.from({ length: 51 }, (_, i) =>
        pace.run(() => {
          if (i % 2 === 0) now += 1;
          stamps.push(now);
          return Promise.resolve();
        }),
      ),
    );
    for (let i = 1; i < stamps.length; i += 1)
      expect((stamps[i] ?? 0) - (stamps[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_200);
    // So 51 writes never fit in one minute, as the stand-in's quota window and the bench count them.
    expect((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
  });
});
