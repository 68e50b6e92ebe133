// Where a member stands on one task of the year: its status and the entries counted towards it (SPEC §2 Results).

export const TASK_STATUSES = ['not_registered', 'not_started', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskProgress {
  status: TaskStatus;
  approved: number;
  pending: number;
  required: number;
}
