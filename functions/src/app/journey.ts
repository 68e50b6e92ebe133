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
