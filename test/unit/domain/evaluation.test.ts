// Evaluators' decisions (SPEC flow 3, API Evaluation): the queue's role, scope and people, the deadline, and which decision counts.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../functions/src/domain/catalogue';
import {
  checkEvaluation,
  effectiveDecision,
  type Decision,
  type EvaluationInput,
} from '../../../functions/src/domain/evaluation';
import type { Violation } from '../../../functions/src/domain/violations';
import { ALL_CODES, approved, GROUP, makeConfig, memberScope, needsInfo, PEOPLE, rejected, UNIT, vn } from './fixtures';

const config = makeConfig();
const member = memberScope(); // an, Đoàn Sở Nội vụ, Tổ 1

function evaluate(task: string, patch: Partial<EvaluationInput> = {}, who = member): Violation[] {
  return checkEvaluation({ editedAt: vn('2019-06-15T10:00'), queue: 'BTV_DOAN_KHOI', ...patch }, config, {
    task,
    member: who,
  });
}
const codes = (violations: Violation[]): string[] => violations.map((v) => v.code);

/** SPEC task table, "confirmed by". */
const CONFIRMERS: Record<string, Role[]> = {
  BB1: ['CAP_UY'],
  BB2: ['BTV_DOAN_KHOI', 'CAP_UY'],
  BB3: ['BTV_DOAN_KHOI'],
  RL1: ['BCH_CO_SO'],
  RL2: ['BCH_CO_SO'],
  RL3: ['BTV_DOAN_KHOI'],
  RL4: ['BTV_DOAN_KHOI'],
  RL5: ['BTV_DOAN_KHOI'],
  RL6: ['TO'],
  TT1: ['BTV_DOAN_KHOI'],
  TT3: ['BTV_DOAN_KHOI', 'CAP_UY'],
  TT4: ['BTV_DOAN_KHOI'],
};
const MEMBER_QUEUE: Record<Role, string> = {
  BTV_DOAN_KHOI: 'BTV_DOAN_KHOI',
  CAP_UY: `CAP_UY:${UNIT.snv}`,
  BCH_CO_SO: `BCH_CO_SO:${UNIT.snv}`,
  TO: `TO:${GROUP.to1}`,
};
const ROLE_LIST: Role[] = ['BTV_DOAN_KHOI', 'CAP_UY', 'BCH_CO_SO', 'TO'];

describe('the queue role must confirm the task (SPEC task table)', () => {
  const cases = ALL_CODES.flatMap((code) =>
    ROLE_LIST.map((role) => ({ code, role, allowed: (CONFIRMERS[code] ?? []).includes(role) })),
  );

  it.each(cases)('$code decided from the $role queue → allowed: $allowed', ({ code, role, allowed }) => {
    const violations = evaluate(code, { queue: MEMBER_QUEUE[role] });
    if (allowed) expect(violations).toEqual([]);
    else {
      expect(codes(violations)).toEqual(['not_allowed_to_evaluate']);
      expect(violations[0]?.message).toContain(code);
    }
  });

  it('RL1 from BTV_DOAN_KHOI → not_allowed_to_evaluate', () => {
    expect(codes(evaluate('RL1', { queue: 'BTV_DOAN_KHOI' }))).toEqual(['not_allowed_to_evaluate']);
  });

  it('a task changed by the year config is confirmed by its new role only', () => {
    const changed = makeConfig({ tasks: [{ code: 'RL5', confirmedBy: ['BCH_CO_SO'] }] });
    const check = (queue: string): string[] =>
      codes(checkEvaluation({ editedAt: vn('2019-06-15'), queue }, changed, { task: 'RL5', member }));
    expect(check(`BCH_CO_SO:${UNIT.snv}`)).toEqual([]);
    expect(check('BTV_DOAN_KHOI')).toEqual(['not_allowed_to_evaluate']);
  });
});

describe("the member must belong to the queue's unit or group", () => {
  it.each([
    ['BB1', `CAP_UY:${UNIT.syt}`],
    ['RL2', `BCH_CO_SO:${UNIT.stp}`],
    ['RL6', `TO:${GROUP.to2}`],
  ])('%s of a member of Sở Nội vụ / Tổ 1 from %s → outside_queue_scope', (task, queue) => {
    expect(codes(evaluate(task, { queue }))).toEqual(['outside_queue_scope']);
  });

  it('a member with no group is outside every TO queue', () => {
    expect(codes(evaluate('RL6', { queue: `TO:${GROUP.to1}` }, memberScope({ groupId: null })))).toEqual([
      'outside_queue_scope',
    ]);
  });

  it('BTV_DOAN_KHOI covers members of every unit', () => {
    expect(evaluate('BB3', {}, memberScope({ email: PEOPLE.em, unitId: UNIT.syt, groupId: GROUP.to2 }))).toEqual([]);
  });
});

