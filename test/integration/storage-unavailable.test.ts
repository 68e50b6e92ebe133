// When Firestore cannot be reached: 503, nothing stored, and the caller's retry goes through normally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type Store } from '../../functions/src/ports';
import { CONFIG, YEAR, registration } from './fixtures';
import { startJourneyStack, type JourneyStack } from './harness';

let down = false;
let stack: JourneyStack;

/** The real store, except that while `down` every write fails as the Firestore adapter reports an outage. */
function flaky(store: Store): Store {
  const unavailable = (): never => {
    throw new StoreUnavailableError('Firestore unavailable (code 14)');
  };
  return {
    ...store,
    putInbox: (doc) =>
      down ? Promise.reject(new StoreUnavailableError('Firestore unavailable (code 14)')) : store.putInbox(doc),
    transaction: (key, work) => (down ? Promise.resolve().then(unavailable) : store.transaction(key, work)),
  };
}

beforeAll(async () => {
  stack = await startJourneyStack({ wrapStore: flaky });
  await stack.call('PUT', `/v1/years/${YEAR}/config`, CONFIG);
});
afterAll(async () => {
  await stack.stop();
});

describe('storage unavailable', () => {
  it('answers 503 with a Vietnamese reason, stores nothing, and accepts the retry once storage is back', async () => {
    const body = registration({ email: 'retry@example.vn' });
    down = true;
    const failed = await stack.call<{ status: string; errors: { code: string; message: string }[] }>(
      'POST',
      '/v1/registrations',
      body,
    );
    expect(failed.status).toBe(503);
    expect(failed.body.errors[0]?.code).toBe('storage_unavailable');
    expect(failed.body.errors[0]?.message).toContain('vui lòng gửi lại');
    down = false;
    const inbox = await stack.call<{ items: { raw: string }[] }>('GET', `/v1/years/${YEAR}/inbox`);
    expect(inbox.body.items.filter((i) => i.raw.includes('retry@example.vn'))).toEqual([]);
    const retried = await stack.call<{ status: string }>('POST', '/v1/registrations', body);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('accepted');
  });
});
