// Report snapshots for the builders' tests: three members of the fixtures' year, scored as the store would hold them.
import type { ReportKind } from '../../functions/src/domain/mail';
import { parsePeriod, periodKindOf } from '../../functions/src/domain/periods';
import { queuesFor } from '../../functions/src/domain/queues';
import { rescore } from '../../functions/src/app/journey';
import type { ReportSnapshot } from '../../functions/src/app/mail/reports/snapshot';
import type { EvidenceDoc, JourneyDoc } from '../../functions/src/model';
import { must } from '../helpers';
import { completingEntries, GROUP, makeConfig, UNIT, PEOPLE, YEAR } from './domain/fixtures';
import { emptyResult } from '../../functions/src/domain/results';

export const config = makeConfig();

/** A stored journey: registered on `registeredAt`, with the entries given (scored as the store would hold it). */
export function journey(
  memberId: string,
  email: string,
  unitId: string,
  registeredAt: string,
  entries = completingEntries(),
): JourneyDoc {
  const doc: JourneyDoc = {
    year: YEAR,
    memberId,
    email,
    fullName: `Đoàn viên ${memberId}`,
    dateOfBirth: null,
    phone: null,
    unitId,
    groupId: unitId === UNIT.snv ? GROUP.to1 : GROUP.to2,
    training: ['RL1', 'RL2', 'RL3'],
    challenge: ['TT1'],
    registeredAt,
    amendedAt: null,
    entries: entries.map((e, i) => ({
      evidenceId: `${memberId}-${String(i)}`,
      task: e.task,
      activityDate: e.activityDate,
      submittedAt: must(e.decisions[0]).editedAt.toISOString(),
      decisions: e.decisions.map((d) => ({
        editId: d.editId,
        editedAt: d.editedAt.toISOString(),
        decision: d.decision,
      })),
    })),
    result: emptyResult(),
    party: { introducedAt: null, admittedAt: null, reference: null },
    consent: null,
    updatedAt: registeredAt,
  };
  return rescore(config, doc);
}

/** A pending entry of `member`, sent at `submittedAt`, waiting in the task's queues. */
export function pending(member: JourneyDoc, task: string, submittedAt: string): EvidenceDoc {
  return {
    year: YEAR,
    evidenceId: `${member.memberId}-${task}-${submittedAt}`,
    responseId: submittedAt,
    memberId: member.memberId,
    email: member.email,
    fullName: member.fullName,
    unitId: member.unitId,
    groupId: member.groupId,
    task,
    activityDate: submittedAt.slice(0, 10),
    submittedAt,
    description: 'Tham gia hiến máu',
    links: [],
    essay: null,
    words: null,
    initiative: null,
    rating: null,
    meetingKind: null,
    queues: queuesFor(config, task, member),
    status: 'pending',
    decisions: [],
    receivedAt: submittedAt,
  };
}

export const an = journey('an', PEOPLE.an, UNIT.snv, '2019-01-10T02:00:00.000Z');
export const binh = journey('binh', PEOPLE.binh, UNIT.snv, '2019-01-12T02:00:00.000Z', []);
export const lan = journey('lan', PEOPLE.lan, UNIT.stp, '2019-09-24T02:00:00.000Z', []);

export function snapshot(kind: ReportKind, label: string, patch: Partial<ReportSnapshot> = {}): ReportSnapshot {
  const period = must(parsePeriod(periodKindOf(kind), label), label);
  return {
    kind,
    config,
    period,
    now: new Date('2019-12-01T00:00:00Z'),
    units: new Set(config.units.map((u) => u.id)),
    audience: 'all',
    journeys: [an, binh, lan],
    evidence: [],
    refused: [],
    sheets: undefined,
    bookLink: (memberId) => `https://example.vn/book/${String(YEAR)}/${memberId}?t=token`,
    years: [],
    ...patch,
  };
}
