// POST /v1/evaluations: an evaluator's decision on an evidence entry, then the member's result is recomputed.
import type { YearConfig } from '../domain/config';
import { checkEvaluation, effectiveDecision } from '../domain/evaluation';
import { violation } from '../domain/violations';
import { EvaluationBody } from './bodies';
import type { DecisionRecord } from '../model';
import type { AppContext, Caller, Outcome } from './context';
import { yearOfEvidenceId } from './ids';
import { rescore } from './journey';
import { submit } from './submission';
import { loadConfig, yearNotFound } from './year';
import { decisionNotice } from './mail/notices';

/**
 * How the decision's evaluator was known, for the audit: from Google (`account`: the editor's signed-in account), picked
 * in the queue sheet (`named`), given by a caller that does not say how (`caller`), or not at all (`none`: the audit's
 * actor is then the caller).
 */
function evaluatorKnownBy(body: EvaluationBody): 'account' | 'named' | 'caller' | 'none' {
  if (body.evaluatorEmail === undefined) return 'none';
  return body.evaluatorSource ?? 'caller';
}

export function evaluate(ctx: AppContext, raw: string, json: unknown, caller: Caller): Promise<Outcome> {
  return submit<typeof EvaluationBody, { config: YearConfig; year: number }>(
    ctx,
    { kind: 'evaluation', raw, json, caller },
    {
      schema: EvaluationBody,
      keyOf: (b) => b.editId,
      action: 'evaluation',
      locate: async (body) => {
        const notFound = {
          refused: [violation('evidence_not_found', 'evidenceId', { id: body.evidenceId })],
          year: null,
        };
        const year = yearOfEvidenceId(body.evidenceId);
        if (year === undefined) return notFound;
        const [evidence, config] = await Promise.all([
          ctx.store.getEvidence(year, body.evidenceId),
          loadConfig(ctx, year),
        ]);
        if (!evidence) return { ...notFound, year };
        if (!config) return { refused: [yearNotFound(year)], year };
        return { year, email: body.evaluatorEmail ?? null, lockKey: evidence.memberId, found: { config, year } };
      },
      decide: async (tx, body, now, { config, year }) => {
        const evidence = await tx.getEvidence(year, body.evidenceId);
        if (!evidence)
          return {
            status: 'refused',
            errors: [violation('evidence_not_found', 'evidenceId', { id: body.evidenceId })],
          };
        const journey = await tx.getJourney(year, evidence.memberId);
        if (!journey)
          return {
            status: 'refused',
            errors: [violation('evidence_not_found', 'evidenceId', { id: body.evidenceId })],
          };
        const editedAt = new Date(body.editedAt);
        const violations = checkEvaluation({ ...body, editedAt }, config, { task: evidence.task, member: journey });
        if (violations.length > 0) return { status: 'refused', errors: violations, id: body.evidenceId };

        const record: DecisionRecord = {
          editId: body.editId,
          editedAt: editedAt.toISOString(),
          decision: body.decision,
          queue: body.queue,
          comment: body.comment ?? null,
          evaluatorEmail: body.evaluatorEmail ?? null,
          receivedAt: now.toISOString(),
        };
        const decisions = [...evidence.decisions.filter((d) => d.editId !== body.editId), record];
        const latest = effectiveDecision(decisions.map((d) => ({ ...d, editedAt: new Date(d.editedAt) })));
        const summary = decisions.map((d) => ({ editId: d.editId, editedAt: d.editedAt, decision: d.decision }));
        const updated = rescore(config, {
          ...journey,
          entries: journey.entries.map((e) =>
            e.evidenceId === evidence.evidenceId ? { ...e, decisions: summary } : e,
          ),
          updatedAt: now.toISOString(),
        });
        return {
          status: 'accepted',
          id: body.evidenceId,
          writes: (w) => {
            w.putEvidence({ ...evidence, decisions, status: latest?.decision ?? 'pending' });
            w.putJourney(updated);
          },
          changes: [
            {
              kind: 'evidence',
              year,
              memberId: evidence.memberId,
              evidenceId: evidence.evidenceId,
              queues: evidence.queues,
            },
            { kind: 'journey', year, memberId: evidence.memberId },
          ],
          notice: decisionNotice(config, evidence, record, updated),
          // Who decided (the audit's actor is the evaluator's e-mail) and how that was known.
          audit: { queue: body.queue, evaluatorKnownBy: evaluatorKnownBy(body) },
        };
      },
    },
  );
}
