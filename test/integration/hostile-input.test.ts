// Hostile and broken input: never a 500 or a hang, always an answer in API.md's terms, and nothing sent is left undecided.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG, YEAR, evaluation, evidence, registration } from './fixtures';
import { useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack(CONFIG);

interface InboxItem {
  key: string;
  status: string;
  errors: { code: string; message: string }[];
}

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];
const PATH_LIKE = ['a/b', '../x', '.', '..', '__x__', 'm-0123456789abcdef/x', ''];

async function inboxOf(status?: string): Promise<InboxItem[]> {
  const query = status ? `?status=${status}` : '';
  return (await current().call<{ items: InboxItem[] }>('GET', `/v1/years/${YEAR}/inbox${query}`)).body.items;
}

describe('text that is not well-formed Unicode (a lone surrogate)', () => {
  it('is refused at once, naming the field, and kept in the inbox as refused', async () => {
    const started = Date.now();
    const raw = JSON.stringify(registration({ email: 'surrogate@example.vn' })).replace('Nguyễn Văn An', 'A\\ud800B');
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'fullName', code: 'invalid_text' })]);
    expect(answer.body.errors[0]?.message).toContain('Họ và tên');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await inboxOf('received')).toEqual([]);
    expect((await inboxOf('refused')).map((i) => i.errors[0]?.code)).toEqual(['invalid_text']);
    // The member is not held up: a valid registration right after is accepted.
    expect((await current().call<Outcome>('POST', '/v1/registrations', registration({ email: 'surrogate@example.vn' }))).status).toBe(200);
  });

  it('is refused in a party status reference and in an object key too', async () => {
    await current().call('POST', '/v1/registrations', registration({ email: 'party@example.vn' }));
    const party = `{"editId":"p1","email":"party@example.vn","year":${YEAR},"introducedAt":"2019-11-02","reference":"x\\udc00y"}`;
    const answer = await current().call<Outcome>('POST', '/v1/party-status', undefined, { raw: party });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ field: 'reference', code: 'invalid_text' });
    const key = JSON.stringify(evidence()).replace('"description"', '"desc\\ud800"');
    expect((await current().call<Outcome>('POST', '/v1/evidence', undefined, { raw: key })).body.errors[0]?.code).toBe('invalid_text');
  });
});

