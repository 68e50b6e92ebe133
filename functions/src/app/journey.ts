// Building and rescoring a member's journey document from its registration and entries.
import type { YearConfig } from '../domain/config';
import { scoreJourney } from '../domain/results';
import type { JourneyDoc } from '../model';

/** Recomputes the stored result from the journey's own registration and entries (domain engine). */
export function rescore(config: YearConfig, journey: JourneyDoc): JourneyDoc {
  const result = scoreJourney(
    config,
    { training: journey.training, challenge: journey.challenge },
    journey.entries.map((e) => ({
      task: e.task,
      activityDate: e.activityDate,
      decisions: e.decisions.map((d) => ({ editId: d.editId, editedAt: new Date(d.editedAt), decision: d.decision })),
    })),
  );
  return { ...journey, result };
}

/** Every task code the member is registered for: the mandatory ones and their choices. */
export function registeredCodes(config: YearConfig, journey: Pick<JourneyDoc, 'training' | 'challenge'>): string[] {
  return [
    ...config.tasks.filter((t) => t.group === 'BB').map((t) => t.code),
    ...journey.training,
    ...journey.challenge,
  ];
}

/**
 * A journey as it stood at `at`: registered by then, with the entries sent and the decisions made by then, rescored
 * by the engine. A report on a past quarter shows that quarter, not today.
 */
export function journeyAt(config: YearConfig, journey: JourneyDoc, at: Date): JourneyDoc | undefined {
  const limit = at.toISOString();
  if (journey.registeredAt > limit) return undefined;
  const entries = journey.entries
    .filter((e) => e.submittedAt <= limit)
    .map((e) => ({ ...e, decisions: e.decisions.filter((d) => d.editedAt <= limit) }));
  return rescore(config, { ...journey, entries });
}
