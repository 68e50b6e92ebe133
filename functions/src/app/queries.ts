// The read side: a member's journey, the ranked year with camp nominations and the party funnel, the inbox.
import type { YearConfig } from '../domain/config';
import { effectiveDecision } from '../domain/evaluation';
import { partyFunnel, type FunnelRow } from '../domain/funnel';
import { nominateForCamp, rankMembers } from '../domain/ranking';
import type { InboxDoc, JourneyDoc } from '../model';
import type { Page, PageRequest } from '../ports';
import type { AppContext } from './context';
import { inboxKeyFor, isMemberId } from './ids';

/** The member route's answer (API.md "Journey"), extended with the entries and party status. */
export interface JourneyView {
  memberId: string;
  fullName: string;
  email: string;
  unitId: string;
  groupId: string | null;
  registered: { training: string[]; challenge: string[] };
  tasks: JourneyDoc['result']['tasks'];
  completed: boolean;
  completedAt: string | null;
  grade: JourneyDoc['result']['grade'];
  points: number;
  rank: number;
  entries: { evidenceId: string; task: string; activityDate: string; status: string }[];
  party: JourneyDoc['party'];
}

export interface YearResults {
  year: number;
  members: JourneyView[];
  camp: { memberId: string; fullName: string; unitId: string; rank: number; grade: string; points: number }[];
  funnel: FunnelRow[];
}

export function rankedYear(config: YearConfig, journeys: readonly JourneyDoc[]): YearResults {
  const ranked = rankMembers(
    journeys.map((j) => ({
      memberId: j.memberId,
      fullName: j.fullName,
      unitId: j.unitId,
      result: j.result,
      journey: j,
    })),
  );
  const camp = nominateForCamp(ranked, config.rules);
  const inCamp = new Set(camp.map((c) => c.memberId));
  return {
    year: config.year,
    members: ranked.map((r) => toView(r.journey, r.rank)),
    camp: camp.map((c) => ({
      memberId: c.memberId,
      fullName: c.fullName,
      unitId: c.unitId,
      rank: c.rank,
      grade: c.result.grade,
      points: c.result.points,
    })),
    funnel: partyFunnel(
      config,
      journeys.map((j) => ({
        email: j.email,
        unitId: j.unitId,
        registered: true,
        completed: j.result.completed,
        camp: inCamp.has(j.memberId),
        introducedAt: j.party.introducedAt,
        admittedAt: j.party.admittedAt,
      })),
    ),
  };
}

export async function yearResults(ctx: AppContext, config: YearConfig): Promise<YearResults> {
  return rankedYear(config, await ctx.store.listJourneys(config.year));
}

/** One member's journey; its rank is their place in the whole year's ranking. */
export async function memberJourney(
  ctx: AppContext,
  config: YearConfig,
  memberId: string,
): Promise<JourneyView | undefined> {
  if (!isMemberId(memberId)) return undefined;
  const journey = await ctx.store.getJourney(config.year, memberId);
  if (!journey) return undefined;
  const results = await yearResults(ctx, config);
  return results.members.find((m) => m.memberId === memberId);
}

function toView(j: JourneyDoc, rank: number): JourneyView {
  return {
    memberId: j.memberId,
    fullName: j.fullName,
    email: j.email,
    unitId: j.unitId,
    groupId: j.groupId,
    registered: { training: j.training, challenge: j.challenge },
    tasks: j.result.tasks,
    completed: j.result.completed,
    completedAt: j.result.completedAt,
    grade: j.result.grade,
    points: j.result.points,
    rank,
    entries: j.entries.map((e) => {
      const latest = effectiveDecision(e.decisions.map((d) => ({ ...d, editedAt: new Date(d.editedAt) })));
      return {
        evidenceId: e.evidenceId,
        task: e.task,
        activityDate: e.activityDate,
        status: latest?.decision ?? 'pending',
      };
    }),
    party: j.party,
  };
}

export interface InboxView {
  key: string;
  kind: InboxDoc['kind'];
  receivedAt: string;
  email: string | null;
  status: InboxDoc['status'];
  errors: InboxDoc['errors'];
  raw: string;
}

/** Bodies of one inbox page, in characters: a page of a thousand large bodies ends early rather than outgrow an answer (Cloud Run: 32 MiB). */
export const INBOX_PAGE_TEXT = 4 * 1024 * 1024;

export const INBOX_STATUSES = ['received', 'accepted', 'refused'] as const;

/**
 * One page of the year's inbox, oldest first (the order it was received), each entry with its body as received. The
 * page ends early, with a cursor, once its bodies pass `INBOX_PAGE_TEXT` characters (always one entry at least).
 */
export async function inbox(
  ctx: AppContext,
  year: number,
  request: PageRequest<InboxDoc['status']>,
): Promise<Page<InboxView>> {
  const page = await ctx.store.pageInbox(year, request);
  const items: InboxView[] = [];
  let text = 0;
  for (const i of page.items) {
    if (items.length > 0 && text + i.raw.length > INBOX_PAGE_TEXT) {
      const last = items[items.length - 1] as InboxView;
      return { items, next: { at: last.receivedAt, id: last.key } };
    }
    text += i.raw.length;
    items.push({
      key: i.key,
      kind: i.kind,
      receivedAt: i.receivedAt,
      email: i.email,
      status: i.status,
      errors: i.errors,
      raw: i.raw,
    });
  }
  return { items, next: page.next };
}

/** At most this many response ids per `POST /v1/years/{year}/inbox/known`. */
export const KNOWN_BATCH_MAX = 500;

/**
 * Which of these form responses the function already has decided (accepted or refused): the Apps Script reconciler
 * asks once for a batch and sends only the others. An entry still `received` (stored, not decided) counts as not known,
 * so it is sent again and decided.
 */
export async function knownResponses(
  ctx: AppContext,
  kind: 'registration' | 'evidence',
  responseIds: readonly string[],
): Promise<string[]> {
  const keys = responseIds.map((id) => inboxKeyFor(kind, id));
  const statuses = await ctx.store.inboxStatuses(keys);
  return responseIds.filter((_, i) => {
    const status = statuses.get(keys[i] ?? '');
    return status === 'accepted' || status === 'refused';
  });
}
