// The weekly summary to each member (the units of this run's slice): the one routine mail of the week.
import { localDate } from '../../../domain/dates';
import { PRIORITY } from '../../../domain/mail';
import type { EvidenceDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { isSendableAddress, memberWeekMailId } from '../ids';
import { asOf } from './common';
import { memberLetter, memberLinks } from './member-letter';
import { remindsMembers } from './reminders';
import type { ReportInput } from './run';

export async function membersDrafts({ ctx, mail, config, period, now, units }: ReportInput): Promise<MailDraft[]> {
  const today = localDate(asOf(period, now));
  const [journeys, evidence, link] = await Promise.all([
    ctx.store.listJourneys(config.year),
    ctx.store.listEvidence(config.year),
    memberLinks(mail.links, () => ctx.store.listBookLinkVersions(), config.year, now),
  ]);
  // In the reminder season the summary leads with what is left: it is the member's reminder of the week.
  const season = remindsMembers(config.year, period.start, config.calendar.evaluationCloses);
  const byMember = new Map<string, EvidenceDoc[]>();
  for (const e of evidence) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
  return journeys
    .filter((j) => units.has(j.unitId) && isSendableAddress(j.email))
    .map((journey) => {
      const letter = memberLetter({
        config,
        journey,
        evidence: byMember.get(journey.memberId) ?? [],
        today,
        link: link(journey.memberId),
        weekTitle: period.title,
        reminder: season && journey.result.grade !== 'tot' && journey.result.grade !== 'xuat_sac',
      });
      return {
        id: memberWeekMailId(period.label, journey.email),
        year: config.year,
        kind: 'members' as const,
        period: period.label,
        to: journey.email,
        priority: PRIORITY.member,
        subject: letter.subject,
        letter,
        contentKey: null,
      };
    });
}
