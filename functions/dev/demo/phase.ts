// The demo's phase around the year 2019: the short 2018 before it, the rollover into 2020 and its first months, admissions years later.
import type { JourneySend } from '../../client/journey-client';
import { memberIdFor } from '../../src/app/ids';
import { seededRandom } from '../seeded-random';
import { bchOf, UNITS, type DemoUnit } from './data/roster';
import { demoConfig } from './scenario/config';
import { roster } from './scenario/members';
import { compactDecisions, planCompactYear, type YearMember } from './scenario/other-years';
import { demoRandom } from './scenario/random';
import type { PlannedRequest } from './scenario/plan';
import { describe, newTally, sendAll, sendChecked, type Tally } from './sender/send';

interface Continuing {
  memberId: string;
  fullName: string;
  email: string;
  unitId: string;
}

interface RolloverAnswer {
  continuing?: Continuing[];
}

interface ResultsAnswer {
  members: { memberId: string; email: string; completed: boolean; party: { introducedAt: string | null } }[];
}

const unitOf = (id: string): DemoUnit => UNITS.find((u) => u.id === id) ?? (UNITS[0] as DemoUnit);

/** Registrations, then evidence, then the decisions on the evidence ids the function gave. */
async function sendYear(
  send: JourneySend,
  rng: () => number,
  year: number,
  month: string,
  lastDecision: string,
  members: YearMember[],
  tally: Tally,
): Promise<void> {
  const plan = planCompactYear(rng, year, month, lastDecision, members);
  await sendAll(send, plan.registrations, tally);
  const ids = await sendAll(
    send,
    plan.entries.map((e) => e.request),
    tally,
  );
  await sendAll(send, compactDecisions(year, plan.entries, ids), tally);
}

function partyStatus(what: string, body: Record<string, unknown>): PlannedRequest {
  return { what, method: 'POST', path: '/v1/party-status', body };
}

/**
 * Seeds the years around the demo year 2019 (which `seedDemoYear` seeds first), through the signed HTTP API:
 * 2018, the short first year, with a third of the roster (half of them complete it); two of its members introduced in
 * 2019 and admitted in 2020; 2020 rolled over from 2019 (`POST /rollover`), Đoàn Sở Tư pháp nominating in its own
 * sheet, three quarters of the continuing members registered and their first entries decided; two members of 2019
 * admitted in 2020. Repeatable: every key is fixed, a second run meets only duplicates.
 * @returns a short Vietnamese summary, naming a member to look up.
 */
export async function seedDemoPhase(send: JourneySend): Promise<string> {
  const rng = seededRandom(20_181_001);
  const tally = newTally();
  const { members } = roster(demoRandom());

  // 2018: the plan with the roster only (the short calendar and one BB2 session are the plan's defaults for it).
  await sendChecked(
    send,
    { what: 'kế hoạch năm 2018', method: 'PUT', path: '/v1/years/2018/config', body: { ...demoConfig(), year: 2018 } },
    tally,
  );
  const of2018 = members
    .filter((_, i) => i % 3 === 0)
    .map((m, i): YearMember => ({ fullName: m.fullName, email: m.email, unit: m.unit, completes: i % 2 === 0 }));
  await sendYear(send, rng, 2018, '10', '2018-12-31', of2018, tally);

  // Two who completed 2018 and were not introduced after 2019's camp: introduced in 2019, one admitted in 2020.
  const results2019 = await send<ResultsAnswer>('GET', '/v1/years/2019/results');
  if (results2019.status !== 200)
    throw new Error(`Dữ liệu mẫu: không đọc được kết quả năm 2019 — ${describe(results2019)}`);
  const introduced2019 = new Set(
    results2019.body.members.filter((m) => m.party.introducedAt !== null).map((m) => m.email),
  );
  const [first, second] = of2018.filter((m) => m.completes && !introduced2019.has(m.email));
  for (const [i, m] of [first, second].entries()) {
    if (!m) continue;
    await sendChecked(
      send,
      partyStatus(`giới thiệu kết nạp Đảng ${m.fullName}`, {
        editId: `party-2018-intro-${m.email}`,
        email: m.email,
        year: 2018,
        introducedAt: `2019-05-${String(14 + i)}`,
        reference: `Giấy giới thiệu số ${String(12 + i)}-GT/ĐTN`,
      }),
      tally,
    );
  }
  if (first)
    await sendChecked(
      send,
      partyStatus(`kết nạp Đảng ${first.fullName}`, {
        editId: `party-2018-admit-${first.email}`,
        email: first.email,
        year: 2018,
        admittedAt: '2020-01-09',
        reference: 'Quyết định kết nạp đảng viên số 1302-QĐ/ĐU',
      }),
      tally,
    );

  // 2020: rolled over from 2019; the members not admitted continue, three in four of them register in January.
  const rolled = await send<RolloverAnswer>('POST', '/v1/years/2020/rollover', {
    editId: 'demo-rollover-2019-2020',
    fromYear: 2019,
  });
  if (rolled.status !== 200 || !Array.isArray(rolled.body.continuing))
    throw new Error(`Dữ liệu mẫu: không chuyển được sang năm 2020 — ${describe(rolled)}`);
  const of2020 = rolled.body.continuing.filter((_, i) => i % 4 !== 3);
  // Đoàn Sở Tư pháp had a nominee list in 2019: it nominates anew in the "Đề cử" tab of its spreadsheet.
  const stp = of2020.filter((m) => m.unitId === 'STP');
  await sendChecked(
    send,
    {
      what: 'danh sách đề cử năm 2020 của Đoàn Sở Tư pháp',
      method: 'PUT',
      path: '/v1/years/2020/units/STP/nominees',
      body: {
        editId: 'demo-stp-nominees-2020',
        editedAt: '2020-01-03T09:15:00+07:00',
        nominees: stp.map((m) => ({ fullName: m.fullName, email: m.email })),
        editorEmail: bchOf(unitOf('STP'))[0],
      },
    },
    tally,
  );
  await sendYear(
    send,
    rng,
    2020,
    '01',
    '2020-05-20',
    of2020.map((m) => ({ fullName: m.fullName, email: m.email, unit: unitOf(m.unitId), completes: false })),
    tally,
  );

  // Two introduced after 2019's camp are admitted in 2020, a year after their journey.
  const introducedIn2019 = results2019.body.members.filter(
    (m) => m.party.introducedAt !== null && m.email !== first?.email,
  );
  for (const [i, m] of introducedIn2019.slice(1, 3).entries()) {
    await sendChecked(
      send,
      partyStatus(`kết nạp Đảng năm 2020 (${m.email})`, {
        editId: `party-2019-admit-2020-${m.memberId}`,
        memberId: m.memberId,
        year: 2019,
        admittedAt: `2020-0${String(6 + i)}-18`,
        reference: `Quyết định kết nạp đảng viên số ${String(1410 + i)}-QĐ/ĐU`,
      }),
      tally,
    );
  }

  const example =
    of2020.find((m) => results2019.body.members.some((r) => r.email === m.email && r.completed)) ?? of2020[0];
  const created = tally.accepted > 0;
  return (
    `${created ? 'Đã tạo' : 'Đã có sẵn'} dữ liệu giai đoạn: năm 2018 (ngắn, tháng 10–12) ${String(of2018.length)} đoàn viên, ` +
    `năm 2020 đang diễn ra ${String(of2020.length)} đoàn viên tiếp tục từ năm 2019. ` +
    // By id: the console, like the logs, never shows a member's e-mail.
    (example ? `Xem một đoàn viên qua các năm: npm run journey -- member 2020 ${memberIdFor(example.email)}` : '')
  );
}
