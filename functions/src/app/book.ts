// Opening a member's journey book from a signed link: the token checked first, then only reads — and the one write the
// law asks of every read of a member's data, its access-log entry (which link, when), made before the page is answered.
import { TASK_GROUPS, type TaskGroup } from '../domain/catalogue';
import type { YearConfig } from '../domain/config';
import { localDate } from '../domain/dates';
import { effectiveDecision } from '../domain/evaluation';
import { campOutlook, gradeOutlook, type CampOutlook, type GradeOutlook } from '../domain/outlook';
import type { RankStanding } from '../domain/rank-index';
import { rankKey } from '../domain/ranking';
import {
  yearsWith,
  type DataRequestDoc,
  type EvidenceDoc,
  type JourneyDoc,
  type MemberDoc,
  type PartyRecord,
} from '../model';
import { linkReader, READ, recordRead } from './access-log';
import type { AppContext } from './context';
import { monthlyProgress, type BookProgress } from './book-progress';
import { checkBookToken } from './book-token';
import { isMemberId } from './ids';

/** One decision on an entry, as the member may read it: the body that decided, never the evaluator's address. */
export interface BookDecision {
  decision: EvidenceDoc['decisions'][number]['decision'];
  queue: string;
  comment: string | null;
  editedAt: string;
}

export interface BookEntry {
  evidenceId: string;
  activityDate: string;
  submittedAt: string;
  /** What the member wrote; null when the entry's full record is missing. */
  description: string | null;
  links: string[];
  words: number | null;
  initiative: string | null;
  rating: string | null;
  meetingKind: EvidenceDoc['meetingKind'];
  status: 'pending' | BookDecision['decision'];
  /** Oldest first. */
  decisions: BookDecision[];
}

export interface BookTask {
  code: string;
  title: string;
  description: string;
  confirmedBy: YearConfig['tasks'][number]['confirmedBy'];
  distinctDates: boolean;
  progress: JourneyDoc['result']['tasks'][string];
  entries: BookEntry[];
}

export interface BookYear {
  year: number;
  unitName: string;
  result: JourneyDoc['result'];
  standing: RankStanding | undefined;
}

/** Everything the journey-book page shows, read for one member and year. */
export interface JourneyBook {
  year: number;
  phase: string;
  /** The day the page was made (Vietnam), for the header's date line. */
  today: string;
  linkExpiresAt: Date;
  member: Pick<JourneyDoc, 'memberId' | 'fullName' | 'email' | 'dateOfBirth' | 'phone' | 'registeredAt' | 'amendedAt'>;
  unitName: string;
  group: { name: string; leader: string; supervisor: string } | null;
  calendar: YearConfig['calendar'];
  rules: Pick<YearConfig['rules'], 'minTraining' | 'minChallenge'>;
  /** Registered tasks by group (every BB task, the chosen RL and TT tasks), in the plan's order. */
  groups: { group: TaskGroup; tasks: BookTask[] }[];
  result: JourneyDoc['result'];
  /** Tasks done per group at each month's end, against those to finish, for the chart. */
  progress: BookProgress;
  standing: RankStanding | undefined;
  outlook: GradeOutlook[];
  camp: CampOutlook;
  party: PartyRecord;
  /** Earlier years of the phase the member took part in, oldest first. */
  earlier: BookYear[];
  /** The member's data requests across the phase, oldest first (the page lists them with their status). */
  requests: DataRequestDoc[];
}

export type BookOpening = { kind: 'book'; book: JourneyBook } | { kind: 'denied' } | { kind: 'not_found' };

function toEntry(summary: JourneyDoc['entries'][number], evidence: EvidenceDoc | undefined): BookEntry {
  const decisions = (evidence?.decisions ?? summary.decisions.map((d) => ({ ...d, queue: '', comment: null })))
    .map((d) => ({ decision: d.decision, queue: d.queue, comment: d.comment, editedAt: d.editedAt }))
    .sort((a, b) => a.editedAt.localeCompare(b.editedAt));
  const latest = effectiveDecision(summary.decisions.map((d) => ({ ...d, editedAt: new Date(d.editedAt) })));
  return {
    evidenceId: summary.evidenceId,
    activityDate: summary.activityDate,
    submittedAt: summary.submittedAt,
    description: evidence?.description ?? null,
    links: evidence?.links ?? [],
    words: evidence?.words ?? null,
    initiative: evidence?.initiative ?? null,
    rating: evidence?.rating ?? null,
    meetingKind: evidence?.meetingKind ?? null,
    status: latest?.decision ?? 'pending',
    decisions,
  };
}

