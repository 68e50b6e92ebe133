// Evaluator queues (API Evaluation, SPEC task table): where a member's evidence waits and who sits on each queue.
import { describe, expect, it } from 'vitest';
import { allQueues, parseQueueId, queueEvaluators, queueId, queuesFor } from '../../../functions/src/domain/queues';
import { GROUP, makeConfig, memberScope, PEOPLE, UNIT } from './fixtures';

const config = makeConfig();
const member = memberScope(); // Đoàn Sở Nội vụ, Tổ 1

describe('queuesFor: each task waits in the queues of the roles that confirm it, scoped to the member', () => {
  it.each([
    ['BB1', [`CAP_UY:${UNIT.snv}`]],
    ['BB2', ['BTV_DOAN_KHOI', `CAP_UY:${UNIT.snv}`]],
    ['BB3', ['BTV_DOAN_KHOI']],
    ['RL1', [`BCH_CO_SO:${UNIT.snv}`]],
    ['RL2', [`BCH_CO_SO:${UNIT.snv}`]],
    ['RL3', ['BTV_DOAN_KHOI']],
    ['RL4', ['BTV_DOAN_KHOI']],
    ['RL5', ['BTV_DOAN_KHOI']],
    ['RL6', [`TO:${GROUP.to1}`]],
    ['TT1', ['BTV_DOAN_KHOI']],
    ['TT3', ['BTV_DOAN_KHOI', `CAP_UY:${UNIT.snv}`]],
    ['TT4', ['BTV_DOAN_KHOI']],
  ])('%s → %j', (task, queues) => {
    expect([...queuesFor(config, task, member)].sort()).toEqual([...queues].sort());
  });

  it('the unit scope follows the member: BB2 of a member of SYT waits in CAP_UY:SYT', () => {
    expect(queuesFor(config, 'BB2', memberScope({ unitId: UNIT.syt }))).toContain(`CAP_UY:${UNIT.syt}`);
  });

  it('RL6 of a member without a group waits nowhere; an unknown task has no queue', () => {
    expect(queuesFor(config, 'RL6', memberScope({ groupId: null }))).toEqual([]);
    expect(queuesFor(config, 'TT2', member)).toEqual([]);
  });
});

describe('allQueues: one BTV queue, CAP_UY and BCH_CO_SO per unit, TO per group', () => {
  it('lists every queue of the 2019 roster once', () => {
    const queues = allQueues(config);
    expect([...queues].sort()).toEqual(
      [
        'BTV_DOAN_KHOI',
        `CAP_UY:${UNIT.snv}`,
        `CAP_UY:${UNIT.stp}`,
        `CAP_UY:${UNIT.syt}`,
        `BCH_CO_SO:${UNIT.snv}`,
        `BCH_CO_SO:${UNIT.stp}`,
        `BCH_CO_SO:${UNIT.syt}`,
        `TO:${GROUP.to1}`,
        `TO:${GROUP.to2}`,
      ].sort(),
    );
    expect(new Set(queues).size).toBe(queues.length);
  });

  it('every queue a task can wait in is one of allQueues', () => {
    const queues = new Set(allQueues(config));
    for (const task of config.tasks)
      for (const q of queuesFor(config, task.code, member)) expect(queues.has(q)).toBe(true);
  });

  it('a role no task uses in the year has no queues', () => {
    const noGroups = makeConfig({ tasks: [{ code: 'RL6', confirmedBy: ['BCH_CO_SO'] }] });
    expect(allQueues(noGroups).some((q) => q.startsWith('TO:'))).toBe(false);
  });
});

describe('queue ids and evaluators', () => {
  it.each(['BTV_DOAN_KHOI', `CAP_UY:${UNIT.snv}`, `BCH_CO_SO:${UNIT.syt}`, `TO:${GROUP.to2}`])(
    '%s parses and prints back unchanged',
    (id) => {
      const ref = parseQueueId(id);
      expect(ref).toBeDefined();
      if (ref) expect(queueId(ref)).toBe(id);
    },
  );

  it('parses role and scope', () => {
    expect(parseQueueId(`CAP_UY:${UNIT.snv}`)).toEqual({ role: 'CAP_UY', scope: UNIT.snv });
    expect(parseQueueId('BTV_DOAN_KHOI')).toEqual({ role: 'BTV_DOAN_KHOI', scope: null });
    expect(parseQueueId('BTV_DOAN_KHOI:x')).toBeUndefined();
    expect(parseQueueId('CAP_UY')).toBeUndefined();
  });

  it('evaluators: committee for BTV, the unit lists for CAP_UY and BCH_CO_SO, leader and supervisor for TO', () => {
    expect(queueEvaluators(config, { role: 'BTV_DOAN_KHOI', scope: null })).toEqual([PEOPLE.btv, PEOPLE.btv2]);
    expect(queueEvaluators(config, { role: 'CAP_UY', scope: UNIT.snv })).toEqual([PEOPLE.capUySnv]);
    expect(queueEvaluators(config, { role: 'BCH_CO_SO', scope: UNIT.stp })).toEqual([PEOPLE.bchStp]);
    expect(queueEvaluators(config, { role: 'TO', scope: GROUP.to1 })).toEqual([PEOPLE.leader1, PEOPLE.supervisor1]);
    expect(queueEvaluators(config, { role: 'CAP_UY', scope: 'khong-co' })).toBeUndefined();
    expect(queueEvaluators(config, { role: 'TO', scope: 'to-9' })).toBeUndefined();
  });
});
