// The store on the embedded emulator refuses exactly the documents production Firestore would (the emulator itself
// accepts a 3 MB document): DocumentLimitError with the project's code, nothing written, the rest of the transaction too.
import { describe, expect, it } from 'vitest';
import { documentSize, FIRESTORE_LIMITS } from '../../functions/src/adapters/firestore/limits';
import { DocumentLimitError, type Store } from '../../functions/src/ports';
import { CONFIG, YEAR, registration } from './fixtures';
import { startJourneyStack } from './harness';
import { useStore } from './embedded-store';
import { createFirestoreMailStore } from '../../functions/src/adapters/firestore/mail-store';
import type { MailDraft } from '../../functions/src/ports';
import { firestoreKinds } from '../google/test-firestore';

const keys = (n: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${String(i)}`, i]));

describe.each(firestoreKinds())('on the %s Firestore emulator', (kind) => {
  const embedded = useStore(kind);

  describe('Firestore limits', () => {
    it('refuses a 1.1 MB document and stores nothing; one of exactly 1 MiB is stored', async () => {
      const store = embedded().store;
      const big = { text: 'x'.repeat(1_100_000) };
      await expect(store.putViewState(YEAR, 'big', big)).rejects.toMatchObject({
        name: 'DocumentLimitError',
        code: 'document_too_large',
      });
      expect(await store.getViewState(YEAR, 'big')).toBeUndefined();

      // Two fields: one value may be at most 1,048,487 bytes (the next test).
      const path = `years/${String(YEAR)}/sheets/big`;
      const fill = FIRESTORE_LIMITS.documentBytes - documentSize(path, { a: '', b: '' });
      await store.putViewState(YEAR, 'big', { a: 'é'.repeat(fill / 4), b: 'é'.repeat(fill / 4) });
      expect(((await store.getViewState(YEAR, 'big')) as { a: string }).a.length).toBe(fill / 4);
    });

    // A difference Google's emulator showed: it refuses one value over 1 MiB - 89 bytes ("The value of property "text" is
    // longer than 1048487 bytes"), which the embedded stand-in stored; the adapter now refuses it before sending.
    it('refuses a single value of more than 1,048,487 bytes in a document under 1 MiB, and takes one of 1,048,487', async () => {
      const store = embedded().store;
      await expect(
        store.putViewState(YEAR, 'long', { text: 'x'.repeat(FIRESTORE_LIMITS.fieldValueBytes + 1) }),
      ).rejects.toMatchObject({ code: 'document_too_large' });
      expect(await store.getViewState(YEAR, 'long')).toBeUndefined();
      await store.putViewState(YEAR, 'long', { text: 'x'.repeat(FIRESTORE_LIMITS.fieldValueBytes) });
      expect(((await store.getViewState(YEAR, 'long')) as { text: string }).text.length).toBe(
        FIRESTORE_LIMITS.fieldValueBytes,
      );
    });

    it('refuses more than 40,000 index entries where the field is indexed, and stores it where firestore.indexes.json exempts it', async () => {
      const store = embedded().store;
      const tags = Array.from({ length: 39_999 }, (_, i) => `t${String(i)}`);
      // `rows` of the views' state is exempt (fieldOverrides); any other field is indexed: 2 + 39,999 entries.
      await expect(store.putViewState(YEAR, 'tags', { tags })).rejects.toMatchObject({
        code: 'too_many_index_entries',
      });
      await store.putViewState(YEAR, 'tags', { rows: tags });
      expect(((await store.getViewState(YEAR, 'tags')) as { rows: string[] }).rows).toHaveLength(39_999);
    });

    // A map of scalars has 2 index entries per field, so the 20,000-field limit is the one such a map meets: exempt or not.
    it('refuses a map of 20,001 keys (the 20,000-field limit holds even for an exempt field) and takes 19,999', async () => {
      const store = embedded().store;
      await expect(store.putViewState(YEAR, 'wide', { rows: keys(20_001) })).rejects.toMatchObject({
        code: 'too_many_fields',
      });
      await store.putViewState(YEAR, 'wide', { rows: keys(19_999) });
    });

    it('a transaction with one document over a limit writes none of its documents', async () => {
      const store = embedded().store;
      const failure = store.transaction('t', async (tx) => {
        await tx.getViewState(YEAR, 'a');
        tx.putViewState(YEAR, 'a', { ok: true });
        tx.putViewState(YEAR, 'b', { __reserved__: true });
      });
      await expect(failure).rejects.toBeInstanceOf(DocumentLimitError);
      await expect(failure).rejects.toMatchObject({ code: 'invalid_field_name' });
      expect(await store.getViewState(YEAR, 'a')).toBeUndefined();
    });
  });

  describe('the outbox', () => {
    it('refuses a letter Firestore would refuse and queues nothing of it', async () => {
      const mail = createFirestoreMailStore(embedded().firestore.db);
      const draft = (id: string, text: string): MailDraft => ({
        id,
        year: YEAR,
        kind: 'annual',
        period: String(YEAR),
        to: 'btv@example.vn',
        priority: 2,
        subject: 'Báo cáo đánh giá năm',
        letter: {
          subject: 'Báo cáo đánh giá năm',
          preheader: '',
          greeting: 'Kính gửi Ban Thường vụ,',
          blocks: [{ kind: 'paragraph', text }],
          closing: [],
          attachments: [],
        },
        contentKey: null,
      });
      const now = new Date('2019-10-31T03:00:00Z');
      await expect(
        mail.queue([draft('too-large', 'x'.repeat(1_100_000))], now, 10, new Date('2019-11-01T00:00:00Z')),
      ).rejects.toMatchObject({ code: 'document_too_large' });
      expect(await mail.existing(['too-large'])).toEqual(new Set());
      await mail.queue([draft('fits', 'x'.repeat(900_000))], now, 10, new Date('2019-11-01T00:00:00Z'));
      expect(await mail.existing(['fits'])).toEqual(new Set(['fits']));
    });
  });

  describe('writes as Firestore does', () => {
    it('a write without merge replaces the whole document (the emulator alone would merge it); a merge keeps the rest', async () => {
      const store = embedded().store;
      await store.putViewState(YEAR, 'doc', { rows: { a: 2 }, next: 3 });
      await store.putViewState(YEAR, 'doc', { next: 4 });
      expect(await store.getViewState(YEAR, 'doc')).toEqual({ next: 4 });
      await embedded()
        .firestore.db.doc(`years/${String(YEAR)}/sheets/doc`)
        .set({ extra: true }, { merge: true });
      expect(await store.getViewState(YEAR, 'doc')).toEqual({ next: 4, extra: true });
    });
  });
});

describe('a submission that would make a document too large', () => {
  it('is refused (422 too_large_to_store, kept in the inbox), not answered 500 or retried forever', async () => {
    // The real store, except that the journey written gets a name of 1.1 MB: the adapter must refuse it.
    const swelling = (store: Store): Store => ({
      ...store,
      transaction: (key, work) =>
        store.transaction(key, (tx) =>
          work({
            ...tx,
            putJourney: (doc) => {
              tx.putJourney({ ...doc, fullName: 'x'.repeat(1_100_000) });
            },
          }),
        ),
    });
    const stack = await startJourneyStack({ wrapStore: swelling });
    try {
      await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
      const answer = await stack.call<{ status: string; errors: { code: string }[] }>(
        'POST',
        '/v1/registrations',
        registration({ email: 'to.lon@example.vn' }),
      );
      expect(answer.status).toBe(422);
      expect(answer.body.errors.map((e) => e.code)).toEqual(['too_large_to_store']);
      const inbox = await stack.call<{ items: { raw: string; status: string }[] }>(
        'GET',
        `/v1/years/${String(YEAR)}/inbox?status=refused`,
      );
      expect(inbox.body.items.filter((i) => i.raw.includes('to.lon@example.vn'))).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  });
});
