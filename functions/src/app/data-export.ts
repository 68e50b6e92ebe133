// A member's own copy of everything held about them across the phase (Law 91/2025/QH15: the right to access and to a
// copy), read behind their journey-book link. Only reads, each proportional to the member's own data.
import { ROLE_LABELS } from '../domain/catalogue';
import { parseQueueId } from '../domain/queues';
import { rankKey } from '../domain/ranking';
import {
  yearsWith,
  type DataRequestDoc,
  type EvidenceDoc,
  type InboxDoc,
  type JourneyDoc,
  type MemberDoc,
} from '../model';
import type { AppContext } from './context';
import { linkReader, READ, recordRead } from './access-log';
import { checkBookLink } from './book';

/** Submissions the member made themselves; an evaluation's sender is an evaluator and concerns another member. */
const OWN_SUBMISSIONS: ReadonlySet<InboxDoc['kind']> = new Set(['registration', 'evidence']);
/** Mail whose letter is about the member alone (reports and reminders may list other people). */
const OWN_LETTERS: ReadonlySet<string> = new Set(['notice', 'members']);

export const EXPORT_FORMAT = 'hanh-trinh/du-lieu-ca-nhan/v1';

export type DataExport = Record<string, unknown> & { memberId: string; exportedAt: string };

/** A decision as the member may read it: the body that decided and its comment, never the evaluator's address. */
function decisionOf(d: EvidenceDoc['decisions'][number]) {
  const ref = d.queue === '' ? undefined : parseQueueId(d.queue);
  return {
    decision: d.decision,
    decidedBy: ref ? ROLE_LABELS[ref.role] : null,
    queue: d.queue,
    comment: d.comment,
    editedAt: d.editedAt,
  };
}

function evidenceOf(e: EvidenceDoc) {
  return {
    evidenceId: e.evidenceId,
    task: e.task,
    activityDate: e.activityDate,
    submittedAt: e.submittedAt,
    receivedAt: e.receivedAt,
    description: e.description,
    links: e.links,
    essay: e.essay,
    words: e.words,
    initiative: e.initiative,
    rating: e.rating,
    meetingKind: e.meetingKind,
    status: e.status,
    decisions: e.decisions.map(decisionOf),
  };
}

function requestOf(r: DataRequestDoc) {
  const { year, requestId, kind, text, receivedAt, deadline, status, answer, answeredAt } = r;
  return { year, requestId, kind, text, receivedAt, deadline, status, answer, answeredAt };
}

/** One year of the member's: the journey as registered and scored, their evidence with decisions, their requests. */
async function yearOf(ctx: AppContext, year: number, memberId: string) {
  const [journey, yearDoc, requests] = await Promise.all([
    ctx.store.getJourney(year, memberId),
    ctx.store.getYear(year),
    ctx.store.dataRequestsOf(year, memberId),
  ]);
  if (!journey) return requests.length > 0 ? { year, journey: null, dataRequests: requests.map(requestOf) } : null;
  const [evidence, standing] = await Promise.all([
    Promise.all(journey.entries.map((e) => ctx.store.getEvidence(year, e.evidenceId))),
    ctx.store.rankStanding(year, rankKey(year, journey)),
  ]);
  const config = yearDoc?.config;
  const group = config?.groups.find((g) => g.id === journey.groupId);
  return {
    year,
    phase: config?.phase ?? null,
    journey: journeyOf(journey),
    unit: { id: journey.unitId, name: config?.units.find((u) => u.id === journey.unitId)?.name ?? null },
    group: group ? { id: group.id, name: group.name } : null,
    standing: standing ? { rank: standing.rank, total: standing.total } : null,
    evidence: evidence
      .filter((e): e is EvidenceDoc => e?.memberId === memberId)
      .sort((a, b) => a.activityDate.localeCompare(b.activityDate) || a.evidenceId.localeCompare(b.evidenceId))
      .map(evidenceOf),
    dataRequests: requests.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).map(requestOf),
  };
}

function journeyOf(j: JourneyDoc) {
  return {
    fullName: j.fullName,
    email: j.email,
    dateOfBirth: j.dateOfBirth,
    phone: j.phone,
    registeredAt: j.registeredAt,
    amendedAt: j.amendedAt,
    registered: { training: j.training, challenge: j.challenge },
    result: j.result,
    party: j.party,
    consent: j.consent ?? null,
    updatedAt: j.updatedAt,
  };
}

function submissionOf(i: InboxDoc) {
  let body: unknown = i.raw;
  try {
    body = JSON.parse(i.raw);
  } catch {
    // Kept as the text received when it was not JSON.
  }
  return { kind: i.kind, year: i.year, receivedAt: i.receivedAt, status: i.status, errors: i.errors, body };
}

async function mailOf(ctx: AppContext, email: string) {
  if (!ctx.mail) return [];
  const mail = await ctx.mail.store.mailTo(email);
  return mail
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id))
    .map((m) => ({
      kind: m.kind,
      year: m.year,
      period: m.period,
      subject: m.subject,
      status: m.status,
      reason: m.reason,
      queuedAt: m.queuedAt,
      sentAt: m.sentAt,
      letter: OWN_LETTERS.has(m.kind) && m.letter ? { ...m.letter, attachments: [] } : null,
    }));
}

/**
 * `GET /book/{year}/{memberId}/data?t=…`: the member's record, every year they took part in (and the link's), what
 * they sent, the e-mails addressed to them and their data requests. Undefined when the link does not open or names
 * nobody. Reads: the link version, the member, per year the plan, the journey, its evidence and the ranking counters,
 * one query each for their requests, submissions and mail.
 */
export async function exportMemberData(
  ctx: AppContext,
  secret: string,
  year: number,
  memberId: string,
  token: string | null,
): Promise<DataExport | 'denied' | 'not_found'> {
  const link = await checkBookLink(ctx, secret, year, memberId, token);
  if (!link) return 'denied';
  const member: MemberDoc | undefined = await ctx.store.getMember(memberId);
  const years = yearsWith(member, year);
  const found = (await Promise.all(years.map((y) => yearOf(ctx, y, memberId)))).filter((y) => y !== null);
  const email = member?.email ?? found.find((y) => y.journey)?.journey?.email;
  if (email === undefined) return 'not_found';
  const [submissions, mail] = await Promise.all([ctx.store.inboxOf(email), mailOf(ctx, email)]);
  // Recorded before the answer leaves (the access log, Law 91/2025/QH15); a failed entry refuses the export.
  await recordRead(ctx, { memberId, by: linkReader(link.version), what: READ.data(year) });
  return {
    format: EXPORT_FORMAT,
    exportedAt: ctx.clock().toISOString(),
    about:
      'Toàn bộ dữ liệu Hành trình “Người Cộng sản trẻ” lưu về bạn trong giai đoạn: thông tin cá nhân, sổ hành trình từng năm, minh chứng và kết quả đánh giá, ngày giới thiệu và kết nạp Đảng, các nội dung bạn đã gửi, thư hệ thống đã gửi cho bạn và các yêu cầu về dữ liệu của bạn.',
    memberId,
    member: member
      ? { fullName: member.fullName, email: member.email, dateOfBirth: member.dateOfBirth, phone: member.phone }
      : null,
    party: member?.party ?? null,
    years: found,
    submissions: submissions
      .filter((i) => OWN_SUBMISSIONS.has(i.kind))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map(submissionOf),
    mail,
  };
}
