// The body budget measured on JSON text: depth and width limits hold exactly, strings never count, and the top-level plain values are found.
import { describe, expect, it } from 'vitest';
import { measureJson, plainObjectOf } from '../../functions/src/lib/json-budget';
import { illFormedFields } from '../../functions/src/domain/unicode';
import { BODY_BUDGET, readBody } from '../../functions/src/http/body';

const budget = { maxDepth: 4, maxKeys: 3 };
const arrays = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const objects = (depth: number, inner = '1'): string => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
const wide = (keys: number): string => `{${Array.from({ length: keys }, (_, i) => `"k${i}":${i}`).join(',')}}`;

describe('measureJson', () => {
  it.each([
    ['arrays at the limit', arrays(4), 'within'],
    ['arrays one past it', arrays(5), 'too_deep'],
    ['objects at the limit', objects(4), 'within'],
    ['objects one past it', objects(5), 'too_deep'],
    ['mixed nesting past it', '{"a":[{"b":[{"c":1}]}]}', 'too_deep'],
    ['brackets inside strings', '{"a":"[[[[[[{{{{{{","b":"\\"[[[[[["}', 'within'],
    ['an escaped backslash before a closing quote', '["\\\\",[[[1]]]]', 'within'],
    ['an object with as many members as allowed', wide(3), 'within'],
    ['one member more', wide(4), 'too_many_keys'],
    ['a wide object nested in an array', `[${wide(4)}]`, 'too_many_keys'],
    ['commas inside strings', '{"a":"x,y,z,w,v","b":1}', 'within'],
    ['an array is as long as its bytes allow', `[${Array.from({ length: 1000 }, () => '0').join(',')}]`, 'within'],
    ['not JSON, shallow', '{bad', 'within'],
  ])('%s', (_name, text, verdict) => {
    expect(measureJson(text, budget).verdict).toBe(verdict);
  });

  it('stops at the first level past the budget, whatever the nesting below (100,000 levels)', () => {
    expect(measureJson(arrays(100_000), BODY_BUDGET).verdict).toBe('too_deep');
    expect(measureJson(objects(100_000), BODY_BUDGET).verdict).toBe('too_deep');
  });

  it('counts members per object: 10,000 pass, 10,001 do not, and 100,000 stop at the first one over', () => {
    expect(measureJson(wide(10_000), BODY_BUDGET).verdict).toBe('within');
    expect(measureJson(wide(10_001), BODY_BUDGET).verdict).toBe('too_many_keys');
    expect(measureJson(wide(100_000), BODY_BUDGET).verdict).toBe('too_many_keys');
  });

  it('finds the top-level plain values of a refused body, skipping nested ones and reading escapes', () => {
    const text = `{"responseId": "r-1", "year":2019 ,"email":${arrays(50, '"x"')},"fullName":"Nguy\\u1ec5n \\"An\\"","ok":true,"none":null,"__proto__":"p","deep":${objects(40)}}`;
    const { verdict, topLevel } = measureJson(text, BODY_BUDGET);
    expect(verdict).toBe('too_deep');
    // The scan stops at the first level too deep: the members before it are found.
    expect(plainObjectOf(topLevel)).toEqual({ responseId: 'r-1', year: 2019 });
    const within = measureJson(
      text.replace(arrays(50, '"x"'), '"an@example.vn"').replace(objects(40), '[]'),
      BODY_BUDGET,
    );
    const fields = plainObjectOf(within.topLevel);
    expect(fields).toEqual(
      JSON.parse(
        '{"responseId":"r-1","year":2019,"email":"an@example.vn","fullName":"Nguyễn \\"An\\"","ok":true,"none":null,"__proto__":"p"}',
      ),
    );
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('finds no members in a body that is not an object', () => {
    expect(measureJson('[1,2,3]', budget).topLevel).toEqual([]);
    expect(measureJson('"text"', budget).topLevel).toEqual([]);
  });
});

describe('readBody', () => {
  it('refuses a body over the budget with a Vietnamese reason, before parsing it', () => {
    const reading = readBody(`{"year":2019,"email":${arrays(100_000)}}`);
    expect(reading).toMatchObject({ refusal: { field: 'body', code: 'too_deep' }, fields: { year: 2019 } });
    expect('refusal' in reading && reading.refusal.message).toContain('lồng nhau quá sâu');
    expect(readBody(wide(10_001))).toMatchObject({ refusal: { code: 'too_many_keys' } });
  });

  it('parses a body within it, and refuses text that is not JSON', () => {
    expect(readBody('{"a":[1]}')).toEqual({ json: { a: [1] } });
    expect(readBody('  ')).toEqual({ json: undefined });
    expect(readBody('{bad')).toMatchObject({ refusal: { code: 'invalid_json' }, fields: {} });
  });
});

describe('illFormedFields walks without recursion', () => {
  it('finds a lone surrogate 100,000 levels down', () => {
    let value: unknown = 'x\ud800';
    for (let i = 0; i < 100_000; i += 1) value = [value];
    expect(illFormedFields(value)).toEqual([Array.from({ length: 100_000 }, () => '0').join('.')]);
  });

  it('lists fields in document order, a broken key as its parent, and at most 50', () => {
    expect(illFormedFields({ a: 'ok', b: ['x\udc00', 'ok', 'y\ud800'], c: { ['k\ud800']: 1 }, d: 'z\ud83d' })).toEqual([
      'b.0',
      'b.2',
      'c',
      'd',
    ]);
    expect(illFormedFields(Array.from({ length: 500 }, () => '\ud800'))).toHaveLength(50);
  });
});
