// A report's data, read once before it is built: the year's journeys and what its kind needs besides (evidence,
// refusals, the spreadsheets' addresses, members' book links, the phase's other years). Builders only read this.
import type { YearConfig } from '../../../domain/config';
import type { ReportKind } from '../../../domain/mail';
import type { Period } from '../../../domain/periods';
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../../../model';
import type { MailDraft, SheetsListing, Store } from '../../../ports';
import type { MailServices } from '../context';
import { remindsMembers } from './common';
import { memberLinks } from './member-letter';

export type ReportAudience = 'all' | 'evaluators' | 'members';

/** One year of the phase, for the phase summary. */
export interface PhaseYear {
  year: number;
  config: YearConfig;
  journeys: readonly JourneyDoc[];
}

/** What a run is asked for: the kind, the plan, the period and whom it covers. */
export interface ReportRequest {
  kind: ReportKind;
  config: YearConfig;
  period: Period;
  now: Date;
  /** The units this run covers (all, or a slice of them). */
  units: ReadonlySet<string>;
  audience: ReportAudience;
}

/** What a report is built from: the request and the data read for it; what its kind does not use stays empty. */
export interface ReportSnapshot extends ReportRequest {
  /** The year's journeys as stored (today's state; builders of a past period take each back to it). */
  journeys: readonly JourneyDoc[];
  evidence: readonly EvidenceDoc[];
  /** The year's refused submissions. */
  refused: readonly InboxDoc[];
  /** The spreadsheets' addresses, for the buttons of the committee's and evaluators' mail; none without views. */
  sheets: SheetsListing | undefined;
  /** A fresh journey-book link for a member's letter; none without a public address. */
  bookLink: (memberId: string) => string | undefined;
  /** The phase summary: each year of the phase that has a plan, in order. */
  years: readonly PhaseYear[];
}

/** A report kind: a pure function from its snapshot to the e-mails to queue. */
export type ReportBuilder = (snapshot: ReportSnapshot) => MailDraft[];

/** What each kind reads besides the year's journeys. */
interface Reads {
  evidence?: true;
  refused?: true;
  sheets?: true;
  /** Members' book links: always, or only when the run writes to members in the reminder season. */
  links?: 'always' | 'reminder season';
  /** The phase's years (their plans and journeys) instead of this year's journeys. */
  years?: true;
}

const READS: Record<ReportKind, Reads> = {
  digest: { evidence: true, refused: true, sheets: true },
  quarterly: { evidence: true },
  annual: {},
  camp: { sheets: true },
  reminders: { evidence: true, sheets: true, links: 'reminder season' },
  members: { evidence: true, links: 'always' },
  phase: { years: true },
};

type SnapshotStore = Pick<Store, 'getYear' | 'listJourneys' | 'listEvidence' | 'listInbox' | 'listBookLinkVersions'>;

function wantsLinks(reads: Reads, request: ReportRequest): boolean {
  if (reads.links === 'always') return true;
  if (reads.links !== 'reminder season' || request.audience === 'evaluators') return false;
  return remindsMembers(request.config.year, request.period.start, request.config.calendar.evaluationCloses);
}

/**
 * Reads what the request's kind needs, in parallel, once. A failed read fails the run: the route answers an error
 * (the scheduler's job shows it failed) rather than a report going out short of what it should show; running it
 * again is safe, as a report's e-mails are queued once each.
 */
export async function readSnapshot(
  store: SnapshotStore,
  mail: Pick<MailServices, 'links' | 'sheets'>,
  request: ReportRequest,
): Promise<ReportSnapshot> {
  const { config, now } = request;
  const year = config.year;
  const reads = READS[request.kind];
  const none = Promise.resolve([]);
  const [journeys, evidence, refused, sheets, bookLink, years] = await Promise.all([
    reads.years ? none : store.listJourneys(year),
    reads.evidence ? store.listEvidence(year) : none,
    reads.refused ? store.listInbox(year, 'refused') : none,
    reads.sheets && mail.sheets ? mail.sheets(year) : Promise.resolve(undefined),
    wantsLinks(reads, request)
      ? memberLinks(mail.links, () => store.listBookLinkVersions(), year, now)
      : Promise.resolve(() => undefined),
    reads.years ? phaseYears(store, config, request.period) : Promise.resolve([]),
  ]);
  return { ...request, journeys, evidence, refused, sheets, bookLink, years };
}

/** The plan and journeys of each year of the phase (`2018-2022`) that has a plan; this year's plan as the run has it. */
async function phaseYears(store: SnapshotStore, config: YearConfig, period: Period): Promise<PhaseYear[]> {
  const first = Number(period.label.slice(0, 4));
  const last = Number(period.label.slice(5));
  const years: PhaseYear[] = [];
  for (let year = first; year <= last; year += 1) {
    const doc = year === config.year ? { config } : await store.getYear(year);
    if (!doc) continue;
    years.push({ year, config: doc.config, journeys: await store.listJourneys(year) });
  }
  return years;
}
