// The journey function end to end on the embedded emulator: every route and status of API.md, idempotency, concurrency.
import { describe, expect, it } from 'vitest';
import { CONFIG, YEAR, essay, evaluation, evidence, registration } from './fixtures';
import { useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack(CONFIG);

describe('health and signing', () => {
  it('answers /healthz without a signature', async () => {
    const answer = await current().call('GET', '/healthz', undefined, { unsigned: true });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { ok: true } });
  });

  it('refuses a missing, wrong, stale or future signature with 401', async () => {
    const path = `/v1/years/${YEAR}/config`;
    expect((await current().call('GET', path, undefined, { unsigned: true })).status).toBe(401);
    expect(
      (await current().call('GET', path, undefined, { headers: { 'x-journey-signature': `v1=${'0'.repeat(64)}` } }))
        .status,
    ).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 301);
    expect((await current().call('GET', path, undefined, { headers: { 'x-journey-timestamp': old } })).status).toBe(
      401,
    );
    const ahead = String(Math.floor(Date.now() / 1000) + 61);
    expect((await current().call('GET', path, undefined, { headers: { 'x-journey-timestamp': ahead } })).status).toBe(
      401,
    );
  });
});

describe('config', () => {
  it('answers the plan with every default filled in', async () => {
    const answer = await current().call<{
      tasks: { code: string }[];
      calendar: Record<string, string>;
      rules: { minTraining: number };
    }>('GET', `/v1/years/${YEAR}/config`);
    expect(answer.status).toBe(200);
    expect(answer.body.tasks.map((t) => t.code)).toEqual([
      'BB1',
      'BB2',
      'BB3',
      'RL1',
      'RL2',
      'RL3',
      'RL4',
      'RL5',
      'RL6',
      'TT1',
      'TT3',
      'TT4',
    ]);
    expect(answer.body.calendar.registrationCloses).toBe('2019-01-31');
    expect(answer.body.rules.minTraining).toBe(3);
  });

  it('keeps versions and refuses an invalid plan with 422 naming the field', async () => {
    const second = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, {
      ...CONFIG,
      rules: { campQuota: 10 },
    });
    expect(second.body).toMatchObject({ status: 'accepted', id: '2019-v2' });
    const bad = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, {
      ...CONFIG,
      calendar: { registrationCloses: '2019-02-30' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]?.field).toBe('calendar.registrationCloses');
  });

  it('answers 404 for a year without a plan', async () => {
    const answer = await current().call<Outcome>('GET', '/v1/years/2030/config');
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]?.code).toBe('year_not_found');
  });
});

describe('registration', () => {
  it('registers, then answers a repeat of the same response as duplicate with the same id', async () => {
    const body = registration();
    const first = await current().call<Outcome>('POST', '/v1/registrations', body);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('accepted');
    const again = await current().call<Outcome>('POST', '/v1/registrations', body);
    expect(again.body).toEqual({ status: 'duplicate', id: first.body.id, errors: [] });
    const member = await current().call<{
      registered: { training: string[] };
      tasks: Record<string, { status: string }>;
    }>('GET', `/v1/years/${YEAR}/members/${first.body.id ?? ''}`);
    expect(member.body.registered.training).toEqual(['RL1', 'RL2', 'RL6']);
    expect(member.body.tasks.RL3?.status).toBe('not_registered');
  });

  it('refuses a late registration with 422, stores it in the inbox with its reasons', async () => {
    const late = registration({ submittedAt: '2019-02-03T09:00:00+07:00', email: 'late@example.vn' });
    const answer = await current().call<Outcome>('POST', '/v1/registrations', late);
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e) => e.code)).toEqual(['registration_closed']);
    const inbox = await current().call<{ items: { raw: string; errors: { code: string }[] }[] }>(
      'GET',
      `/v1/years/${YEAR}/inbox?status=refused`,
    );
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]?.raw).toBe(JSON.stringify(late));
    expect(inbox.body.items[0]?.errors[0]?.code).toBe('registration_closed');
  });

  it('refuses a body that breaks the schema with 422 and a Vietnamese message naming the field', async () => {
    const answer = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({ email: 'không-phải-email' }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ field: 'email', code: 'invalid_value' });
    expect(answer.body.errors[0]?.message).toContain('Email');
  });

  it('answers 400 for a body that is not JSON and still keeps it', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: '{"responseId": "x",',
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.code).toBe('invalid_json');
  });

  it('answers 413 for a body over 256 KiB', async () => {
    const answer = await current().call<Outcome>(
      'POST',
      '/v1/evidence',
      evidence({ description: 'a'.repeat(300 * 1024) }),
    );
    expect(answer.status).toBe(413);
  });
});

