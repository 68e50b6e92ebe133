// Evaluator queues of a year (API.md queue ids), who sits on each, and their Vietnamese names.
import type { YearPlan } from './plan';

export interface QueueInfo {
  id: string;
  label: string;
  evaluators: string[];
}

/** Every queue the year has: BTV_DOAN_KHOI, CAP_UY:{unit}, BCH_CO_SO:{unit} per unit, TO:{group} per group — for the roles its tasks use. */
export function yearQueues(plan: YearPlan): QueueInfo[] {
  const roles = new Set(plan.tasks.flatMap((t) => t.confirmedBy));
  const queues: QueueInfo[] = [];
  if (roles.has('BTV_DOAN_KHOI')) {
    queues.push({ id: 'BTV_DOAN_KHOI', label: 'Ban Thường vụ Đoàn Khối', evaluators: plan.committee.BTV_DOAN_KHOI });
  }
  for (const unit of plan.units) {
    if (roles.has('CAP_UY'))
      queues.push({ id: `CAP_UY:${unit.id}`, label: `Cấp ủy — ${unit.name}`, evaluators: unit.evaluators.CAP_UY });
    if (roles.has('BCH_CO_SO')) {
      queues.push({
        id: `BCH_CO_SO:${unit.id}`,
        label: `BCH Đoàn cơ sở — ${unit.name}`,
        evaluators: unit.evaluators.BCH_CO_SO,
      });
    }
  }
  if (roles.has('TO')) {
    for (const group of plan.groups)
      queues.push({ id: `TO:${group.id}`, label: `Tổ — ${group.name}`, evaluators: [group.leader, group.supervisor] });
  }
  return queues;
}
