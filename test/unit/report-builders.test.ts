// The report kinds as pure builders: a snapshot in, the e-mails to queue out — no store, no clock, no mail service.
import { describe, expect, it } from 'vitest';
import type { ReportKind } from '../../functions/src/domain/mail';
import { queueEvaluators, parseQueueId } from '../../functions/src/domain/queues';
import type { Block, Letter } from '../../functions/src/domain/letter';
import { annualDrafts } from '../../functions/src/app/mail/reports/annual';
import { campDrafts } from '../../functions/src/app/mail/reports/camp';
import { digestDrafts } from '../../functions/src/app/mail/reports/digest';
import { membersDrafts } from '../../functions/src/app/mail/reports/members';
import { phaseDrafts } from '../../functions/src/app/mail/reports/phase';
import { quarterlyDrafts } from '../../functions/src/app/mail/reports/quarterly';
import { remindersDrafts } from '../../functions/src/app/mail/reports/reminders';
import { readSnapshot, type ReportSnapshot } from '../../functions/src/app/mail/reports/snapshot';
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../../functions/src/model';
import type { MailDraft } from '../../functions/src/ports';
import { must } from '../helpers';
import { PEOPLE, UNIT, YEAR } from './domain/fixtures';
import { an, binh, lan, config, pending, snapshot } from './report-fixtures';

function facts(letter: Letter): Record<string, string> {
  const block = letter.blocks.find((b): b is Extract<Block, { kind: 'facts' }> => b.kind === 'facts');
  return Object.fromEntries(must(block, 'facts').items.map((i) => [i.label, i.value]));
}
const buttons = (letter: Letter): string[] => letter.blocks.flatMap((b) => (b.kind === 'button' ? [b.url] : []));