describe('evidence and evaluation', () => {
  async function registered(): Promise<string> {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', registration());
    return answer.body.id ?? '';
  }

  it('stores evidence as pending and answers its id', async () => {
    const memberId = await registered();
    const answer = await current().call<Outcome>('POST', '/v1/evidence', evidence());
    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatch(/^2019-e-/);
    const member = await current().call<{ tasks: Record<string, { status: string; pending: number }> }>(
      'GET',
      `/v1/years/${YEAR}/members/${memberId}`,
    );
    expect(member.body.tasks.RL2).toMatchObject({ status: 'in_progress', pending: 1 });
  });

  it('answers 404 for evidence from someone with no journey book', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/evidence', evidence({ email: 'stranger@example.vn' }));
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]?.code).toBe('member_not_registered');
  });

  it('refuses evidence for an unregistered task with a hint to register it', async () => {
    await registered();
    const answer = await current().call<Outcome>('POST', '/v1/evidence', evidence({ task: 'RL3' }));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]?.code).toBe('task_not_registered');
    expect(answer.body.errors[0]?.message).toContain('đăng ký bổ sung');
  });

  it('refuses a short BB3 essay and accepts a long one', async () => {
    await registered();
    const short = await current().call<Outcome>('POST', '/v1/evidence', evidence({ task: 'BB3', essay: essay(1000) }));
    expect(short.body.errors.map((e) => e.code)).toEqual(['essay_too_short']);
    const long = await current().call<Outcome>('POST', '/v1/evidence', evidence({ task: 'BB3', essay: essay(1001) }));
    expect(long.body.status).toBe('accepted');
  });

  it('records a decision, recomputes the result, and a repeat edit is a duplicate', async () => {
    const memberId = await registered();
    const ids: string[] = [];
    for (const date of ['2019-04-20', '2019-05-01']) {
      ids.push((await current().call<Outcome>('POST', '/v1/evidence', evidence({ activityDate: date }))).body.id ?? '');
    }
    const decision = evaluation(ids[0] ?? '');
    expect((await current().call<Outcome>('POST', '/v1/evaluations', decision)).body.status).toBe('accepted');
    expect((await current().call<Outcome>('POST', '/v1/evaluations', decision)).body.status).toBe('duplicate');
    await current().call('POST', '/v1/evaluations', evaluation(ids[1] ?? ''));
    const member = await current().call<{
      tasks: Record<string, { status: string; approved: number }>;
      points: number;
    }>('GET', `/v1/years/${YEAR}/members/${memberId}`);
    expect(member.body.tasks.RL2).toMatchObject({ status: 'done', approved: 2 });
    expect(member.body.points).toBe(6);
  });

  it('answers 403 for a queue that may not decide the task, outside scope, or self-evaluation', async () => {
    await registered();
    const id = (await current().call<Outcome>('POST', '/v1/evidence', evidence())).body.id ?? '';
    const wrongRole = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(id, { queue: 'BTV_DOAN_KHOI', evaluatorEmail: 'btv@example.vn' }),
    );
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.errors[0]?.code).toBe('not_allowed_to_evaluate');
    const otherUnit = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(id, { queue: 'BCH_CO_SO:STP', evaluatorEmail: 'bch.stp@example.vn' }),
    );
    expect(otherUnit.status).toBe(403);
    expect(otherUnit.body.errors[0]?.code).toBe('outside_queue_scope');
    const self = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(id, { evaluatorEmail: 'an.snv@example.vn' }),
    );
    expect(self.status).toBe(403);
    expect(self.body.errors[0]?.code).toBe('self_evaluation');
  });

  it('records who decided and how it was known in the audit; refuses a named evaluator the queue does not list, kept in the inbox', async () => {
    await registered();
    const id = (await current().call<Outcome>('POST', '/v1/evidence', evidence())).body.id ?? '';
    const named = evaluation(id, { evaluatorEmail: 'bch.snv@example.vn', evaluatorSource: 'named' });
    expect((await current().call<Outcome>('POST', '/v1/evaluations', named)).body.status).toBe('accepted');
    const entries = await current().firestore.db.collection('audit').where('action', '==', 'evaluation').get();
    expect(
      entries.docs.map((d) => [
        d.get('actor') as string,
        d.get('detail.evaluatorKnownBy') as string,
        d.get('detail.queue') as string,
      ]),
    ).toEqual([['bch.snv@example.vn', 'named', 'BCH_CO_SO:SNV']]);

    // Picked in the sheet by someone the plan does not list for the queue: 403, with the Vietnamese reason, kept.
    const stranger = evaluation(id, { evaluatorEmail: 'nguoi.la@example.vn', evaluatorSource: 'named' });
    const refused = await current().call<Outcome>('POST', '/v1/evaluations', stranger);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({ field: 'evaluatorEmail', code: 'evaluator_not_listed' });
    expect(refused.body.errors[0]?.message).toBe(
      'Email người đánh giá không có trong danh sách người đánh giá của hàng chờ BCH_CO_SO:SNV.',
    );
    const inbox = await current().call<{ items: Array<{ key: string; errors: Array<{ code: string }> }> }>(
      'GET',
      `/v1/years/${YEAR}/inbox?status=refused`,
    );
    expect(inbox.body.items.filter((e) => e.errors.some((x) => x.code === 'evaluator_not_listed'))).toHaveLength(1);

    // An unknown source is refused by the schema; no evaluator at all is recorded as such.
    const bad = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(id, { evaluatorSource: 'guessed' }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]?.field).toBe('evaluatorSource');
    const anonymous = { ...evaluation(id), evaluatorEmail: undefined };
    expect((await current().call<Outcome>('POST', '/v1/evaluations', anonymous)).body.status).toBe('accepted');
    const all = await current().firestore.db.collection('audit').where('action', '==', 'evaluation').get();
    expect(all.docs.map((d) => d.get('detail.evaluatorKnownBy') as string).sort()).toEqual(['named', 'none']);
  });

  it('answers 404 for an unknown evidence id and 422 after the evaluation deadline', async () => {
    const unknown = await current().call<Outcome>('POST', '/v1/evaluations', evaluation('2019-e-0000000000000000'));
    expect(unknown.status).toBe(404);
    await registered();
    const id = (await current().call<Outcome>('POST', '/v1/evidence', evidence())).body.id ?? '';
    const late = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(id, { editedAt: '2019-11-02T08:00:00+07:00' }),
    );
    expect(late.status).toBe(422);
    expect(late.body.errors[0]?.code).toBe('evaluation_closed');
  });

  it('counts every one of 20 decisions arriving together for one member', async () => {
    const memberId = await registered();
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const day = String(1 + i).padStart(2, '0');
      ids.push(
        (await current().call<Outcome>('POST', '/v1/evidence', evidence({ activityDate: `2019-03-${day}` }))).body.id ??
          '',
      );
    }
    const answers = await Promise.all(
      ids.map((id) => current().call<Outcome>('POST', '/v1/evaluations', evaluation(id))),
    );
    expect(answers.every((a) => a.body.status === 'accepted')).toBe(true);
    const member = await current().call<{
      tasks: Record<string, { approved: number; pending: number }>;
      points: number;
    }>('GET', `/v1/years/${YEAR}/members/${memberId}`);
    expect(member.body.tasks.RL2).toMatchObject({ approved: 20, pending: 0 });
    expect(member.body.points).toBe(6 + 5);
  });
});

