// Informed consent at registration (issue 25 item 1) through the function: refused without it, kept with its notice
// version and time, a changed notice making a new version while earlier consents keep theirs, the privacy-notice route.
import { describe, expect, it } from 'vitest';
import { memberIdFor } from '../../functions/src/app/ids';
import { DEFAULT_PRIVACY_NOTICE, DEFAULT_RETENTION_YEARS, noticeVersion } from '../../functions/src/domain/privacy';
import { CONFIG, CONSENT, YEAR, registration } from './fixtures';
import { useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack(CONFIG);

interface Notice {
  version: string;
  text: string;
}

async function journeyDoc(email: string): Promise<Record<string, unknown> | undefined> {
  return (
    await current()
      .firestore.db.doc(`years/${String(YEAR)}/journeys/${memberIdFor(email)}`)
      .get()
  ).data();
}

async function refusedInbox(): Promise<{ raw: string; errors: { field: string; code: string; message: string }[] }[]> {
  const inbox = await current().call<{
    items: { raw: string; errors: { field: string; code: string; message: string }[] }[];
  }>('GET', `/v1/years/${String(YEAR)}/inbox?status=refused`);
  return inbox.body.items;
}

const OWN_NOTICE = 'Thông báo về xử lý dữ liệu cá nhân của Đoàn Khối, bản sửa đổi tháng 3/2019.';

describe('a registration without consent', () => {
  it.each([
    ['no consent at all', { consent: undefined }],
    ['the box not ticked', { consent: { notice: CONSENT.notice, given: false } }],
    ['given as the text "true"', { consent: { notice: CONSENT.notice, given: 'true' } }],
  ])('is refused 422 consent_required (%s), in Vietnamese, kept in the inbox with its reason', async (_what, patch) => {
    const body = registration(patch);
    const answer = await current().call<Outcome>('POST', '/v1/registrations', body);
    expect(answer.status).toBe(422);
    expect(answer.body.status).toBe('refused');
    const refusal = answer.body.errors.find((e) => e.code === 'consent_required');
    expect(refusal?.field).toBe('consent');
    expect(refusal?.message).toContain('Bạn chưa đồng ý cho xử lý dữ liệu cá nhân');
    // Nothing registered, the submission stored as received with its reason.
    expect(await journeyDoc('an.snv@example.vn')).toBeUndefined();
    const stored = await refusedInbox();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.raw).toBe(JSON.stringify(body));
    expect(stored[0]?.errors.map((e) => e.code)).toEqual(['consent_required']);
  });

  it('is refused with its own code when it names a notice the year never had', async () => {
    const answer = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({ consent: { notice: 'ffffffffffff', given: true } }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ field: 'consent.notice', code: 'unknown_notice_version' }),
    ]);
    expect(answer.body.errors[0]?.message).toContain('phiên bản ffffffffffff');
    expect((await refusedInbox())[0]?.errors.map((e) => e.code)).toEqual(['unknown_notice_version']);
  });

  it('reports the consent with every other reason at once', async () => {
    const answer = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({ consent: undefined, trainingTasks: ['RL1'] }),
    );
    expect(answer.body.errors.map((e) => e.code)).toEqual(['consent_required', 'too_few_training_tasks']);
  });
});

describe('a registration with consent', () => {
  it('records the notice version and the time of the submission on the journey', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', registration());
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('accepted');
    expect((await journeyDoc('an.snv@example.vn'))?.consent).toEqual({
      notice: noticeVersion(DEFAULT_PRIVACY_NOTICE),
      givenAt: new Date('2019-01-10T09:00:00+07:00').toISOString(),
      withdrawnAt: null,
    });
  });

  it('keeps the consent through an amendment to the same notice, and takes the new one after the notice changed', async () => {
    await current().call('POST', '/v1/registrations', registration());
    const firstGiven = new Date('2019-01-10T09:00:00+07:00').toISOString();
    const amended = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({ submittedAt: '2019-02-10T09:00:00+07:00', trainingTasks: ['RL1', 'RL2', 'RL6', 'RL3'] }),
    );
    expect(amended.body.status).toBe('accepted');
    expect((await journeyDoc('an.snv@example.vn'))?.consent).toEqual({
      notice: CONSENT.notice,
      givenAt: firstGiven,
      withdrawnAt: null,
    });

    await current().call('PUT', `/v1/years/${String(YEAR)}/config`, { ...CONFIG, privacy: { notice: OWN_NOTICE } });
    await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({
        submittedAt: '2019-02-20T09:00:00+07:00',
        trainingTasks: ['RL1', 'RL2', 'RL6', 'RL3', 'RL4'],
        consent: { notice: noticeVersion(OWN_NOTICE), given: true },
      }),
    );
    expect((await journeyDoc('an.snv@example.vn'))?.consent).toEqual({
      notice: noticeVersion(OWN_NOTICE),
      givenAt: new Date('2019-02-20T09:00:00+07:00').toISOString(),
      withdrawnAt: null,
    });
  });
});