describe('report builders', () => {
  it('digest: the week’s registrations, refusals and each queue’s oldest row, to the digest list, with the master sheet when known', () => {
    const refusedInWeek: InboxDoc = {
      key: 'r1',
      kind: 'evidence',
      sourceKey: 'r1',
      year: YEAR,
      email: PEOPLE.binh,
      raw: '{}',
      receivedAt: '2019-09-25T03:00:00.000Z',
      caller: 'apps-script',
      status: 'refused',
      id: null,
      errors: [{ field: 'task', code: 'unknown_task', message: 'Nhiệm vụ không có trong kế hoạch' }],
      decidedAt: '2019-09-25T03:00:00.000Z',
    };
    const refusedBefore: InboxDoc = { ...refusedInWeek, key: 'r0', receivedAt: '2019-08-01T03:00:00.000Z' };
    const refusedAfter: InboxDoc = { ...refusedInWeek, key: 'r2', receivedAt: '2019-10-03T03:00:00.000Z' };
    const old = pending(binh, 'RL2', '2019-09-10T03:00:00.000Z');
    const sheets = { master: { spreadsheetId: 'm', url: 'https://docs.google.com/spreadsheets/d/m' }, queues: {} };
    const drafts = digestDrafts(
      snapshot('digest', '2019-W39', {
        evidence: [old],
        refused: [refusedAfter, refusedInWeek, refusedBefore],
        sheets,
      }),
    );
    expect(drafts.map((d) => d.to)).toEqual(config.committee.digestTo);
    const letter = must(drafts[0]).letter;
    expect(facts(letter)).toMatchObject({
      'Đăng ký sổ hành trình mới': '1',
      'Bài gửi bị từ chối': '1',
      'Tổng số đoàn viên tham gia': '3',
    });
    const queues = letter.blocks.find((b) => b.kind === 'table');
    const row = must(queues?.kind === 'table' ? queues.rows.find((r) => r[1] === 1) : undefined, 'queue row');
    expect(row[2]).toEqual({ text: '19 ngày', tone: 'bad', strong: true });
    expect(buttons(letter)).toEqual([sheets.master.url]);
    expect(buttons(must(digestDrafts(snapshot('digest', '2019-W39'))[0]).letter)).toEqual([]);
  });

  it('quarterly: one report per unit of the run to its party committee, holding the members registered by the quarter’s end', () => {
    const drafts = quarterlyDrafts(snapshot('quarterly', '2019-Q3', { units: new Set([UNIT.snv, UNIT.stp]) }));
    expect(drafts.map((d) => d.to)).toEqual([PEOPLE.capUySnv, PEOPLE.capUyStp]);
    const snv = must(drafts[0]).letter;
    expect(facts(snv)).toMatchObject({ 'Số đoàn viên ưu tú tham gia': '2', 'Đã hoàn thành hành trình năm': '1/2' });
    // lan registered on 24/09, before the end of Q3: counted; in Q2 the unit had nobody yet.
    expect(facts(must(drafts[1]).letter)['Số đoàn viên ưu tú tham gia']).toBe('1');
    const q2 = quarterlyDrafts(snapshot('quarterly', '2019-Q2', { units: new Set([UNIT.stp]) }));
    expect(facts(must(q2[0]).letter)['Số đoàn viên ưu tú tham gia']).toBe('0');
    expect(must(snv.attachments[0]).filename).toContain('Đoàn Sở Nội vụ');
  });

  it('annual and camp: to the committee, each address once; the completed member is nominated', () => {
    const annual = annualDrafts(snapshot('annual', '2019'));
    expect(annual.map((d) => d.to)).toEqual([PEOPLE.btv, PEOPLE.btv2]);
    expect(facts(must(annual[0]).letter)).toMatchObject({
      'Đoàn viên ưu tú tham gia': '3',
      'Đề cử dự hội trại “Lá Trung Quân”': '1',
    });
    const camp = campDrafts(snapshot('camp', '2019'));
    expect(camp.map((d) => d.to)).toEqual([PEOPLE.btv, PEOPLE.btv2]);
    expect(must(camp[0]).subject).toBe(`Đề cử dự hội trại “Lá Trung Quân” năm ${String(YEAR)}: 1 đoàn viên`);
  });

  it('reminders: evaluators of rows older than 7 days, and in the season members short of Tốt with their book link', () => {
    const old = pending(binh, 'RL2', '2019-09-10T03:00:00.000Z');
    const recent = pending(lan, 'RL2', '2019-10-02T03:00:00.000Z');
    const evaluators = old.queues.flatMap((q) => queueEvaluators(config, must(parseQueueId(q))) ?? []);
    const all = remindersDrafts(snapshot('reminders', '2019-W40', { evidence: [old, recent] }));
    const toEvaluators = all.filter((d) => d.id.startsWith('reminders-'));
    expect(new Set(toEvaluators.map((d) => d.to))).toEqual(new Set(evaluators));
    expect(
      all
        .filter((d) => d.to === PEOPLE.binh || d.to === PEOPLE.lan)
        .map((d) => d.to)
        .sort(),
    ).toEqual([PEOPLE.binh, PEOPLE.lan]);
    expect(all.some((d) => d.to === PEOPLE.an)).toBe(false);
    expect(buttons(must(all.find((d) => d.to === PEOPLE.binh)).letter)).toEqual([
      `https://example.vn/book/${String(YEAR)}/binh?t=token`,
    ]);
    expect(
      remindersDrafts(snapshot('reminders', '2019-W40', { evidence: [old, recent], audience: 'evaluators' }))
        .map((d) => d.to)
        .sort(),
    ).toEqual([...new Set(evaluators)].sort());
    expect(
      remindersDrafts(snapshot('reminders', '2019-W40', { evidence: [old], audience: 'members' }))
        .map((d) => d.to)
        .sort(),
    ).toEqual([PEOPLE.binh, PEOPLE.lan]);
    // Before September members are not reminded.
    expect(remindersDrafts(snapshot('reminders', '2019-W20', { evidence: [], audience: 'members' }))).toEqual([]);
  });

  it('members: one summary per member of the run’s units, sharing the week’s id with the reminder', () => {
    const drafts = membersDrafts(snapshot('members', '2019-W20', { units: new Set([UNIT.snv]) }));
    expect(drafts.map((d) => d.to)).toEqual([PEOPLE.an, PEOPLE.binh]);
    const reminder = remindersDrafts(
      snapshot('reminders', '2019-W40', { audience: 'members', units: new Set([UNIT.snv]) }),
    );
    const summary = membersDrafts(snapshot('members', '2019-W40', { units: new Set([UNIT.snv]) }));
    const binh = must(summary.find((d) => d.to === PEOPLE.binh));
    expect(binh.id).toBe(must(reminder[0]).id);
    // In the reminder season the summary is the reminder, and is stored as one whichever job queues it first.
    expect([binh.kind, must(reminder[0]).kind]).toEqual(['reminders', 'reminders']);
    expect(must(drafts[0]).kind).toBe('members');
  });

  it('members: a member who did more than the minimum has done all the tasks needed, never more than all', () => {
    const beyond: JourneyDoc = { ...an, result: { ...an.result, done: { BB: 3, RL: 5, TT: 2 } } };
    const needed = 3 + config.rules.minTraining + config.rules.minChallenge;
    const drafts = membersDrafts(snapshot('members', '2019-W20', { journeys: [beyond], units: new Set([UNIT.snv]) }));
    expect(must(drafts[0]).subject).toContain(`: ${String(needed)}/${String(needed)} nhiệm vụ,`);
  });

  it('phase: members counted once across the phase’s years, admissions from any year', () => {
    const later = {
      ...binh,
      year: 2020,
      party: { introducedAt: '2020-05-01', admittedAt: '2020-11-01', reference: null },
    };
    const years = [
      { year: 2019, config, journeys: [an, binh] },
      { year: 2020, config: { ...config, year: 2020 }, journeys: [later] },
    ];
    const drafts = phaseDrafts(snapshot('phase', '2018-2022', { years, journeys: [] }));
    expect(drafts.map((d) => d.to)).toEqual([PEOPLE.btv, PEOPLE.btv2]);
    expect(facts(must(drafts[0]).letter)).toMatchObject({
      'Các năm có dữ liệu': '2019, 2020',
      'Đoàn viên ưu tú tham gia (mỗi người tính một lần)': '2',
      'Được kết nạp Đảng': '1 (50 %)',
    });
  });
});

