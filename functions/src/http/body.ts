// A request body as the routes see it: JSON within the body budget, or the refusal that keeps it unread.
import { violation, type Violation } from '../domain/violations';
import { measureJson, plainObjectOf, type JsonBudget } from '../lib/json-budget';

/**
 * How deep and how wide a body may be, checked on its text before it is parsed. API.md's bodies nest at most 4 deep
 * (a plan: units › unit › evaluators › list) and their widest object is a plan's few hundred queues; the bytes are
 * bounded before this (256 KiB, 3 MiB for a plan).
 */
export const BODY_BUDGET: JsonBudget = { maxDepth: 32, maxKeys: 10_000 };

export type BodyReading =
  | { json: unknown }
  /** `fields`: the body's top-level plain values, found without reading the rest (empty when it is not JSON). */
  | { refusal: Violation; fields: Record<string, unknown> };

/** Empty is `undefined`; over the budget or not JSON is a refusal, and no code walks such a body. */
export function readBody(raw: string): BodyReading {
  if (raw.trim() === '') return { json: undefined };
  const { verdict, topLevel } = measureJson(raw, BODY_BUDGET);
  if (verdict === 'too_deep')
    return { refusal: violation('too_deep', 'body', { max: BODY_BUDGET.maxDepth }), fields: plainObjectOf(topLevel) };
  if (verdict === 'too_many_keys')
    return {
      refusal: violation('too_many_keys', 'body', { max: BODY_BUDGET.maxKeys }),
      fields: plainObjectOf(topLevel),
    };
  try {
    return { json: JSON.parse(raw) };
  } catch {
    return { refusal: violation('invalid_json', 'body', {}), fields: {} };
  }
}
