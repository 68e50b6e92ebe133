// Injected failures: a seeded share of API calls answered 429/500/503 instead, so retry tests repeat exactly.
import { seededRandom } from '../../seeded-random';
import { faultError, type ApiError } from '../rest/errors';

export interface FaultOptions {
  /** Share of API calls that fail, from 0 to 1. */
  rate: number;
  /** Statuses drawn from, evenly (e.g. [429, 500]). */
  statuses: number[];
  /** Sent as Retry-After on 429 answers; default 1. */
  retryAfterSeconds?: number;
  /** Same seed, same sequence of faults; default 1. */
  seed?: number;
}

export class FaultInjector {
  #active: { rate: number; statuses: number[]; retryAfterSeconds: number; random: () => number } | undefined;

  inject(options: FaultOptions): void {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new RangeError(`Fault rate must be within 0..1, got ${options.rate}`);
    if (options.statuses.length === 0) throw new RangeError('Fault statuses must not be empty');
    this.#active = {
      rate: options.rate,
      statuses: [...options.statuses],
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      random: seededRandom(options.seed ?? 1),
    };
  }

  clear(): void {
    this.#active = undefined;
  }

  /** The error to answer this call with, or undefined to serve it. */
  draw(): ApiError | undefined {
    const active = this.#active;
    if (!active || active.random() >= active.rate) return undefined;
    const status = active.statuses[Math.floor(active.random() * active.statuses.length)] ?? 500;
    return faultError(status, active.retryAfterSeconds);
  }
}