describe('ids that are not ids', () => {
  it.each([...PROTOTYPE_NAMES, 'a-b', 'M-0123456789ABCDEF'])('GET /members/%s answers 404 quickly', async (id) => {
    const started = Date.now();
    const answer = await current().call<Outcome>('GET', `/v1/years/${YEAR}/members/${id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]?.code).toBe('member_not_found');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it.each([...PROTOTYPE_NAMES, ...PATH_LIKE.filter((p) => p !== '')])('a party status for memberId %j answers 404', async (memberId) => {
    const answer = await current().call<Outcome>('POST', '/v1/party-status', { editId: `p-${memberId}`, memberId, year: YEAR, introducedAt: '2019-11-02' });
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]?.code).toBe('member_not_found');
  });

  it.each(PATH_LIKE.filter((p) => p !== ''))('an evaluation of evidence %j answers 404', async (evidenceId) => {
    const answer = await current().call<Outcome>('POST', '/v1/evaluations', evaluation(evidenceId));
    expect(answer.status).toBe(404);
  });
});

describe('bodies sent as application/json that are not JSON objects', () => {
  it('an unsigned malformed body is refused for its signature first (401), in JSON', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw: '{bad', unsigned: true });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0]?.code).toBe('unauthorized');
  });

  it('a signed malformed body is kept as received and answered 400 invalid_json', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw: '{bad' });
    expect(answer).toMatchObject({ status: 400, body: { status: 'refused', errors: [{ code: 'invalid_json' }] } });
  });

  it.each(['null', '5', '"text"', '[]', 'true'])('a signed %s is refused by the schema with reasons (422)', async (raw) => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.length).toBeGreaterThan(0);
  });
});

describe('the year plan', () => {
  const planB = { ...CONFIG, rules: { campQuota: 12 } };

  it('A, then B, then A again puts A back, and every version is kept', async () => {
    // beforeEach put A as version 1.
    const b = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, planB);
    expect(b.body).toMatchObject({ status: 'accepted', id: `${YEAR}-v2` });
    const a = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    expect(a.body).toMatchObject({ status: 'accepted', id: `${YEAR}-v3` });
    const inForce = await current().call<{ rules: { campQuota: number } }>('GET', `/v1/years/${YEAR}/config`);
    expect(inForce.body.rules.campQuota).toBe(30);
    const versions = await current().firestore.db.collection(`years/${YEAR}/configVersions`).get();
    expect(versions.docs.map((d) => d.id).sort()).toEqual(['1', '2', '3']);
  });

  it('sending the plan in force again changes nothing (duplicate), with or without an editId', async () => {
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, CONFIG)).body).toMatchObject({ status: 'duplicate', id: `${YEAR}-v1` });
    const edit = { ...planB, editId: 'edit-b' };
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, edit)).body).toMatchObject({ status: 'accepted', id: `${YEAR}-v2` });
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, edit)).body).toMatchObject({ status: 'duplicate', id: `${YEAR}-v2` });
  });

  it('is refused in Vietnamese, naming the field and the place inside it', async () => {
    const answer = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, { ...CONFIG, units: [{ id: 'X' }] });
    expect(answer.status).toBe(422);
    const messages = answer.body.errors.map((e) => e.message);
    expect(messages).toContain('Mục "Danh sách cơ sở Đoàn" chưa hợp lệ: (mục thứ 1 › name) bắt buộc phải điền.');
    expect(messages.join(' ')).not.toMatch(/Invalid|expected|received/);
  });
});

/** Strings a hostile caller would try: lone surrogates, prototype and path names, huge text, formula-looking text. */
const nastyString = fc.oneof(
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, ...PATH_LIKE, '=IMPORTXML("x")', '\u0000'), weight: 2 },
  { arbitrary: fc.tuple(fc.string(), fc.constantFrom('\ud800', '\udc00', '\ud83d'), fc.string()).map((parts) => parts.join('')), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => 'Đ'.repeat(n * 30_000)), weight: 1 },
);

const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
})).value;

/** A valid body with one field replaced by something nasty, or a nasty value altogether. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...Object.keys(base)), nastyString).map(([field, value]) => ({ ...base, [field]: value })), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...Object.keys(base)), nastyJson).map(([field, value]) => ({ ...base, [field]: value })), weight: 1 },
    { arbitrary: nastyJson, weight: 1 },
  );
}

const ROUTES: { method: string; path: fc.Arbitrary<string>; body: fc.Arbitrary<unknown> | null }[] = [
  { method: 'POST', path: fc.constant('/v1/registrations'), body: mutated(registration({ email: 'fuzz@example.vn' })) },
  { method: 'POST', path: fc.constant('/v1/evidence'), body: mutated(evidence({ email: 'fuzz@example.vn' })) },
  { method: 'POST', path: fc.constant('/v1/evaluations'), body: mutated(evaluation(`${YEAR}-e-0123456789abcdef`)) },
  { method: 'POST', path: fc.constant('/v1/party-status'), body: mutated({ editId: 'p', memberId: 'm-0123456789abcdef', year: YEAR, introducedAt: '2019-11-02' }) },
  { method: 'PUT', path: fc.constant(`/v1/years/${YEAR}/config`), body: mutated(CONFIG) },
  { method: 'GET', path: fc.constantFrom(...PROTOTYPE_NAMES, ...PATH_LIKE, '%2F', '%00').map((id) => `/v1/years/${YEAR}/members/${id}`), body: null },
  { method: 'GET', path: fc.constantFrom('', '?status=refused', '?status=constructor').map((q) => `/v1/years/${YEAR}/inbox${q}`), body: null },
];

describe('a fuzz over every route', () => {
  it('never answers 500 or anything but API.md JSON, leaves nothing undecided, and the server keeps answering', async () => {
    const request = fc.tuple(fc.constantFrom(...ROUTES), fc.boolean()).chain(([route, asText]) =>
      fc.tuple(fc.constant(route), route.path, route.body ?? fc.constant(undefined), fc.constant(asText)),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([route, path, body, asText]) => {
        const raw = body === undefined ? '' : JSON.stringify(body);
        if (Buffer.byteLength(raw) > 256 * 1024) return;
        const answer = await current().call<Outcome>(route.method, path, undefined, { raw, headers: asText ? { 'content-type': 'text/plain' } : {} });
        expect(answer.status).not.toBe(500);
        expect(answer.status).toBeLessThan(500);
        expect(typeof answer.body).toBe('object');
      }),
      { numRuns: 150, seed: 20_191_125 },
    );
    expect(await inboxOf('received')).toEqual([]);
    expect((await inboxOf('refused')).every((item) => item.errors.length > 0)).toBe(true);
    expect((await current().call('GET', '/healthz', undefined, { unsigned: true })).status).toBe(200);
  }, 120_000);
});
