// A city-sized plan through HTTP on the embedded emulator: 50,000 nominees (a 1.4 MB body) are accepted, kept in
// bounded documents (rosters in parts, the body in parts in the version and in the inbox), and read back whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDocument, FIRESTORE_LIMITS } from '../../functions/src/adapters/firestore/limits';
import { CONFIG, YEAR, registration } from './fixtures';
import { startJourneyStack, type JourneyStack } from './harness';

const NOMINEES = 50_000;
const UNITS = 60;

function cityPlan(): typeof CONFIG & { units: { id: string; name: string; nominees: string[] }[] } {
  const units = Array.from({ length: UNITS }, (_, u) => ({
    id: `U${String(u).padStart(2, '0')}`,
    name: `Đoàn cơ sở số ${String(u + 1)}`,
    evaluators: { BCH_CO_SO: [`bch.u${String(u)}@example.vn`], CAP_UY: [`capuy.u${String(u)}@example.vn`] },
    reportTo: [],
    nominees: [] as string[],
  }));
  for (let i = 0; i < NOMINEES; i++)
    units[i % UNITS]?.nominees.push(`doanvien.${String(i).padStart(5, '0')}@example.vn`);
  return { ...CONFIG, units };
}

let stack: JourneyStack;
beforeAll(async () => {
  stack = await startJourneyStack();
});
afterAll(async () => {
  await stack.stop();
});

describe('a plan with 50,000 nominees', () => {
  it('is stored in documents far under every limit, read back whole, and used to check registrations', async () => {
    const plan = cityPlan();
    const raw = JSON.stringify(plan);
    expect(raw.length).toBeGreaterThan(1_400_000);
    const put = await stack.call<{ status: string; id: string }>('PUT', `/v1/years/${String(YEAR)}/config`, plan);
    expect(put.body).toMatchObject({ status: 'accepted', id: `${String(YEAR)}-v1` });

    const got = await stack.call<{ units: { id: string; nominees?: string[] }[] }>(
      'GET',
      `/v1/years/${String(YEAR)}/config`,
    );
    expect(got.body.units.flatMap((u) => u.nominees ?? [])).toHaveLength(NOMINEES);
    expect(got.body.units[7]?.nominees).toEqual(plan.units[7]?.nominees);

    // Every document the store wrote for it, measured as Firestore would.
    const db = stack.firestore.db;
    const paths = [`years/${String(YEAR)}`, `years/${String(YEAR)}/configVersions/1`];
    for (const sub of ['nominees', 'parts']) {
      for (const doc of (await db.collection(`years/${String(YEAR)}/configVersions/1/${sub}`).get()).docs)
        paths.push(doc.ref.path);
    }
    const inbox = (await db.collection('inbox').where('kind', '==', 'config').get()).docs;
    expect(inbox).toHaveLength(1);
    for (const doc of inbox) {
      paths.push(doc.ref.path);
      for (const part of (await doc.ref.collection('parts').get()).docs) paths.push(part.ref.path);
    }
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      const data = (await db.doc(path).get()).data() ?? {};
      const measure = measureDocument(path, data);
      expect(measure.bytes / FIRESTORE_LIMITS.documentBytes, path).toBeLessThan(0.5);
      expect(measure.indexEntries / FIRESTORE_LIMITS.indexEntries, path).toBeLessThan(0.5);
    }

    // The inbox keeps the body as received, whole.
    const listed = await stack.call<{ items: { kind: string; raw: string }[] }>(
      'GET',
      `/v1/years/${String(YEAR)}/inbox`,
    );
    expect(listed.body.items.find((i) => i.kind === 'config')?.raw).toBe(raw);

    // Sending it again is a duplicate; a nominee may register, anyone else of a unit with a roster may not.
    expect((await stack.call<{ status: string }>('PUT', `/v1/years/${String(YEAR)}/config`, plan)).body.status).toBe(
      'duplicate',
    );
    const nominee = plan.units[3]?.nominees[10] ?? '';
    const ok = await stack.call<{ status: string }>(
      'POST',
      '/v1/registrations',
      registration({ email: nominee, unit: plan.units[3]?.name, group: 'TO1' }),
    );
    expect(ok.body.status).toBe('accepted');
    const stranger = await stack.call<{ errors: { code: string }[] }>(
      'POST',
      '/v1/registrations',
      registration({ email: 'la@example.vn', unit: plan.units[3]?.name }),
    );
    expect(stranger.body.errors.map((e) => e.code)).toContain('not_nominated');
  });
});
