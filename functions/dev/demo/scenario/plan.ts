// The shapes of the planned demo year: members and their outcomes, entries with their decisions, the requests to send.
import type { DemoUnit } from '../data/roster';
import type { Rng } from './random';

/** How a member's year goes. */
export type Kind = 'excellent' | 'good' | 'fair' | 'incomplete' | 'idle';
/** What happens to one registered task during the year. */
export type Outcome = 'done' | 'pending' | 'rejected' | 'needs_info' | 'not_started' | 'short';

export interface DemoMember {
  index: number;
  fullName: string;
  email: string;
  unit: DemoUnit;
  groupId: string | null;
  dateOfBirth: string;
  phone: string;
  kind: Kind;
  training: string[];
  challenge: string[];
  outcomes: Map<string, Outcome>;
  /** Tasks added by an amendment in March (not in the January registration). */
  amended: string[];
}

export interface DecisionPlan {
  editId: string;
  editedAt: string;
  queue: string;
  evaluatorEmail: string;
  decision: 'approved' | 'rejected' | 'needs_info';
  comment?: string;
  /** 1: the first decision; 2: a later one replacing it. */
  round: 1 | 2;
}

export interface EntryPlan {
  member: DemoMember;
  /** The task code (the body may carry the form label instead). */
  task: string;
  body: Record<string, unknown>;
  decisions: DecisionPlan[];
}

export interface Expectation {
  status: number;
  code: string;
}

export interface PlannedRequest {
  what: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** A refusal the demo sends on purpose; absent for requests that must be accepted. */
  refusal?: Expectation;
}

/** A group leader deciding on their own entry: refused, since nobody evaluates themselves. Needs the entry's evidence id. */
export interface SelfEvaluation {
  what: string;
  entry: EntryPlan;
  decision: Omit<DecisionPlan, 'round'>;
  refusal: Expectation;
}

/** The whole year, planned before anything is sent. */
export interface DemoPlan {
  members: DemoMember[];
  refusedRegistrations: PlannedRequest[];
  registrations: PlannedRequest[];
  refusedEvidence: PlannedRequest[];
  amendments: PlannedRequest[];
  entries: EntryPlan[];
  selfEvaluation: SelfEvaluation;
}

/** What the steps of the scenario share while the year is planned. */
export interface YearDraft {
  /** The one random sequence of the year: every step draws from it in turn, so the order of the steps is part of the data. */
  rng: Rng;
  /** The form option label of a task ("RL2 — …"), or its code when the labels are not known. */
  label: (code: string) => string;
  leaders: ReadonlyMap<string, DemoMember>;
  /** Numbers the evaluators' sheet edits in the order they are planned. */
  nextEdit: () => number;
  entries: EntryPlan[];
}