describe('party status and results', () => {
  it('records introduction and admission and refuses admission before introduction', async () => {
    const memberId = (await current().call<Outcome>('POST', '/v1/registrations', registration())).body.id ?? '';
    const ok = await current().call<Outcome>('POST', '/v1/party-status', {
      editId: 'p1',
      memberId,
      year: YEAR,
      introducedAt: '2019-11-20',
    });
    expect(ok.body).toMatchObject({ status: 'accepted', id: memberId });
    const bad = await current().call<Outcome>('POST', '/v1/party-status', {
      editId: 'p2',
      memberId,
      year: YEAR,
      admittedAt: '2019-11-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]?.code).toBe('admitted_before_introduced');
    const unknown = await current().call<Outcome>('POST', '/v1/party-status', {
      editId: 'p3',
      email: 'nobody@example.vn',
      year: YEAR,
    });
    expect(unknown.status).toBe(404);
  });

  it('keeps the member across years: identity, the years taken part in, and the latest party status', async () => {
    const memberId = (await current().call<Outcome>('POST', '/v1/registrations', registration())).body.id ?? '';
    await current().call('POST', '/v1/party-status', {
      editId: 'p-life',
      memberId,
      year: YEAR,
      introducedAt: '2019-11-20',
      reference: '12-QĐ/ĐU',
    });
    const member = (await current().firestore.db.doc(`members/${memberId}`).get()).data();
    expect(member).toMatchObject({
      email: 'an.snv@example.vn',
      fullName: 'Nguyễn Văn An',
      years: [YEAR],
      party: { introducedAt: '2019-11-20', admittedAt: null, reference: '12-QĐ/ĐU' },
    });
  });

  it('ranks the year and answers 404 for an unknown member', async () => {
    await current().call('POST', '/v1/registrations', registration());
    await current().call(
      'POST',
      '/v1/registrations',
      registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
    );
    const results = await current().call<{
      members: { fullName: string; rank: number }[];
      funnel: { unitId: string; registered: number }[];
    }>('GET', `/v1/years/${YEAR}/results`);
    expect(results.body.members.map((m) => [m.fullName, m.rank])).toEqual([
      ['Nguyễn Văn An', 1],
      ['Trần Thị Bình', 2],
    ]);
    expect(results.body.funnel.find((f) => f.unitId === 'SNV')?.registered).toBe(2);
    expect((await current().call('GET', `/v1/years/${YEAR}/members/m-unknown`)).status).toBe(404);
  });
});
