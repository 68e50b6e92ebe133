// Hostile and broken input: never a 500 or a hang, always an answer in API.md's terms, and nothing sent is left undecided.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG, YEAR, evaluation, evidence, registration } from './fixtures';
import { listAll, useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack(CONFIG);

interface InboxItem {
  key: string;
  kind: string;
  status: string;
  raw: string;
  errors: { code: string; message: string }[];
}

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];
const PATH_LIKE = ['a/b', '../x', '.', '..', '__x__', 'm-0123456789abcdef/x', ''];

async function inboxOf(status?: string): Promise<InboxItem[]> {
  const query = status ? `?status=${status}` : '';
  return listAll(current(), `/v1/years/${YEAR}/inbox${query}`, (body) => (body as { items: InboxItem[] }).items);
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
    expect(
      (await current().call<Outcome>('POST', '/v1/registrations', registration({ email: 'surrogate@example.vn' })))
        .status,
    ).toBe(200);
  });

  it('is refused in a party status reference and in an object key too', async () => {
    await current().call('POST', '/v1/registrations', registration({ email: 'party@example.vn' }));
    const party = `{"editId":"p1","email":"party@example.vn","year":${YEAR},"introducedAt":"2019-11-02","reference":"x\\udc00y"}`;
    const answer = await current().call<Outcome>('POST', '/v1/party-status', undefined, { raw: party });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ field: 'reference', code: 'invalid_text' });
    const key = JSON.stringify(evidence()).replace('"description"', '"desc\\ud800"');
    expect((await current().call<Outcome>('POST', '/v1/evidence', undefined, { raw: key })).body.errors[0]?.code).toBe(
      'invalid_text',
    );
  });
});

