// Evaluator queues: which body confirms which member's task, and who sits on each queue.
import type { Role } from './catalogue';
import { findTask, type YearConfig } from './config';
import { normalizeName } from './text';

/** A queue id as API.md spells it: `BTV_DOAN_KHOI`, `CAP_UY:{unitId}`, `BCH_CO_SO:{unitId}`, `TO:{groupId}`. */
export interface QueueRef {
  role: Role;
  /** Unit id for CAP_UY and BCH_CO_SO, group id for TO, null for BTV_DOAN_KHOI. */
  scope: string | null;
}

export function parseQueueId(value: string): QueueRef | undefined {
  if (value === 'BTV_DOAN_KHOI') return { role: 'BTV_DOAN_KHOI', scope: null };
  const match = /^(CAP_UY|BCH_CO_SO|TO):([A-Za-z0-9_.-]+)$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { role: match[1] as Role, scope: match[2] };
}

export function queueId(ref: QueueRef): string {
  return ref.scope === null ? ref.role : `${ref.role}:${ref.scope}`;
}

/** The member a piece of evidence belongs to, as the queues see them. */
export interface MemberScope {
  email: string;
  unitId: string;
  groupId: string | null;
}

/** Every queue where this member's evidence for `taskCode` waits; any of them may decide it. */
export function queuesFor(config: YearConfig, taskCode: string, member: MemberScope): string[] {
  const task = findTask(config, taskCode);
  if (!task) return [];
  return task.confirmedBy.flatMap((role): string[] => {
    switch (role) {
      case 'BTV_DOAN_KHOI':
        return ['BTV_DOAN_KHOI'];
      case 'CAP_UY':
      case 'BCH_CO_SO':
        return [`${role}:${member.unitId}`];
      case 'TO':
        return member.groupId === null ? [] : [`TO:${member.groupId}`];
    }
  });
}

/** Every queue the year has, for building the queue spreadsheets. */
export function allQueues(config: YearConfig): string[] {
  const roles = new Set(config.tasks.flatMap((t) => t.confirmedBy));
  const queues: string[] = [];
  if (roles.has('BTV_DOAN_KHOI')) queues.push('BTV_DOAN_KHOI');
  for (const unit of config.units) {
    if (roles.has('CAP_UY')) queues.push(`CAP_UY:${unit.id}`);
    if (roles.has('BCH_CO_SO')) queues.push(`BCH_CO_SO:${unit.id}`);
  }
  if (roles.has('TO')) for (const group of config.groups) queues.push(`TO:${group.id}`);
  return queues;
}

/** The e-mails allowed to decide in a queue (normalised), or undefined when its scope is unknown. */
export function queueEvaluators(config: YearConfig, ref: QueueRef): string[] | undefined {
  switch (ref.role) {
    case 'BTV_DOAN_KHOI':
      return config.committee.BTV_DOAN_KHOI.map(normalizeName);
    case 'CAP_UY':
    case 'BCH_CO_SO': {
      const unit = config.units.find((u) => u.id === ref.scope);
      return unit?.evaluators[ref.role].map(normalizeName);
    }
    case 'TO': {
      const group = config.groups.find((g) => g.id === ref.scope);
      return group ? [group.leader, group.supervisor].map(normalizeName) : undefined;
    }
  }
}