describe('report snapshot', () => {
  /** A store of the five reads, counting each call. */
  function reads(): { store: Parameters<typeof readSnapshot>[0]; calls: string[] } {
    const calls: string[] = [];
    const call = <T>(name: string, value: T): Promise<T> => {
      calls.push(name);
      return Promise.resolve(value);
    };
    return {
      calls,
      store: {
        getYear: (year) =>
          call(`getYear ${String(year)}`, year === 2020 ? ({ year, config: { ...config, year } } as never) : undefined),
        listJourneys: (year) => call(`listJourneys ${String(year)}`, year === YEAR ? [an] : []),
        listEvidence: () => call('listEvidence', []),
        listInbox: (_year, status) => call(`listInbox ${status ?? ''}`, []),
        listBookLinkVersions: () => call('listBookLinkVersions', new Map<string, number>()),
      },
    };
  }
  const mail = {
    links: { secret: 's', publicUrl: 'https://example.vn' },
    sheets: () => Promise.resolve({ master: null, queues: {} }),
  };
  const request = (kind: ReportKind, label: string, audience: 'all' | 'evaluators' | 'members' = 'all') => {
    const s = snapshot(kind, label, { audience });
    return { kind, config, period: s.period, now: s.now, units: s.units, audience };
  };

  it('reads what each kind needs, once', async () => {
    const cases: [ReportKind, string, string[]][] = [
      ['digest', '2019-W39', ['listJourneys 2019', 'listEvidence', 'listInbox refused']],
      ['annual', '2019', ['listJourneys 2019']],
      ['members', '2019-W20', ['listJourneys 2019', 'listEvidence', 'listBookLinkVersions']],
      ['reminders', '2019-W20', ['listJourneys 2019', 'listEvidence']],
      ['reminders', '2019-W40', ['listJourneys 2019', 'listEvidence', 'listBookLinkVersions']],
      [
        'phase',
        '2018-2022',
        ['getYear 2018', 'listJourneys 2019', 'getYear 2020', 'listJourneys 2020', 'getYear 2021', 'getYear 2022'],
      ],
    ];
    for (const [kind, label, expected] of cases) {
      const { store, calls } = reads();
      const snap = await readSnapshot(store, mail, request(kind, label));
      expect([kind, calls.sort()]).toEqual([kind, [...expected].sort()]);
      if (kind === 'members') expect(snap.bookLink('an')).toMatch(/^https:\/\/example\.vn\/book\/2019\/an\?t=/);
      if (kind === 'phase') expect(snap.years.map((y) => y.year)).toEqual([2019, 2020]);
    }
  });

  it('fails when a read fails, rather than building the report without it', async () => {
    const { store } = reads();
    const down = { ...mail, sheets: () => Promise.reject(new Error('Sheets unavailable')) };
    await expect(readSnapshot(store, down, request('digest', '2019-W39'))).rejects.toThrow('Sheets unavailable');
    await expect(readSnapshot(store, down, request('camp', '2019'))).rejects.toThrow('Sheets unavailable');
    await expect(
      readSnapshot(
        { ...store, listEvidence: () => Promise.reject(new Error('store down')) },
        mail,
        request('quarterly', '2019-Q3'),
      ),
    ).rejects.toThrow('store down');
  });
});