describe('bodies over the budget: nested more than 32 deep, or an object of more than 10,000 members', () => {
  const nested = (depth: number, leaf = '"x"'): string => '['.repeat(depth) + leaf + ']'.repeat(depth);
  const wide = (keys: number): string => `{${Array.from({ length: keys }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const withField = (base: Record<string, unknown>, field: string, text: string): string =>
    JSON.stringify({ ...base, [field]: '@@' }).replace('"@@"', text);
  const SUBMISSIONS: [string, string, () => Record<string, unknown>, string][] = [
    ['POST', '/v1/registrations', () => registration({ email: 'deep@example.vn' }), 'fullName'],
    ['POST', '/v1/evidence', () => evidence({ email: 'deep@example.vn' }), 'links'],
    ['POST', '/v1/evaluations', () => evaluation(`${YEAR}-e-0123456789abcdef`), 'comment'],
    [
      'POST',
      '/v1/party-status',
      () => ({ editId: 'p-deep', email: 'deep@example.vn', year: YEAR, introducedAt: '2019-11-02' }),
      'reference',
    ],
    ['PUT', `/v1/years/${YEAR}/config`, () => ({ ...CONFIG }), 'units'],
    ['POST', `/v1/years/${YEAR}/rollover`, () => ({ editId: 'r-deep', fromYear: YEAR - 1, year: YEAR }), 'editId'],
    [
      'PUT',
      `/v1/years/${YEAR}/units/SNV/nominees`,
      () => ({ editId: 'n-deep', editedAt: '2019-01-05T08:00:00+07:00', year: YEAR }),
      'nominees',
    ],
  ];
  const cases = SUBMISSIONS.flatMap(([method, path, base, field]) =>
    ['application/json', 'text/plain'].flatMap((type) =>
      [32, 1_000, 100_000].map((depth) => [method, path, type, depth, base, field] as const),
    ),
  );

  it.each(cases)(
    '%s %s as %s, a field %i deep: 422 too_deep, kept in the inbox as received with its reason',
    async (method, path, type, depth, base, field) => {
      // The field nests `depth` arrays inside the body's object, with a lone surrogate at the bottom.
      const raw = withField(base(), field, nested(depth, '"x\\ud800"'));
      const answer = await current().call<Outcome>(method, path, undefined, { raw, headers: { 'content-type': type } });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'body', code: 'too_deep' })]);
      expect(answer.body.errors[0]?.message).toContain('quá 32 lớp');
      const kept = (await inboxOf('refused')).filter((item) => item.raw === raw);
      expect(kept.map((item) => item.errors.map((e) => e.code))).toEqual([['too_deep']]);
      expect(await inboxOf('received')).toEqual([]);
      // The same body again: the same refusal, nothing stored twice.
      expect(
        (await current().call<Outcome>(method, path, undefined, { raw, headers: { 'content-type': type } })).body
          .errors[0]?.code,
      ).toBe('too_deep');
      expect((await inboxOf('refused')).filter((item) => item.raw === raw)).toHaveLength(1);
    },
  );

  it('32 levels in all are read as usual; 33 are not', async () => {
    const within = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: withField(registration(), 'phone', nested(31)),
    });
    expect(within.status).toBe(422);
    expect(within.body.errors.map((e) => e.code)).toEqual(['invalid_value']);
    const over = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: withField(registration(), 'phone', nested(32)),
    });
    expect(over.body.errors.map((e) => e.code)).toEqual(['too_deep']);
  });

  it('a wide object: 10,001 members are refused too_many_keys, 100,000 in a plan too; elsewhere 100,000 exceed 256 KiB (413)', async () => {
    const registrationRaw = withField(registration({ email: 'wide@example.vn' }), 'fullName', wide(10_001));
    const refusedWide = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: registrationRaw,
      headers: { 'content-type': 'text/plain' },
    });
    expect(refusedWide.status).toBe(422);
    expect(refusedWide.body.errors.map((e) => e.code)).toEqual(['too_many_keys']);
    const plan = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, undefined, {
      raw: withField(CONFIG, 'rules', wide(100_000)),
    });
    expect(plan.status).toBe(422);
    expect(plan.body.errors.map((e) => e.code)).toEqual(['too_many_keys']);
    const evidenceWide = await current().call<Outcome>('POST', '/v1/evidence', undefined, {
      raw: withField(evidence(), 'links', wide(100_000)),
    });
    expect(evidenceWide.status).toBe(413);
    const refused = await inboxOf('refused');
    expect(
      refused
        .filter((item) => item.errors[0]?.code === 'too_many_keys')
        .map((item) => item.kind)
        .sort(),
    ).toEqual(['config', 'registration']);
    // 10,000 members are within the budget: read, and refused by the schema for what they are.
    const tenThousand = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: withField(registration(), 'fullName', wide(10_000)),
    });
    expect(tenThousand.body.errors.map((e) => e.code)).toEqual(['invalid_value']);
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

  it.each([...PROTOTYPE_NAMES, ...PATH_LIKE.filter((p) => p !== '')])(
    'a party status for memberId %j answers 404',
    async (memberId) => {
      const answer = await current().call<Outcome>('POST', '/v1/party-status', {
        editId: `p-${memberId}`,
        memberId,
        year: YEAR,
        introducedAt: '2019-11-02',
      });
      expect(answer.status).toBe(404);
      expect(answer.body.errors[0]?.code).toBe('member_not_found');
    },
  );

  it.each(PATH_LIKE.filter((p) => p !== ''))('an evaluation of evidence %j answers 404', async (evidenceId) => {
    const answer = await current().call<Outcome>('POST', '/v1/evaluations', evaluation(evidenceId));
    expect(answer.status).toBe(404);
  });
});

describe('bodies sent as application/json that are not JSON objects', () => {
  it('an unsigned malformed body is refused for its signature first (401), in JSON', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, {
      raw: '{bad',
      unsigned: true,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0]?.code).toBe('unauthorized');
  });

  it('a signed malformed body is kept as received and answered 400 invalid_json', async () => {
    const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw: '{bad' });
    expect(answer).toMatchObject({ status: 400, body: { status: 'refused', errors: [{ code: 'invalid_json' }] } });
  });

  it.each(['null', '5', '"text"', '[]', 'true'])(
    'a signed %s is refused by the schema with reasons (422)',
    async (raw) => {
      const answer = await current().call<Outcome>('POST', '/v1/registrations', undefined, { raw });
      expect(answer.status).toBe(422);
      expect(answer.body.errors.length).toBeGreaterThan(0);
    },
  );
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
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, CONFIG)).body).toMatchObject({
      status: 'duplicate',
      id: `${YEAR}-v1`,
    });
    const edit = { ...planB, editId: 'edit-b' };
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, edit)).body).toMatchObject({
      status: 'accepted',
      id: `${YEAR}-v2`,
    });
    expect((await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, edit)).body).toMatchObject({
      status: 'duplicate',
      id: `${YEAR}-v2`,
    });
  });

  it('is refused in Vietnamese, naming the field and the place inside it', async () => {
    const answer = await current().call<Outcome>('PUT', `/v1/years/${YEAR}/config`, {
      ...CONFIG,
      units: [{ id: 'X' }],
    });
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
  {
    arbitrary: fc
      .tuple(fc.string(), fc.constantFrom('\ud800', '\udc00', '\ud83d'), fc.string())
      .map((parts) => parts.join('')),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => 'Đ'.repeat(n * 30_000)), weight: 1 },
);

const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
})).value;

const PLACEHOLDER = '@@nested@@';

/** A value nested `depth` levels (arrays, objects or both) around a leaf that may be a lone surrogate, as JSON text. */
const deepText: fc.Arbitrary<string> = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 100_000 }), fc.constant(100_000)),
    shape: fc.constantFrom('array', 'object', 'mixed'),
    leaf: fc.constantFrom('1', '"x"', '"\\ud800"', '"a\\udc00b"', '"\ud800"', '{}', '[]'),
  })
  .map(({ depth, shape, leaf }) => {
    const open = (i: number): string => (shape === 'array' || (shape === 'mixed' && i % 2 === 0) ? '[' : '{"\\ud83d":');
    const close = (i: number): string => (shape === 'array' || (shape === 'mixed' && i % 2 === 0) ? ']' : '}');
    const opens: string[] = [];
    const closes: string[] = [];
    for (let i = 0; i < depth; i += 1) {
      opens.push(open(i));
      closes.push(close(depth - 1 - i));
    }
    return opens.join('') + leaf + closes.join('');
  });

/** An object with up to 100,000 members, some keys or values lone surrogates. */
const wideText: fc.Arbitrary<string> = fc
  .record({ keys: fc.oneof(fc.integer({ min: 1, max: 12_000 }), fc.constant(100_000)), broken: fc.boolean() })
  .map(
    ({ keys, broken }) =>
      `{${Array.from({ length: keys }, (_, i) => (broken && i % 997 === 0 ? `"k${i}\\ud800":"\\udc00"` : `"k${i}":${i}`)).join(',')}}`,
  );

/** A valid body with one field replaced by something nasty, or a nasty value altogether, as the text sent. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<string> {
  const withField = (field: string, text: string): string =>
    JSON.stringify({ ...base, [field]: PLACEHOLDER }).replace(`"${PLACEHOLDER}"`, text);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(base)), nastyString)
        .map(([field, value]) => JSON.stringify({ ...base, [field]: value })),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(base)), nastyJson)
        .map(([field, value]) => JSON.stringify({ ...base, [field]: value })),
      weight: 1,
    },
    { arbitrary: nastyJson.map((value) => JSON.stringify(value)), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(base)), deepText)
        .map(([field, text]) => withField(field, text)),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(base)), wideText)
        .map(([field, text]) => withField(field, text)),
      weight: 1,
    },
    { arbitrary: fc.oneof(deepText, wideText), weight: 1 },
  );
}

const anyBody = mutated({ editId: 'x', year: YEAR, email: 'fuzz@example.vn' });
const ROUTES: { method: string; path: fc.Arbitrary<string>; body: fc.Arbitrary<string> | null }[] = [
  { method: 'POST', path: fc.constant('/v1/registrations'), body: mutated(registration({ email: 'fuzz@example.vn' })) },
  { method: 'POST', path: fc.constant('/v1/evidence'), body: mutated(evidence({ email: 'fuzz@example.vn' })) },
  { method: 'POST', path: fc.constant('/v1/evaluations'), body: mutated(evaluation(`${YEAR}-e-0123456789abcdef`)) },
  {
    method: 'POST',
    path: fc.constant('/v1/party-status'),
    body: mutated({ editId: 'p', memberId: 'm-0123456789abcdef', year: YEAR, introducedAt: '2019-11-02' }),
  },
  { method: 'PUT', path: fc.constant(`/v1/years/${YEAR}/config`), body: mutated(CONFIG) },
  {
    method: 'POST',
    path: fc.constant(`/v1/years/${YEAR + 1}/rollover`),
    body: mutated({ editId: 'r', fromYear: YEAR }),
  },
  {
    method: 'PUT',
    path: fc.constant(`/v1/years/${YEAR}/units/SNV/nominees`),
    body: mutated({
      editId: 'n',
      editedAt: '2019-01-05T08:00:00+07:00',
      nominees: [{ fullName: 'A', email: 'a@example.vn' }],
    }),
  },
  {
    method: 'POST',
    path: fc.constant(`/v1/years/${YEAR}/inbox/known`),
    body: mutated({ kind: 'registration', responseIds: ['a', 'b'] }),
  },
  {
    method: 'POST',
    path: fc.constantFrom(
      `/v1/years/${YEAR}/reports/digest`,
      `/v1/years/${YEAR}/sync`,
      `/v1/years/${YEAR}/members/m-0123456789abcdef/book-link/revoke`,
    ),
    body: anyBody,
  },
  { method: 'PUT', path: fc.constant(`/v1/years/${YEAR}/sheets`), body: anyBody },
  {
    method: 'GET',
    path: fc
      .constantFrom(...PROTOTYPE_NAMES, ...PATH_LIKE, '%2F', '%00')
      .map((id) => `/v1/years/${YEAR}/members/${id}`),
    body: null,
  },
  {
    method: 'GET',
    path: fc
      .constantFrom(
        '',
        '?status=refused',
        '?status=constructor',
        '?status=__proto__',
        '?status=%00',
        '?status=refused&status=accepted',
        '?limit=0',
        '?limit=abc',
        '?cursor=%00',
        '?limit=1000&cursor=e30',
      )
      .map((q) => `/v1/years/${YEAR}/inbox${q}`),
    body: null,
  },
];

describe('a fuzz over every route', () => {
  it('never answers 500 or anything but API.md JSON, leaves nothing undecided, and the server keeps answering', async () => {
    const request = fc
      .tuple(fc.constantFrom(...ROUTES), fc.boolean())
      .chain(([route, asText]) =>
        fc.tuple(fc.constant(route), route.path, route.body ?? fc.constant(undefined), fc.constant(asText)),
      );
    await fc.assert(
      fc.asyncProperty(request, async ([route, path, raw, asText]) => {
        const answer = await current().call<Outcome>(route.method, path, undefined, {
          raw: raw ?? '',
          headers: asText ? { 'content-type': 'text/plain' } : {},
        });
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
