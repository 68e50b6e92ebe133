// The demo year 2019 that `npm start` seeds: the planned year sent through the signed HTTP API, step by step, like real callers.
import type { JourneySend } from '../client';
import { YEAR } from './data/roster';
import { demoConfig } from './scenario/config';
import { partyRequests } from './scenario/party';
import { planDemoYear } from './scenario/year';
import { evidenceIds, evidenceRequests, evaluationRequests, selfEvaluationRequest } from './sender/requests';
import { describe, newTally, sendAll, sendChecked, sendInTurn, type Tally } from './sender/send';

interface ResultsAnswer {
  members: { memberId: string; fullName: string; grade: string }[];
  camp: { memberId: string; fullName: string }[];
}

interface ConfigAnswer {
  tasks?: { code: string; title: string }[];
}

interface Tallies {
  registration: Tally;
  evidence: Tally;
  decision: Tally;
  other: Tally;
}

/** Sends the year's plan and reads it back: the form option labels of the tasks ("RL2 — …") come from the served plan. */
async function sendYearPlan(send: JourneySend, tally: Tally): Promise<Map<string, string>> {
  await sendChecked(
    send,
    { what: 'kế hoạch năm 2019', method: 'PUT', path: `/v1/years/${YEAR}/config`, body: demoConfig() },
    tally,
  );
  const served = await send<ConfigAnswer>('GET', `/v1/years/${YEAR}/config`);
  if (served.status !== 200 || !Array.isArray(served.body.tasks))
    throw new Error(`Dữ liệu mẫu: không đọc lại được kế hoạch năm 2019 — ${describe(served)}`);
  return new Map(served.body.tasks.map((t) => [t.code, `${t.code} — ${t.title}`]));
}

async function readResults(send: JourneySend): Promise<ResultsAnswer> {
  const results = await send<ResultsAnswer>('GET', `/v1/years/${YEAR}/results`);
  if (results.status !== 200 || !Array.isArray(results.body.camp))
    throw new Error(`Dữ liệu mẫu: không đọc được kết quả năm 2019 — ${describe(results)}`);
  return results.body;
}

/** What the seed did, for the console: created, or found already there (nothing accepted, only duplicates). */
function summary(
  tallies: Tallies,
  memberCount: number,
  introduced: number,
  results: ResultsAnswer,
  started: number,
): string {
  const { registration, evidence, decision, other } = tallies;
  const seconds = ((Date.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  const refused = registration.refused + evidence.refused + decision.refused;
  const grades = new Map<string, number>();
  for (const m of results.members) grades.set(m.grade, (grades.get(m.grade) ?? 0) + 1);
  const figures =
    `${memberCount} đoàn viên, ${evidence.accepted + evidence.duplicate} minh chứng, ${decision.accepted + decision.duplicate} lượt đánh giá, ` +
    `${refused} bài gửi bị từ chối (xem hộp thư), ${introduced} đoàn viên được giới thiệu kết nạp Đảng` +
    ` — xếp loại: ${grades.get('xuat_sac') ?? 0} Xuất sắc, ${grades.get('tot') ?? 0} Tốt, ${grades.get('dat') ?? 0} Đạt, ${grades.get('chua_dat') ?? 0} Chưa đạt`;
  const created = registration.accepted + evidence.accepted + decision.accepted + other.accepted;
  return created === 0
    ? `Dữ liệu mẫu năm 2019 đã có sẵn, không tạo thêm bản ghi nào (${figures}; ${seconds} giây).`
    : `Đã tạo dữ liệu mẫu năm 2019: ${figures} (${seconds} giây).`;
}

/**
 * Seeds the demo year 2019 through the journey function's HTTP API (only `send`), checking every answer.
 * Repeatable: every key is deterministic, so a second run only meets duplicates and the same refusals.
 * @returns a short Vietnamese summary for the console.
 */
export async function seedDemoYear(send: JourneySend): Promise<string> {
  const started = Date.now();
  const tallies: Tallies = { registration: newTally(), evidence: newTally(), decision: newTally(), other: newTally() };

  // 1. The year's plan and roster, then the whole year planned with the labels the forms show.
  const plan = planDemoYear(await sendYearPlan(send, tallies.other));

  // 2. Registrations in January (the refused ones first: the too-short one precedes its corrected form).
  await sendInTurn(send, plan.refusedRegistrations, tallies.registration);
  await sendAll(send, plan.registrations, tallies.registration);

  // 3. Evidence: a task reported before it was registered, then the amendment, then the year's entries.
  await sendInTurn(send, plan.refusedEvidence, tallies.evidence);
  await sendInTurn(send, plan.amendments, tallies.registration);
  const idOf = evidenceIds(plan.entries, await sendAll(send, evidenceRequests(plan.entries), tallies.evidence));

  // 4. Decisions from the right queues: the self-evaluation attempt, the first decisions, then later ones replacing them.
  await sendChecked(send, selfEvaluationRequest(plan.selfEvaluation, idOf), tallies.decision);
  await sendAll(send, evaluationRequests(plan.entries, idOf, 1), tallies.decision);
  await sendAll(send, evaluationRequests(plan.entries, idOf, 2), tallies.decision);

  // 5. After the camp: the best members introduced for admission in November, one admitted in December.
  const results = await readResults(send);
  const party = partyRequests(results.camp);
  await sendAll(send, party.introductions, tallies.other);
  if (party.admission) await sendChecked(send, party.admission, tallies.other);

  return summary(tallies, plan.members.length, party.introductions.length, results, started);
}