function registeredGroups(
  config: YearConfig,
  journey: JourneyDoc,
  evidence: ReadonlyMap<string, EvidenceDoc>,
): JourneyBook['groups'] {
  const chosen = new Set([...journey.training, ...journey.challenge]);
  return TASK_GROUPS.map((group) => ({
    group,
    tasks: config.tasks
      .filter((t) => t.group === group && (group === 'BB' || chosen.has(t.code)))
      .map((t) => ({
        code: t.code,
        title: t.title,
        description: t.description,
        confirmedBy: t.confirmedBy,
        distinctDates: t.distinctDates,
        progress: journey.result.tasks[t.code] ?? {
          status: 'not_started',
          approved: 0,
          pending: 0,
          required: t.minEntries,
        },
        entries: journey.entries
          .filter((e) => e.task === t.code)
          .sort((a, b) => a.activityDate.localeCompare(b.activityDate) || a.submittedAt.localeCompare(b.submittedAt))
          .map((e) => toEntry(e, evidence.get(e.evidenceId))),
      })),
  }));
}

async function earlierYears(ctx: AppContext, member: MemberDoc | undefined, year: number): Promise<BookYear[]> {
  const years = (member?.years ?? []).filter((y) => y < year).sort((a, b) => a - b);
  const found = await Promise.all(
    years.map(async (y): Promise<BookYear | undefined> => {
      const [journey, yearDoc] = await Promise.all([
        ctx.store.getJourney(y, member?.memberId ?? ''),
        ctx.store.getYear(y),
      ]);
      if (!journey) return undefined;
      const unitName = yearDoc?.config.units.find((u) => u.id === journey.unitId)?.name ?? journey.unitId;
      return {
        year: y,
        unitName,
        result: journey.result,
        standing: await ctx.store.rankStanding(y, rankKey(y, journey)),
      };
    }),
  );
  return found.filter((y): y is BookYear => y !== undefined);
}

/** The member's data requests of every year they took part in: one equality query a year. */
async function requestsOf(
  ctx: AppContext,
  member: MemberDoc | undefined,
  year: number,
  memberId: string,
): Promise<DataRequestDoc[]> {
  const found = await Promise.all(yearsWith(member, year).map((y) => ctx.store.dataRequestsOf(y, memberId)));
  return found
    .flat()
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.requestId.localeCompare(b.requestId));
}

/**
 * Whether a journey-book link opens: the token's form, signature and expiry, then the member's link version (the only
 * read). Every route behind the link (the page, the member's data, their requests) checks it first, the same way.
 */
export async function checkBookLink(
  ctx: AppContext,
  secret: string,
  year: number,
  memberId: string,
  token: string | null,
): Promise<{ expiresAt: Date; version: number } | undefined> {
  if (!isMemberId(memberId)) return undefined;
  const check = checkBookToken(secret, year, memberId, token, ctx.clock());
  if (!check.ok) return undefined;
  if ((await ctx.store.getBookLinkVersion(memberId)) !== check.version) return undefined;
  return { expiresAt: check.expiresAt, version: check.version };
}

/**
 * `GET /book/{year}/{memberId}?t=…`: checks the token before reading anything but the member's link version,
 * then reads the year's plan, the journey, its evidence entries, the ranking counters and earlier years, and records
 * the read (by the link's version) before answering.
 */
export async function openBook(
  ctx: AppContext,
  secret: string,
  year: number,
  memberId: string,
  token: string | null,
): Promise<BookOpening> {
  const check = await checkBookLink(ctx, secret, year, memberId, token);
  if (!check) return { kind: 'denied' };

  const [yearDoc, journey, member] = await Promise.all([
    ctx.store.getYear(year),
    ctx.store.getJourney(year, memberId),
    ctx.store.getMember(memberId),
  ]);
  if (!yearDoc || !journey) return { kind: 'not_found' };
  const { config } = yearDoc;
  const [entries, standing, earlier, requests] = await Promise.all([
    Promise.all(journey.entries.map((e) => ctx.store.getEvidence(year, e.evidenceId))),
    ctx.store.rankStanding(year, rankKey(year, journey)),
    earlierYears(ctx, member, year),
    requestsOf(ctx, member, year, memberId),
  ]);
  const evidence = new Map(entries.filter((e): e is EvidenceDoc => e !== undefined).map((e) => [e.evidenceId, e]));
  const today = localDate(ctx.clock());
  const group = config.groups.find((g) => g.id === journey.groupId);
  await recordRead(ctx, { memberId, by: linkReader(check.version), what: READ.book(year) });
  return {
    kind: 'book',
    book: {
      year,
      phase: config.phase,
      today,
      linkExpiresAt: check.expiresAt,
      member: journey,
      unitName: config.units.find((u) => u.id === journey.unitId)?.name ?? journey.unitId,
      group: group ? { name: group.name, leader: group.leader, supervisor: group.supervisor } : null,
      calendar: config.calendar,
      rules: config.rules,
      groups: registeredGroups(config, journey, evidence),
      result: journey.result,
      progress: monthlyProgress(config, journey, ctx.clock()),
      standing,
      outlook: gradeOutlook(config, journey, journey.result, today),
      camp: campOutlook(journey.result.grade, standing?.rank, config.rules),
      // The latest status across the phase: admission is a life event, not a result of this year.
      party: member?.party ?? journey.party,
      earlier,
      requests,
    },
  };
}
