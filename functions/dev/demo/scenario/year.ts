// The demo year in order: the roster, January's registrations, the year's evidence and decisions, each refusal in its place.
import { roster, planAllTasks } from './members';
import { planEvidence } from './evidence';
import { withdrawDuplicates } from './decisions';
import type { DemoPlan, YearDraft } from './plan';
import { demoRandom } from './random';
import { planRegistrations } from './registrations';
import { chooseCast, misplacedEvidence, outsiderRegistrations, selfEvaluation } from './refusals';

/**
 * Plans the whole year before anything is sent. Every step draws from one seeded sequence, in this order,
 * so the same year comes out every time and a second seed meets only duplicates.
 * @param labels the form option labels of the tasks ("RL2 — …") from the served plan; unknown codes are sent as codes.
 */
export function planDemoYear(labels: ReadonlyMap<string, string>): DemoPlan {
  const rng = demoRandom();
  const { members, leaders } = roster(rng);
  planAllTasks(rng, members, leaders);
  const cast = chooseCast(members, leaders);
  let edits = 0;
  const draft: YearDraft = {
    rng,
    label: (code) => labels.get(code) ?? code,
    leaders,
    nextEdit: () => {
      edits += 1;
      return edits;
    },
    entries: [],
  };

  const registrations = planRegistrations(draft, members, cast.tooFew);
  const refusedRegistrations = [...registrations.refused, ...outsiderRegistrations(rng)];
  const essayDrafts = planEvidence(draft, members, cast);
  withdrawDuplicates(draft);
  const refusedEvidence = [...essayDrafts, ...misplacedEvidence(draft, cast)];

  return {
    members,
    refusedRegistrations,
    registrations: registrations.accepted,
    refusedEvidence,
    amendments: registrations.amendments,
    entries: draft.entries,
    selfEvaluation: selfEvaluation(draft.entries, cast.leader),
  };
}
