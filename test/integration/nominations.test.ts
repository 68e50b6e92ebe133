// A base union's nominees from its own "Đề cử" tab: only that unit's list changes, only nominees register, an edit counts once, the later list wins.
import { describe, expect, it } from 'vitest';
import { CONFIG, registration } from './fixtures';
import { useJourneyStack, type Outcome } from './harness';

const current = useJourneyStack(CONFIG);

let edits = 0;
function edit(
  nominees: { fullName: string; email: string }[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  edits += 1;
  return {
    editId: `sheet-edit-${String(edits)}`,
    editedAt: '2019-01-05T10:00:00+07:00',
    nominees,
    editorEmail: 'bch.snv@example.vn',
    ...overrides,
  };
}

const put = (unit: string, body: unknown) =>
  current().call<Outcome>('PUT', `/v1/years/2019/units/${unit}/nominees`, body);
const register = (email: string, unit: string) =>
  current().call<Outcome>(
    'POST',
    '/v1/registrations',
    registration({ email, unit, group: unit === 'SNV' ? 'TO1' : undefined, trainingTasks: ['RL1', 'RL2', 'RL3'] }),
  );
const stored = async (unit: string) =>
  (await current().firestore.db.doc(`years/2019/nominations/${unit}`).get()).data();

describe('PUT /v1/years/{year}/units/{unitId}/nominees', () => {
  it("sets only that unit's list: its nominee registers, a member of that unit not on it cannot, other units are untouched", async () => {
    const answer = await put('SNV', edit([{ fullName: 'Nguyễn Văn An', email: 'An.SNV@example.vn' }]));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'accepted', id: '2019-SNV-nominees' });
    expect(await stored('SNV')).toMatchObject({
      unitId: 'SNV',
      nominees: [{ fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn' }],
      editorEmail: 'bch.snv@example.vn',
    });
    expect(await stored('STP')).toBeUndefined();

    expect((await register('an.snv@example.vn', 'SNV')).body.status).toBe('accepted');
    const outsider = await register('binh.snv@example.vn', 'SNV');
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors.map((e) => e.code)).toEqual(['not_nominated']);
    // STP keeps the plan's list: its nominee registers, anyone else is refused as before.
    expect((await register('lan.stp@example.vn', 'STP')).body.status).toBe('accepted');
    expect((await register('khac.stp@example.vn', 'STP')).body.errors.map((e) => e.code)).toEqual(['not_nominated']);
    // The plan itself is unchanged.
    const plan = await current().call<{ units: { id: string; nominees?: string[] }[] }>('GET', '/v1/years/2019/config');
    expect(plan.body.units.map((u) => u.nominees)).toEqual([undefined, ['lan.stp@example.vn', 'minh.stp@example.vn']]);
  });

  it('counts an edit delivered twice once, and is in the audit log once', async () => {
    const body = edit([{ fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn' }]);
    expect((await put('SNV', body)).body.status).toBe('accepted');
    const again = await put('SNV', body);
    expect(again.body).toEqual({ status: 'duplicate', id: '2019-SNV-nominees', errors: [] });
    const audit = await current().firestore.db.collection('audit').where('action', '==', 'nominations.put').get();
    expect(audit.size).toBe(1);
    expect(audit.docs[0]?.get('actor')).toBe('bch.snv@example.vn');
  });

  it('refuses an editor who is not on that unit’s executive (403), an unknown unit (404), a bad e-mail naming the row (422)', async () => {
    const other = await put(
      'SNV',
      edit([{ fullName: 'X', email: 'x.snv@example.vn' }], { editorEmail: 'bch.stp@example.vn' }),
    );
    expect(other.status).toBe(403);
    expect(other.body.errors[0]?.code).toBe('not_unit_executive');
    expect((await put('NOPE', edit([]))).status).toBe(404);
    const bad = await put('SNV', edit([{ fullName: 'Y', email: 'không-phải-email' }]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]?.field).toBe('nominees.0.email');
    expect(await stored('SNV')).toBeUndefined();
  });

  it('keeps the later list: an older edit arriving late changes nothing, and the sheet received after the plan is in force', async () => {
    await put(
      'STP',
      edit([{ fullName: 'Lê Thị Mai', email: 'mai.stp@example.vn' }], {
        editedAt: '2019-01-06T10:00:00+07:00',
        editorEmail: 'bch.stp@example.vn',
      }),
    );
    const late = await put(
      'STP',
      edit([{ fullName: 'Cũ', email: 'cu.stp@example.vn' }], {
        editedAt: '2019-01-04T10:00:00+07:00',
        editorEmail: 'bch.stp@example.vn',
      }),
    );
    expect(late.body.status).toBe('duplicate');
    expect((await stored('STP'))?.nominees).toEqual([{ fullName: 'Lê Thị Mai', email: 'mai.stp@example.vn' }]);
    // The sheet's list (received after the plan) is in force: Mai registers, Lan (the plan's nominee) does not.
    expect((await register('mai.stp@example.vn', 'STP')).body.status).toBe('accepted');
    expect((await register('lan.stp@example.vn', 'STP')).body.errors.map((e) => e.code)).toEqual(['not_nominated']);
  });

  it('the plan wins when it changed the unit’s list after the sheet’s list was received', async () => {
    await put(
      'STP',
      edit([{ fullName: 'Lê Thị Mai', email: 'mai.stp@example.vn' }], {
        editedAt: '2019-01-05T10:00:00+07:00',
        editorEmail: 'bch.stp@example.vn',
      }),
    );
    const newer = await current().call<Outcome>('PUT', '/v1/years/2019/config', {
      ...CONFIG,
      units: CONFIG.units.map((u) => (u.id === 'STP' ? { ...u, nominees: ['hoa.stp@example.vn'] } : u)),
    });
    expect(newer.body.status).toBe('accepted');
    expect((await register('hoa.stp@example.vn', 'STP')).body.status).toBe('accepted');
    expect((await register('mai.stp@example.vn', 'STP')).body.errors.map((e) => e.code)).toEqual(['not_nominated']);
  });
});
