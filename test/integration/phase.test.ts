// The phase over HTTP: a year rolled over from the one before (409, idempotent on editId), and a member across its years.
import { describe, expect, it } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { memberIdFor } from '../../functions/src/app/ids';
import type { YearConfig } from '../../functions/src/domain/config';
import type { JourneyDoc } from '../../functions/src/model';
import { parseArgs } from '../../functions/cli/parse';
import { runCli } from '../../functions/cli/run';
import { CONFIG, registration } from './fixtures';
import { SECRET, useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack({
  ...CONFIG,
  calendar: { amendmentCloses: '2019-07-15' },
  lateRegistrations: [{ unitId: 'SNV', until: '2019-02-10' }],
});

interface RolloverBody extends Outcome {
  plan?: YearConfig;
  continuing?: { memberId: string; fullName: string; email: string; unitId: string; introducedAt: string | null }[];
}

const rollover = (year: number, body: unknown) =>
  current().call<RolloverBody>('POST', `/v1/years/${year}/rollover`, body);

async function register(email: string, fullName: string, year = 2019, unit = 'SNV'): Promise<string> {
  const answer = await current().call<Outcome>(
    'POST',
    '/v1/registrations',
    registration({ email, fullName, unit, year, submittedAt: `${year}-01-10T09:00:00+07:00` }),
  );
  expect(answer.body.status).toBe('accepted');
  return answer.body.id ?? '';
}

describe('POST /v1/years/{year}/rollover', () => {
  it('makes 2020 from 2019: dates moved, everything else kept, nominees emptied, the members not admitted listed as continuing', async () => {
    const an = await register('an.snv@example.vn', 'Nguyễn Văn An');
    const binh = await register('binh.snv@example.vn', 'Trần Thị Bình');
    const admitted = await current().call<Outcome>('POST', '/v1/party-status', {
      editId: 'p1',
      memberId: binh,
      year: 2019,
      introducedAt: '2019-11-10',
      admittedAt: '2019-12-20',
    });
    expect(admitted.body.status).toBe('accepted');
    const from = (await current().call<YearConfig>('GET', '/v1/years/2019/config')).body;

    const answer = await rollover(2020, { editId: 'rollover-2019-2020', fromYear: 2019 });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'accepted', id: '2020-v1', errors: [] });
    const plan = answer.body.plan;
    expect(plan?.calendar).toEqual({
      ...from.calendar,
      ...Object.fromEntries(Object.entries(from.calendar).map(([k, d]) => [k, d.replace('2019', '2020')])),
    });
    expect(plan?.calendar.amendmentCloses).toBe('2020-07-15');
    expect(plan?.tasks).toEqual(from.tasks);
    expect(plan?.rules).toEqual(from.rules);
    expect(plan?.groups).toEqual(from.groups);
    expect(plan?.committee).toEqual(from.committee);
    expect(plan?.units.map((u) => [u.id, u.evaluators, u.reportTo, u.nominees])).toEqual([
      ['SNV', from.units[0]?.evaluators, from.units[0]?.reportTo, undefined],
      ['STP', from.units[1]?.evaluators, from.units[1]?.reportTo, []],
    ]);
    expect(plan?.lateRegistrations).toEqual([]);
    expect(answer.body.continuing).toEqual([
      { memberId: an, fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn', unitId: 'SNV', introducedAt: null },
    ]);
    // The plan served for 2020 is the one answered.
    expect((await current().call<YearConfig>('GET', '/v1/years/2020/config')).body).toEqual(plan);
    expect(current().changes).toContainEqual({ kind: 'config', year: 2020 });
  });

  it('answers the same plan again for the same editId, and 409 for another editId once the year has a plan', async () => {
    const first = await rollover(2020, { editId: 'once', fromYear: 2019 });
    const again = await rollover(2020, { editId: 'once', fromYear: 2019 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', id: '2020-v1' });
    expect(again.body.plan).toEqual(first.body.plan);
    expect(again.body.continuing).toEqual(first.body.continuing);

    const other = await rollover(2020, { editId: 'another', fromYear: 2019 });
    expect(other.status).toBe(409);
    expect(other.body.errors.map((e) => e.code)).toEqual(['year_exists']);
    expect(other.body.errors[0]?.message).toContain('Năm 2020 đã có kế hoạch');
    // A year whose plan was sent by hand refuses a rollover too.
    const put = await current().call<Outcome>('PUT', '/v1/years/2021/config', { ...CONFIG, year: 2021 });
    expect(put.body.status).toBe('accepted');
    expect((await rollover(2021, { editId: 'late', fromYear: 2020 })).status).toBe(409);
  });

  it('the rollover is in the audit log and the plan keeps where it came from', async () => {
    await rollover(2020, { editId: 'audited', fromYear: 2019 });
    const audit = await current().firestore.db.collection('audit').where('action', '==', 'year.rollover').get();
    expect(audit.docs.map((d) => d.get('target') as unknown)).toEqual(['2020-v1']);
    const stored = (await current().firestore.db.doc('years/2020').get()).data();
    expect(stored).toMatchObject({ version: 1, rolledOverFrom: 2019 });
  });

  it.each([
    ['an unknown earlier year', { editId: 'x1', fromYear: 2017 }, 404, 'year_not_found'],
    ['a later year', { editId: 'x2', fromYear: 2021 }, 422, 'invalid_value'],
    ['no editId', { fromYear: 2019 }, 422, 'invalid_value'],
  ])('refuses %s', async (_what, body, status, code) => {
    const answer = await rollover(2020, body);
    expect(answer.status).toBe(status);
    expect(answer.body.errors[0]?.code).toBe(code);
    expect((await current().call('GET', '/v1/years/2020/config')).status).toBe(404);
  });

  it('refuses a year outside the phase (422, naming the year)', async () => {
    await current().call('PUT', '/v1/years/2022/config', { ...CONFIG, year: 2022 });
    const answer = await rollover(2023, { editId: 'beyond', fromYear: 2022 });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]?.field).toBe('year');
  });
});

