// Rule checks for an evidence entry (SPEC §2, flow 2): registered task, activity window, task-specific fields.
import { findTask, type YearConfig } from './config';
import { isWithin, localDate, monthOf, type IsoDate } from './dates';
import { normalizeName, taskCodeOf } from './text';
import { violation, type Violation } from './violations';
import { countWords } from './words';

export const MEETING_KINDS = ['themed', 'regular'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * The fields an entry carries beyond its description (BB3 word count, BB1 initiative and rating, RL1 kind of
 * meeting), as lines people read in the queue sheets and the journey book.
 * @example evidenceExtras({ words: 1204, initiative: null, rating: null, meetingKind: 'themed' }) // ['Bài viết: 1.204 chữ', 'Loại sinh hoạt: chủ điểm']
 */
export function evidenceExtras(e: {
  words: number | null;
  initiative: string | null;
  rating: string | null;
  meetingKind: MeetingKind | null;
}): string[] {
  return [
    e.words !== null ? `Bài viết: ${e.words.toLocaleString('vi-VN')} chữ` : '',
    e.initiative ? `Sáng kiến: ${e.initiative}` : '',
    e.rating ? `Xếp loại thi đua: ${e.rating}` : '',
    e.meetingKind ? `Loại sinh hoạt: ${e.meetingKind === 'themed' ? 'chủ điểm' : 'định kỳ'}` : '',
  ].filter((s) => s !== '');
}

export interface EvidenceInput {
  submittedAt: Date;
  task: string;
  activityDate: IsoDate;
  links?: readonly string[] | undefined;
  essay?: string | undefined;
  initiative?: string | undefined;
  rating?: string | undefined;
  meetingKind?: MeetingKind | undefined;
}

export type EvidenceCheck = { ok: true; task: string; words: number | null } | { ok: false; violations: Violation[] };

/**
 * Checks an evidence entry against the member's registered tasks (`registered`, undefined when the
 * member has no journey book this year) and the year's plan. Returns every violated rule.
 */
export function checkEvidence(
  input: EvidenceInput,
  config: YearConfig,
  registered: readonly string[] | undefined,
): EvidenceCheck {
  const { calendar, rules } = config;
  if (registered === undefined)
    return { ok: false, violations: [violation('member_not_registered', 'email', { year: config.year })] };

  const violations: Violation[] = [];
  const code = taskCodeOf(input.task);
  const task = findTask(config, code);
  if (!task) violations.push(violation('unknown_task', 'task', { value: input.task }));
  else if (!registered.includes(code)) violations.push(violation('task_not_registered', 'task', { code }));

  const submittedOn = localDate(input.submittedAt);
  if (!isWithin(input.activityDate, calendar.activityStarts, calendar.activityEnds)) {
    violations.push(
      violation('activity_outside_window', 'activityDate', {
        from: calendar.activityStarts,
        to: calendar.activityEnds,
      }),
    );
  } else if (input.activityDate > submittedOn) {
    violations.push(violation('activity_in_future', 'activityDate', { date: input.activityDate }));
  }
  if (submittedOn > calendar.evaluationCloses) {
    violations.push(violation('submission_closed', 'submittedAt', { closes: calendar.evaluationCloses }));
  }

  let words: number | null = null;
  const requires = task?.requires ?? {};
  if (requires.initiativeAndRating) {
    if (!input.initiative?.trim()) violations.push(violation('initiative_required', 'initiative', {}));
    const rating = input.rating?.trim();
    if (!rating) violations.push(violation('rating_required', 'rating', {}));
    else if (!rules.acceptedRatings.some((r) => normalizeName(r) === normalizeName(rating))) {
      violations.push(violation('rating_too_low', 'rating', { value: rating, accepted: rules.acceptedRatings }));
    }
  }
  if (requires.essay) {
    words = countWords(input.essay ?? '');
    if (words === 0) violations.push(violation('essay_required', 'essay', {}));
    else if (words <= rules.minEssayWords)
      violations.push(violation('essay_too_short', 'essay', { words, min: rules.minEssayWords }));
  }
  if (requires.meetingKind) {
    if (input.meetingKind === undefined) violations.push(violation('meeting_kind_required', 'meetingKind', {}));
    else if (input.meetingKind === 'themed' && !rules.themedMonths.includes(monthOf(input.activityDate))) {
      violations.push(violation('themed_meeting_wrong_month', 'activityDate', { months: rules.themedMonths }));
    }
  }
  if (requires.attachment && !(input.links ?? []).some((l) => l.trim() !== '')) {
    violations.push(violation('attachment_required', 'links', { code }));
  }
  return violations.length > 0 ? { ok: false, violations } : { ok: true, task: code, words };
}
