// POST /v1/evidence: record an evidence entry as pending in the right evaluators' queues.
import type { YearConfig } from '../domain/config';
import { checkEvidence } from '../domain/evidence';
import { queuesFor } from '../domain/queues';
import { EvidenceBody } from './bodies';
import type { EvidenceDoc } from '../model';
import type { AppContext, Caller, Outcome } from './context';
import { evidenceIdFor, memberIdFor } from './ids';
import { registeredCodes, rescore } from './journey';
import { submit } from './submission';
import { loadConfig, yearNotFound } from './year';
import { evidenceNotice } from './mail/notices';

export function submitEvidence(ctx: AppContext, raw: string, json: unknown, caller: Caller): Promise<Outcome> {
  return submit<typeof EvidenceBody, YearConfig>(
    ctx,
    { kind: 'evidence', raw, json, caller },
    {
      schema: EvidenceBody,
      keyOf: (b) => b.responseId,
      action: 'evidence',
      locate: async (body) => {
        const config = await loadConfig(ctx, body.year);
        if (!config) return { refused: [yearNotFound(body.year)], year: body.year };
        return { year: body.year, email: body.email, lockKey: memberIdFor(body.email), found: config };
      },
      decide: async (tx, body, now, config) => {
        const memberId = memberIdFor(body.email);
        const journey = await tx.getJourney(body.year, memberId);
        const submittedAt = new Date(body.submittedAt);
        const check = checkEvidence(
          { ...body, submittedAt },
          config,
          journey ? registeredCodes(config, journey) : undefined,
        );
        if (!check.ok || !journey) return { status: 'refused', errors: check.ok ? [] : check.violations };
        const evidenceId = evidenceIdFor(body.year, body.responseId);
        const evidence: EvidenceDoc = {
          year: body.year,
          evidenceId,
          responseId: body.responseId,
          memberId,
          email: journey.email,
          fullName: journey.fullName,
          unitId: journey.unitId,
          groupId: journey.groupId,
          task: check.task,
          activityDate: body.activityDate,
          submittedAt: submittedAt.toISOString(),
          description: body.description,
          links: (body.links ?? []).filter((l) => l !== ''),
          essay: body.essay ?? null,
          words: check.words,
          initiative: body.initiative ?? null,
          rating: body.rating ?? null,
          meetingKind: body.meetingKind ?? null,
          queues: queuesFor(config, check.task, journey),
          status: 'pending',
          decisions: [],
          receivedAt: now.toISOString(),
        };
        const updated = rescore(config, {
          ...journey,
          entries: [
            ...journey.entries,
            {
              evidenceId,
              task: check.task,
              activityDate: body.activityDate,
              submittedAt: evidence.submittedAt,
              decisions: [],
            },
          ],
          updatedAt: now.toISOString(),
        });
        return {
          status: 'accepted',
          id: evidenceId,
          writes: (w) => {
            w.putEvidence(evidence);
            w.putJourney(updated);
          },
          changes: [
            { kind: 'evidence', year: body.year, memberId, evidenceId, queues: evidence.queues },
            { kind: 'journey', year: body.year, memberId },
          ],
          notice: evidenceNotice(config, evidence),
        };
      },
    },
  );
}
