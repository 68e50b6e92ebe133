// Planned entries and decisions as requests: evidence forms, and evaluations that name the evidence id the function gave.
import type { DecisionPlan, EntryPlan, PlannedRequest, SelfEvaluation } from '../scenario/plan';

/** The evidence id the function gave each entry when it was accepted. */
export type EvidenceIds = ReadonlyMap<EntryPlan, string>;

export function evidenceRequests(entries: readonly EntryPlan[]): PlannedRequest[] {
  return entries.map((e) => ({
    what: `minh chứng ${e.task} của ${e.member.fullName}`,
    method: 'POST',
    path: '/v1/evidence',
    body: e.body,
  }));
}

/** Pairs each entry with the id its request got (`ids` in the order of `entries`); an entry without one stops the demo. */
export function evidenceIds(entries: readonly EntryPlan[], ids: readonly (string | null)[]): EvidenceIds {
  const idOf = new Map<EntryPlan, string>();
  entries.forEach((entry, i) => {
    const id = ids[i];
    if (!id) throw new Error(`Dữ liệu mẫu: minh chứng ${entry.task} của ${entry.member.fullName} không có mã.`);
    idOf.set(entry, id);
  });
  return idOf;
}

/** An edit of the decision column of a queue sheet, as Apps Script reports it. */
function evaluationBody(
  decision: Omit<DecisionPlan, 'round'>,
  evidenceId: string | undefined,
): Record<string, unknown> {
  return {
    editId: decision.editId,
    editedAt: decision.editedAt,
    queue: decision.queue,
    evidenceId,
    decision: decision.decision,
    ...(decision.comment === undefined ? {} : { comment: decision.comment }),
    evaluatorEmail: decision.evaluatorEmail,
  };
}

/** The decisions of `round` on every entry (1: the first decisions; 2: the later ones replacing them). */
export function evaluationRequests(entries: readonly EntryPlan[], idOf: EvidenceIds, round: 1 | 2): PlannedRequest[] {
  return entries.flatMap((entry) =>
    entry.decisions
      .filter((d) => d.round === round)
      .map((d) => ({
        what: `đánh giá ${entry.task} của ${entry.member.fullName} (${d.queue})`,
        method: 'POST',
        path: '/v1/evaluations',
        body: evaluationBody(d, idOf.get(entry)),
      })),
  );
}

export function selfEvaluationRequest(self: SelfEvaluation, idOf: EvidenceIds): PlannedRequest {
  return {
    what: self.what,
    method: 'POST',
    path: '/v1/evaluations',
    body: evaluationBody(self.decision, idOf.get(self.entry)),
    refusal: self.refusal,
  };
}
