// The weekly summary to each member (the units of this run's slice): the one routine mail of the week.
import { localDate } from '../../../domain/dates';
import { PRIORITY } from '../../../domain/mail';
import type { EvidenceDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { isSendableAddress, memberWeekMailId } from '../ids';
import { asOf, remindsMembers } from './common';
import { memberLetter } from './member-letter';
import type { ReportSnapshot } from './snapshot';

export function membersDrafts({
  config,
  period,
  now,
  units,
  journeys,
  evidence,
  bookLink: link,
}: ReportSnapshot): MailDraft[] {
  const today = localDate(asOf(period, now));
  // In the reminder season the summary leads with what is left: it is the member's reminder of the week.
  const season = remindsMembers(config.year, period.start, config.calendar.evaluationCloses);
  const byMember = new Map<string, EvidenceDoc[]>();
  for (const e of evidence) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
  return journeys
    .filter((j) => units.has(j.unitId) && isSendableAddress(j.email))
    .map((journey) => {
      const reminder = season && journey.result.grade !== 'tot' && journey.result.grade !== 'xuat_sac';
      const letter = memberLetter({
        config,
        journey,
        evidence: byMember.get(journey.memberId) ?? [],
        today,
        link: link(journey.memberId),
        weekTitle: period.title,
        reminder,
      });
      return {
        id: memberWeekMailId(period.label, journey.email),
        year: config.year,
        // The week's one routine mail: a reminder when it leads with what is left, whichever job queued it first.
        kind: reminder ? ('reminders' as const) : ('members' as const),
        period: period.label,
        to: journey.email,
        priority: PRIORITY.member,
        subject: letter.subject,
        letter,
        contentKey: null,
      };
    });
}