describe('a changed notice', () => {
  it('makes a new version; earlier consents keep theirs, and a form still showing the earlier notice registers against it', async () => {
    const before = await current().call<Notice>('GET', `/v1/years/${String(YEAR)}/privacy-notice`);
    expect(before.body).toEqual({ version: noticeVersion(DEFAULT_PRIVACY_NOTICE), text: DEFAULT_PRIVACY_NOTICE });
    await current().call('POST', '/v1/registrations', registration());

    const put = await current().call<Outcome>('PUT', `/v1/years/${String(YEAR)}/config`, {
      ...CONFIG,
      privacy: { notice: OWN_NOTICE, retentionYears: 3 },
    });
    expect(put.body.status).toBe('accepted');
    const after = await current().call<Notice>('GET', `/v1/years/${String(YEAR)}/privacy-notice`);
    expect(after.body).toEqual({ version: noticeVersion(OWN_NOTICE), text: OWN_NOTICE });
    const config = await current().call<{ privacy: Notice & { retentionYears: number } }>(
      'GET',
      `/v1/years/${String(YEAR)}/config`,
    );
    expect(config.body.privacy).toEqual({ ...after.body, retentionYears: 3 });

    // The first member's consent stays with the notice they read.
    expect((await journeyDoc('an.snv@example.vn'))?.consent).toMatchObject({ notice: before.body.version });
    // A response sent from the form before it was rebuilt names the earlier notice: still accepted, with that version.
    const late = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình', consent: CONSENT }),
    );
    expect(late.body.status).toBe('accepted');
    expect((await journeyDoc('binh.snv@example.vn'))?.consent).toMatchObject({ notice: before.body.version });
    const fresh = await current().call<Outcome>(
      'POST',
      '/v1/registrations',
      registration({
        email: 'cuong.snv@example.vn',
        fullName: 'Lê Văn Cường',
        consent: { notice: after.body.version, given: true },
      }),
    );
    expect(fresh.body.status).toBe('accepted');
    expect((await journeyDoc('cuong.snv@example.vn'))?.consent).toMatchObject({ notice: after.body.version });

    // What the first member consented to stays readable.
    const earlier = await current().call<Notice>(
      'GET',
      `/v1/years/${String(YEAR)}/privacy-notice?version=${before.body.version}`,
    );
    expect(earlier.body).toEqual(before.body);
  });

  it('keeps the version when only the plan around it changes', async () => {
    const before = await current().call<Notice>('GET', `/v1/years/${String(YEAR)}/privacy-notice`);
    await current().call('PUT', `/v1/years/${String(YEAR)}/config`, { ...CONFIG, rules: { campQuota: 12 } });
    const after = await current().call<Notice>('GET', `/v1/years/${String(YEAR)}/privacy-notice`);
    expect(after.body.version).toBe(before.body.version);
  });
});

describe('GET /v1/years/{year}/privacy-notice', () => {
  it('answers the default notice for a plan that sets none, with the default retention in the plan', async () => {
    const answer = await current().call<Notice>('GET', `/v1/years/${String(YEAR)}/privacy-notice`);
    expect(answer.status).toBe(200);
    expect(answer.body.text).toContain(`${String(DEFAULT_RETENTION_YEARS)} năm sau khi giai đoạn kết thúc`);
  });

  it('is 404 for a year without a plan and for a version the year never had', async () => {
    expect((await current().call('GET', '/v1/years/2031/privacy-notice')).status).toBe(404);
    const unknown = await current().call<Outcome>('GET', `/v1/years/${String(YEAR)}/privacy-notice?version=abc`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]?.code).toBe('notice_version_not_found');
  });

  it('needs a signature', async () => {
    const answer = await current().call('GET', `/v1/years/${String(YEAR)}/privacy-notice`, undefined, {
      unsigned: true,
    });
    expect(answer.status).toBe(401);
  });
});
