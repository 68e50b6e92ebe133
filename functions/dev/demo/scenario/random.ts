// Deterministic randomness: the same demo every time, so a second seed only finds duplicates.
import { seededRandom } from '../../seeded-random';

export type Rng = () => number;

/** The seed of the demo year; changing it changes every member, entry and decision. */
export function demoRandom(): Rng {
  return seededRandom(20_190_101);
}

/** A whole number from `min` to `max`, both included. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('Dữ liệu mẫu: danh sách chọn ngẫu nhiên đang trống.');
  return item;
}

/** One of `items`, each as likely as its weight. */
export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return pick(rng, items)[0];
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

/** An id shaped like a Google Forms response id: the idempotency key of a submission. */
export function formsId(rng: Rng): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let id = '2_ABaOnu';
  for (let i = 0; i < 46; i += 1) id += alphabet[Math.floor(rng() * alphabet.length)] ?? 'x';
  return id;
}
