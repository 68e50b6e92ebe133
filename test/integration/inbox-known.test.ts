// POST /v1/years/{year}/inbox/known: which form responses the function has decided, so the Apps Script reconciler
// sends only the others (one call for a batch instead of one per response).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, YEAR, evidence, registration } from './fixtures';
import { startJourneyStack, type JourneyStack } from './harness';

let stack: JourneyStack;
beforeAll(async () => {
  stack = await startJourneyStack();
  await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
});
afterAll(async () => {
  await stack.stop();
});

describe('inbox/known', () => {
  it('answers the accepted and refused responses of a kind, not the unknown ones nor those of another kind', async () => {
    const ok = registration({ responseId: 'known-reg-1', email: 'known1@example.vn' });
    const bad = registration({ responseId: 'known-reg-2', unit: 'Không có đơn vị này' });
    const ev = evidence({ responseId: 'known-ev-1' });
    expect((await stack.call('POST', '/v1/registrations', ok)).status).toBe(200);
    expect((await stack.call('POST', '/v1/registrations', bad)).status).toBe(422);
    await stack.call('POST', '/v1/evidence', ev);
    const ids = ['known-reg-1', 'known-reg-2', 'never-sent', 'known-ev-1'];
    const answer = await stack.call<{ known: string[] }>('POST', `/v1/years/${String(YEAR)}/inbox/known`, {
      kind: 'registration',
      responseIds: ids,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.known).toEqual(['known-reg-1', 'known-reg-2']);
    const evidenceKnown = await stack.call<{ known: string[] }>('POST', `/v1/years/${String(YEAR)}/inbox/known`, {
      kind: 'evidence',
      responseIds: ids,
    });
    expect(evidenceKnown.body.known).toEqual(['known-ev-1']);
  });

  it('refuses a batch that is not one kind and at most 500 ids, and is signed like every route', async () => {
    const path = `/v1/years/${String(YEAR)}/inbox/known`;
    expect((await stack.call('POST', path, { kind: 'config', responseIds: [] })).status).toBe(422);
    expect(
      (
        await stack.call('POST', path, {
          kind: 'registration',
          responseIds: Array.from({ length: 501 }, (_, i) => `r${String(i)}`),
        })
      ).status,
    ).toBe(422);
    expect((await stack.call('POST', path, { kind: 'registration', responseIds: [] }, { unsigned: true })).status).toBe(
      401,
    );
  });
});