describe('the evaluator: listed for the queue, never the member themself', () => {
  it.each([
    ['BTV_DOAN_KHOI', PEOPLE.btv2, 'BB3'],
    [`CAP_UY:${UNIT.snv}`, PEOPLE.capUySnv, 'BB1'],
    [`BCH_CO_SO:${UNIT.snv}`, PEOPLE.bchSnv, 'RL1'],
    [`TO:${GROUP.to1}`, PEOPLE.leader1, 'RL6'],
    [`TO:${GROUP.to1}`, PEOPLE.supervisor1, 'RL6'],
    ['BTV_DOAN_KHOI', ` ${PEOPLE.btv.toUpperCase()} `, 'TT1'],
  ])('%s: listed evaluator %s may decide %s', (queue, evaluatorEmail, task) => {
    expect(evaluate(task, { queue, evaluatorEmail })).toEqual([]);
  });

  it.each([
    ['BTV_DOAN_KHOI', PEOPLE.capUySnv, 'BB3'],
    [`CAP_UY:${UNIT.snv}`, PEOPLE.capUySyt, 'BB1'],
    [`TO:${GROUP.to1}`, PEOPLE.leader2, 'RL6'],
  ])('%s: %s is not listed → evaluator_not_listed', (queue, evaluatorEmail, task) => {
    const violations = evaluate(task, { queue, evaluatorEmail });
    expect(codes(violations)).toEqual(['evaluator_not_listed']);
    expect(violations[0]?.field).toBe('evaluatorEmail');
  });

  it('self-evaluation is refused, even when the member is listed for the queue', () => {
    const selfListed = makeConfig({ committee: { BTV_DOAN_KHOI: [PEOPLE.btv, PEOPLE.an], digestTo: [] } });
    const violations = checkEvaluation(
      { editedAt: vn('2019-06-15'), queue: 'BTV_DOAN_KHOI', evaluatorEmail: PEOPLE.an.toUpperCase() },
      selfListed,
      { task: 'BB3', member },
    );
    expect(codes(violations)).toEqual(['self_evaluation']);
  });

  it('no evaluator e-mail given: the queue check alone decides', () => {
    expect(evaluate('BB3', { evaluatorEmail: undefined })).toEqual([]);
    expect(evaluate('BB3', { evaluatorEmail: '  ' })).toEqual([]);
  });
});

describe('decisions after evaluationCloses (31/10) are refused unless the committee reopens', () => {
  it.each([
    ['31/10 23:59 in Vietnam', new Date('2019-10-31T16:59:00Z'), []],
    ['2019-10-31T17:30:00Z, which is 01/11 00:30 in Vietnam', new Date('2019-10-31T17:30:00Z'), ['evaluation_closed']],
    ['in December', vn('2019-12-01'), ['evaluation_closed']],
  ])('a decision at %s → %j', (_when, editedAt, expected) => {
    const violations = evaluate('BB3', { editedAt });
    expect(codes(violations)).toEqual(expected);
    if (expected.length > 0) expect(violations[0]?.message).toContain('31/10/2019');
  });

  it('reopened by the config (evaluationCloses 15/11): accepted on 10/11', () => {
    const reopened = makeConfig({ calendar: { evaluationCloses: '2019-11-15' } });
    expect(
      checkEvaluation({ editedAt: vn('2019-11-10'), queue: 'BTV_DOAN_KHOI' }, reopened, { task: 'BB3', member }),
    ).toEqual([]);
  });
});

describe('unknown queue ids are refused', () => {
  it.each(['BTV', 'btv_doan_khoi', `CAP_UY:khong-co`, 'TO:', `TO:to-9`, 'BAN_TO_CHUC:x', `CAP_UY:${UNIT.snv}:x`, ''])(
    '"%s" → unknown_queue',
    (queue) => {
      const violations = evaluate('BB3', { queue });
      expect(codes(violations)).toEqual(['unknown_queue']);
      expect(violations[0]?.field).toBe('queue');
    },
  );
});

describe('every permission problem is returned at once', () => {
  it('wrong role, wrong unit, unlisted evaluator and too late', () => {
    const violations = evaluate('RL1', {
      queue: `CAP_UY:${UNIT.syt}`,
      evaluatorEmail: PEOPLE.bchSnv,
      editedAt: vn('2019-11-02'),
    });
    expect(codes(violations).sort()).toEqual([
      'evaluation_closed',
      'evaluator_not_listed',
      'not_allowed_to_evaluate',
      'outside_queue_scope',
    ]);
  });
});

describe('later decisions replace earlier ones by editedAt, not arrival order', () => {
  it('the latest decision wins whatever order they arrive in', () => {
    const first = approved('2019-06-01T09:00');
    const second = needsInfo('2019-06-02T09:00');
    const third = rejected('2019-06-03T09:00');
    for (const order of [
      [first, second, third],
      [third, second, first],
      [second, third, first],
    ]) {
      expect(effectiveDecision(order)).toBe(third);
    }
  });

  it('a decision that arrives late but was made earlier does not override', () => {
    const madeLater = approved('2019-06-05T09:00');
    const arrivesLater = rejected('2019-06-04T09:00');
    expect(effectiveDecision([madeLater, arrivesLater])?.decision).toBe('approved');
  });

  it('decisions made at the same instant are ordered by edit id, so the answer does not depend on arrival', () => {
    const a = approved('2019-06-05T09:00', 'edit-a');
    const b = rejected('2019-06-05T09:00', 'edit-b');
    expect(effectiveDecision([a, b])).toBe(b);
    expect(effectiveDecision([b, a])).toBe(b);
  });

  it('no decision → undefined', () => {
    const none: Decision[] = [];
    expect(effectiveDecision(none)).toBeUndefined();
  });
});