describe('GET /v1/members/{memberId}', () => {
  /** Stores a journey with a result directly (the ranking index follows), as years of scoring would have left it. */
  async function journeyWith(
    year: number,
    memberId: string,
    unitId: string,
    result: Partial<JourneyDoc['result']>,
  ): Promise<void> {
    const store = createFirestoreStore(current().firestore.db);
    await store.transaction(memberId, async (tx) => {
      const journey = await tx.getJourney(year, memberId);
      if (!journey) throw new Error(`no journey ${year} ${memberId}`);
      tx.putJourney({ ...journey, unitId, result: { ...journey.result, ...result } });
    });
  }

  it('answers every year the member took part in, with grade, points, rank, completion and camp, and the party dates', async () => {
    const email = 'an.snv@example.vn';
    const an = await register(email, 'Nguyễn Văn An');
    await register('binh.snv@example.vn', 'Trần Thị Bình');
    await rollover(2020, { editId: 'to-2020', fromYear: 2019 });
    await register(email, 'Nguyễn Văn An', 2020);
    await journeyWith(2019, an, 'SNV', {
      completed: true,
      completedAt: '2019-09-10T02:00:00.000Z',
      grade: 'tot',
      points: 62,
    });
    await journeyWith(2020, an, 'SNV', { grade: 'chua_dat', points: 16 });
    const party = await current().call<Outcome>('POST', '/v1/party-status', {
      editId: 'p-an',
      email,
      year: 2020,
      introducedAt: '2020-11-12',
      admittedAt: '2021-05-19',
    });
    expect(party.body.status).toBe('accepted');

    for (const named of [an, email, encodeURIComponent(email)]) {
      const answer = await current().call('GET', `/v1/members/${named}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        memberId: an,
        fullName: 'Nguyễn Văn An',
        email,
        years: [
          { year: 2019, unitId: 'SNV', grade: 'tot', points: 62, rank: 1, completed: true, camp: true },
          { year: 2020, unitId: 'SNV', grade: 'chua_dat', points: 16, rank: 1, completed: false, camp: false },
        ],
        introducedAt: '2020-11-12',
        admittedAt: '2021-05-19',
      });
    }
  });

  it('costs a fixed number of reads per year, whatever the number of members', async () => {
    const an = await register('an.snv@example.vn', 'Nguyễn Văn An');
    const cost = async (): Promise<number> => {
      current().counters.reads = 0;
      expect((await current().call('GET', `/v1/members/${an}`)).status).toBe(200);
      return current().counters.reads;
    };
    const few = await cost();
    for (let i = 0; i < 15; i += 1) await register(`m${i}.snv@example.vn`, `Đoàn viên ${i}`);
    expect(await cost()).toBe(few);
  });

  it('answers 404 for an unknown member or a malformed id', async () => {
    for (const named of [memberIdFor('nobody@example.vn'), 'nobody@example.vn', 'constructor']) {
      const answer = await current().call<Outcome>('GET', `/v1/members/${named}`);
      expect(answer.status).toBe(404);
      expect(answer.body.errors[0]?.code).toBe('member_not_found');
    }
  });
});

describe('npm run journey -- year next', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { JOURNEY_URL: current().url, JOURNEY_SHARED_SECRET: SECRET },
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('reads the year and the year it comes from (the year before unless --from says otherwise)', () => {
    expect(parseArgs(['year', 'next', '2020'])).toEqual({
      ok: true,
      command: { kind: 'year-next', year: 2020, from: 2019, json: false },
    });
    expect(parseArgs(['year', 'next', '2021', '--from', '2019', '--json'])).toEqual({
      ok: true,
      command: { kind: 'year-next', year: 2021, from: 2019, json: true },
    });
    expect(parseArgs(['year', 'next', '2020', '--from', '2020'])).toEqual({
      ok: false,
      error: 'Năm chuyển từ (2020) phải trước năm 2020.',
    });
    expect(parseArgs(['year', 'next'])).toMatchObject({ ok: false });
  });

  it('makes the year, prints its calendar and the continuing members in Vietnamese, and answers the same when run again', async () => {
    await register('an.snv@example.vn', 'Nguyễn Văn An');
    const first = await cli(['year', 'next', '2020']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Đã tạo kế hoạch năm 2020 từ kế hoạch năm 2019 (phiên bản 2020-v1).');
    expect(first.out).toContain('đăng ký 01/01/2020–31/01/2020, đăng ký bổ sung đến 15/07/2020');
    expect(first.out).toContain('Danh sách đề cử của 1 cơ sở Đoàn đã được làm trống');
    expect(first.out).toContain('Đoàn viên năm 2019 tiếp tục hành trình (chưa được kết nạp Đảng): 1');
    expect(first.out).toMatch(/Đoàn Sở Nội vụ\s+Nguyễn Văn An\s+an\.snv@example\.vn\s+—/);
    const again = await cli(['year', 'next', '2020']);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      'Kế hoạch năm 2020 đã được tạo từ năm 2019 trước đó (phiên bản 2020-v1); không tạo lại.',
    );
  });

  it('says why in Vietnamese and exits 1 when the year already has a plan', async () => {
    await current().call('PUT', '/v1/years/2020/config', { ...CONFIG, year: 2020 });
    const answer = await cli(['year', 'next', '2020']);
    expect(answer.code).toBe(1);
    expect(answer.err).toContain('HTTP 409');
    expect(answer.err).toContain('year_exists');
  });
});
