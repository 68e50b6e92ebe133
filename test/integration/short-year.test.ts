// The short first year of the phase (IV.3: 2018 from October to December): its own calendar, one BB2 session, scored and ranked.
import { describe, expect, it } from 'vitest';
import { CONFIG, essay, evaluation, evidence, registration } from './fixtures';
import { useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack({ ...CONFIG, year: 2018 });

const QUEUE: Record<string, [string, string]> = {
  BB1: ['CAP_UY:SNV', 'capuy.snv@example.vn'],
  BB2: ['BTV_DOAN_KHOI', 'btv@example.vn'],
  BB3: ['BTV_DOAN_KHOI', 'btv@example.vn'],
  RL1: ['BCH_CO_SO:SNV', 'bch.snv@example.vn'],
  RL2: ['BCH_CO_SO:SNV', 'bch.snv@example.vn'],
  RL3: ['BTV_DOAN_KHOI', 'btv@example.vn'],
  TT1: ['BTV_DOAN_KHOI', 'btv@example.vn'],
};

/** Registers `email` in October 2018 and has every entry of the minimum approved on `day` (December): completes the year then. */
async function completeOn(email: string, fullName: string, day: string): Promise<void> {
  const reg = await current().call<Outcome>(
    'POST',
    '/v1/registrations',
    registration({
      year: 2018,
      email,
      fullName,
      submittedAt: '2018-10-08T09:00:00+07:00',
      group: undefined,
      trainingTasks: ['RL1', 'RL2', 'RL3'],
      challengeTasks: ['TT1'],
    }),
  );
  expect(reg.body.status).toBe('accepted');
  const entries: [string, string, Record<string, unknown>][] = [
    ['BB1', '2018-11-20', { initiative: 'Số hóa hồ sơ một cửa', rating: 'Lao động tiên tiến' }],
    ['BB2', '2018-10-25', {}],
    ['BB3', '2018-11-05', { essay: essay(1100) }],
    ['RL1', '2018-10-12', { meetingKind: 'themed' }],
    ['RL2', '2018-10-21', {}],
    ['RL2', '2018-11-18', {}],
    ['RL3', '2018-11-26', { links: ['https://drive.google.com/file/d/giay-khen'] }],
    ['TT1', '2018-12-01', {}],
  ];
  for (const [task, activityDate, extra] of entries) {
    const sent = await current().call<Outcome>(
      'POST',
      '/v1/evidence',
      evidence({ year: 2018, email, task, activityDate, submittedAt: `${activityDate}T20:00:00+07:00`, ...extra }),
    );
    expect(sent.body.status, `${task} ${JSON.stringify(sent.body.errors)}`).toBe('accepted');
    const [queue, evaluatorEmail] = QUEUE[task] ?? ['', ''];
    const decided = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(sent.body.id ?? '', { queue, evaluatorEmail, editedAt: `${day}T09:00:00+07:00` }),
    );
    expect(decided.body.status, `${task} ${JSON.stringify(decided.body.errors)}`).toBe('accepted');
  }
}

interface Results {
  members: {
    email: string;
    rank: number;
    grade: string;
    points: number;
    completed: boolean;
    completedAt: string | null;
    tasks: Record<string, { status: string; required: number }>;
  }[];
}

describe('the short year 2018', () => {
  it('serves its own calendar: October registration, October–December activity, evaluation by 31/12', async () => {
    const config = await current().call<{
      calendar: Record<string, string>;
      tasks: { code: string; minEntries: number }[];
    }>('GET', '/v1/years/2018/config');
    expect(config.body.calendar).toEqual({
      registrationOpens: '2018-10-01',
      registrationCloses: '2018-10-31',
      amendmentCloses: '2018-11-15',
      activityStarts: '2018-10-01',
      activityEnds: '2018-12-15',
      evaluationCloses: '2018-12-31',
    });
    expect(config.body.tasks.find((t) => t.code === 'BB2')?.minEntries).toBe(1);
  });

  it('refuses what falls outside its calendar: a January registration, a September activity, a decision in January 2019', async () => {
    const january = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({
        year: 2018,
        submittedAt: '2018-01-10T09:00:00+07:00',
        group: undefined,
        trainingTasks: ['RL1', 'RL2', 'RL3'],
      }),
    );
    expect(january.body.errors.map((e) => e.code)).toEqual(['registration_closed']);
    expect(january.body.errors[0]?.message).toContain('từ 01/10/2018 đến 31/10/2018');
    const reg = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({
        year: 2018,
        submittedAt: '2018-10-03T09:00:00+07:00',
        group: undefined,
        trainingTasks: ['RL1', 'RL2', 'RL3'],
      }),
    );
    expect(reg.body.status).toBe('accepted');
    const september = await current().call<Outcome>(
      'POST',
      '/v1/evidence',
      evidence({ year: 2018, activityDate: '2018-09-20', submittedAt: '2018-10-04T09:00:00+07:00' }),
    );
    expect(september.body.errors.map((e) => e.code)).toEqual(['activity_outside_window']);
    const november = await current().call<Outcome>(
      'POST',
      '/v1/evidence',
      evidence({ year: 2018, activityDate: '2018-11-10', submittedAt: '2018-11-12T09:00:00+07:00' }),
    );
    expect(november.body.status).toBe('accepted');
    const late = await current().call<Outcome>(
      'POST',
      '/v1/evaluations',
      evaluation(november.body.id ?? '', { editedAt: '2019-01-03T09:00:00+07:00' }),
    );
    expect(late.body.errors.map((e) => e.code)).toEqual(['evaluation_closed']);
  });

  it('scores with one BB2 session and ranks by completion in its own December: the earlier completion first', async () => {
    await completeOn('hoa.snv@example.vn', 'Lê Thị Hoa', '2018-12-20');
    await completeOn('an.snv@example.vn', 'Nguyễn Văn An', '2018-12-10');
    const results = await current().call<Results>('GET', '/v1/years/2018/results');
    expect(results.body.members.map((m) => [m.email, m.rank, m.grade, m.points, m.completed, m.completedAt])).toEqual([
      ['an.snv@example.vn', 1, 'tot', 3 * 10 + 3 * 6 + 8, true, '2018-12-10T02:00:00.000Z'],
      ['hoa.snv@example.vn', 2, 'tot', 3 * 10 + 3 * 6 + 8, true, '2018-12-20T02:00:00.000Z'],
    ]);
    expect(results.body.members[0]?.tasks.BB2).toMatchObject({ status: 'done', required: 1 });
    // The ranking index (journey book, GET /v1/members) agrees.
    const across = await current().call<{ years: { year: number; rank: number; camp: boolean }[] }>(
      'GET',
      '/v1/members/hoa.snv@example.vn',
    );
    expect(across.body.years).toEqual([expect.objectContaining({ year: 2018, rank: 2, camp: true })]);
  });
});