describe('report drafts, in full', () => {
  // Every kind's drafts from one fixed snapshot, compared whole against the committed snapshot file: a refactor of a
  // builder that changes one character of a letter, its PDF document or an id fails here.
  const decided = (
    e: EvidenceDoc,
    decision: 'approved' | 'rejected' | 'needs_info',
    editedAt: string,
  ): EvidenceDoc => ({
    ...e,
    status: decision,
    decisions: [
      {
        editId: `${e.evidenceId}-edit`,
        editedAt,
        decision,
        queue: must(e.queues[0]),
        comment: decision === 'approved' ? null : 'Xin bổ sung ảnh chụp giấy chứng nhận',
        evaluatorEmail: PEOPLE.leader1,
        receivedAt: editedAt,
      },
    ],
  });
  const admitted = { ...an, party: { introducedAt: '2019-10-01', admittedAt: '2019-11-20', reference: null } };
  const evidence = [
    pending(binh, 'RL2', '2019-09-10T03:00:00.000Z'),
    pending(lan, 'RL2', '2019-10-02T03:00:00.000Z'),
    { ...pending(lan, 'BB1', '2019-09-12T03:00:00.000Z'), status: 'needs_info' as const },
    decided(pending(binh, 'RL1', '2019-09-20T03:00:00.000Z'), 'rejected', '2019-09-26T04:00:00.000Z'),
    decided(pending(binh, 'BB2', '2019-09-21T03:00:00.000Z'), 'approved', '2019-09-27T04:00:00.000Z'),
    decided(pending(lan, 'TT1', '2019-09-22T03:00:00.000Z'), 'needs_info', '2019-09-28T04:00:00.000Z'),
  ];
  const refusal = (i: number): InboxDoc => ({
    key: `r${String(i)}`,
    kind: i % 2 === 0 ? 'evidence' : 'registration',
    sourceKey: `r${String(i)}`,
    year: YEAR,
    email: i % 3 === 0 ? null : PEOPLE.binh,
    raw: '{}',
    receivedAt: `2019-09-${String(23 + (i % 7)).padStart(2, '0')}T03:${String(i).padStart(2, '0')}:00.000Z`,
    caller: 'apps-script',
    status: 'refused',
    id: null,
    errors: [
      { field: 'task', code: 'unknown_task', message: 'Nhiệm vụ không có trong kế hoạch' },
      ...(i % 4 === 0 ? [{ field: 'links', code: 'bad_link', message: 'Liên kết không mở được' }] : []),
    ],
    decidedAt: '2019-09-25T03:00:00.000Z',
  });
  const sheets = {
    master: { spreadsheetId: 'm', url: 'https://docs.google.com/spreadsheets/d/m' },
    queues: Object.fromEntries(
      [...new Set(evidence.flatMap((e) => e.queues))].map((q, i) => [
        q,
        {
          spreadsheetId: `q${String(i)}`,
          url: `https://docs.google.com/spreadsheets/d/q${String(i)}`,
          ...(i % 2 === 0 ? { sheetName: `Hàng chờ ${String(i)}` } : {}),
        },
      ]),
    ),
  };
  const data: Partial<ReportSnapshot> = {
    journeys: [admitted, binh, lan],
    evidence,
    refused: Array.from({ length: 33 }, (_, i) => refusal(i)),
    sheets,
    units: new Set([UNIT.snv, UNIT.stp]),
  };
  const later = {
    ...binh,
    year: 2020,
    party: { introducedAt: '2020-05-01', admittedAt: '2020-11-01', reference: null },
  };
  const years = [
    { year: 2019, config, journeys: [admitted, binh, lan] },
    { year: 2020, config: { ...config, year: 2020 }, journeys: [later] },
  ];
  const cases: [string, MailDraft[]][] = [
    ['digest', digestDrafts(snapshot('digest', '2019-W39', data))],
    ['digest, quiet week', digestDrafts(snapshot('digest', '2019-W20'))],
    ['quarterly', quarterlyDrafts(snapshot('quarterly', '2019-Q3', data))],
    ['annual', annualDrafts(snapshot('annual', '2019', data))],
    ['camp', campDrafts(snapshot('camp', '2019', data))],
    ['reminders', remindersDrafts(snapshot('reminders', '2019-W40', data))],
    ['reminders, no link', remindersDrafts(snapshot('reminders', '2019-W41', { ...data, bookLink: () => undefined }))],
    ['members, before the season', membersDrafts(snapshot('members', '2019-W30', data))],
    ['members, in the season', membersDrafts(snapshot('members', '2019-W40', data))],
    ['phase', phaseDrafts(snapshot('phase', '2018-2022', { years, journeys: [] }))],
    ['phase, no year', phaseDrafts(snapshot('phase', '2018-2022', { years: [], journeys: [] }))],
  ];
  it.each(cases)('%s', (_name, drafts) => {
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts).toMatchSnapshot();
  });
});
