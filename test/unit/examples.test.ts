// The example plan the README tells people to push stays a valid plan.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveYearConfig } from '../../functions/src/domain/config';
import { integrationPlan } from '../fixtures/plan';

describe('functions/dev/examples/year-2020.json', () => {
  it('is accepted, with its own amendment deadline and the plan defaults elsewhere', () => {
    const result = resolveYearConfig(JSON.parse(readFileSync('functions/dev/examples/year-2020.json', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.calendar.amendmentCloses).toBe('2020-07-15');
    expect(result.config.calendar.registrationCloses).toBe('2020-01-31');
    expect(result.config.tasks).toHaveLength(12);
  });

  it('names the units, groups and people of the tests’ plan (test/fixtures/plan.ts); only its nominees are its own', () => {
    const example = JSON.parse(readFileSync('functions/dev/examples/year-2020.json', 'utf8')) as ReturnType<
      typeof integrationPlan
    >;
    const plan = integrationPlan();
    const roster = (units: typeof plan.units) => units.map((u) => ({ ...u, nominees: undefined }));
    expect(roster(example.units)).toEqual(roster(plan.units));
    expect(example.groups).toEqual(plan.groups);
    expect(example.committee).toEqual(plan.committee);
  });
});
