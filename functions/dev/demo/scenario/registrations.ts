// January's registrations: one per member, through the form; one member first sends too few tasks, one amends in March.
import { groupName, YEAR } from '../data/roster';
import { addDays, instant, pad } from './calendar';
import { DEMO_CONSENT } from './config';
import type { DemoMember, PlannedRequest, YearDraft } from './plan';
import { formsId, int } from './random';

export interface Registrations {
  /** Sent first, each before the member's corrected form. */
  refused: PlannedRequest[];
  accepted: PlannedRequest[];
  /** Sent in March, after the refused evidence for the task they add. */
  amendments: PlannedRequest[];
}

/** A registration form's answers; tasks as codes or as the form's option labels, the unit by name or by id, as people answer. */
function registrationBody(
  draft: YearDraft,
  member: DemoMember,
  useLabels: boolean,
  responseId: string,
  submittedAt: string,
  training: readonly string[],
): Record<string, unknown> {
  const codes = (list: readonly string[]): string[] => list.map((c) => (useLabels ? draft.label(c) : c));
  return {
    responseId,
    submittedAt,
    year: YEAR,
    email: member.email,
    fullName: member.fullName,
    unit: draft.rng() < 0.5 ? member.unit.name : member.unit.id,
    ...(member.groupId ? { group: groupName(member.groupId) } : {}),
    dateOfBirth: member.dateOfBirth,
    phone: member.phone,
    trainingTasks: codes(training),
    challengeTasks: codes(member.challenge),
    consent: DEMO_CONSENT,
  };
}

/** Every member registers in January; `tooFew` first sends a form with two training tasks, the day before. */
export function planRegistrations(draft: YearDraft, members: readonly DemoMember[], tooFew: DemoMember): Registrations {
  const { rng } = draft;
  const registrations: Registrations = { refused: [], accepted: [], amendments: [] };
  for (const member of members) {
    const day = `2019-01-${pad(int(rng, 3, 30))}`;
    const useLabels = rng() < 0.4;
    const body = (responseId: string, submittedAt: string, training: readonly string[]): Record<string, unknown> =>
      registrationBody(draft, member, useLabels, responseId, submittedAt, training);
    const submittedAt = instant(day, int(rng, 7, 22), int(rng, 0, 59));
    if (member === tooFew) {
      registrations.refused.push({
        what: `đăng ký chỉ có 2 nhiệm vụ rèn luyện của ${member.fullName}`,
        method: 'POST',
        path: '/v1/registrations',
        body: body(formsId(rng), instant(addDays(day, -1), 20, 15), member.training.slice(0, 2)),
        refusal: { status: 422, code: 'too_few_training_tasks' },
      });
    }
    const january = member.training.filter((c) => !member.amended.includes(c));
    registrations.accepted.push({
      what: `đăng ký của ${member.fullName}`,
      method: 'POST',
      path: '/v1/registrations',
      body: body(formsId(rng), submittedAt, january),
    });
    if (member.amended.length > 0) {
      registrations.amendments.push({
        what: `đăng ký bổ sung của ${member.fullName}`,
        method: 'POST',
        path: '/v1/registrations',
        body: body(formsId(rng), instant('2019-03-05', 9, 40), member.training),
      });
    }
  }
  return registrations;
}
