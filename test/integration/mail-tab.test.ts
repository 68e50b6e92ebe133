// The master spreadsheet's "Thư" tab: the outbox by state, the day's budget used, failures with their reasons; and
// how often it is rewritten (at most every MAIL_TAB_EVERY_MS, always after the last change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirestoreMailStore } from '../../functions/src/adapters/firestore/mail-store';
import { displayInstant } from '../../functions/src/domain/dates';
import { MailSendError, type FlushOrder, type SpreadsheetKey } from '../../functions/src/ports';
import { askMailTab, MAIL_TAB, MAIL_TAB_EVERY_MS, markMailTabShown } from '../../functions/src/views/mail-tab';
import { SheetsViews } from '../../functions/src/views/sheets-views';
import { createSheetsClient } from '../../functions/src/adapters/sheets';
import { CONFIG, registration, YEAR } from './fixtures';
import { useEmbeddedStore } from './embedded-store';
import { startMailStack, type MailStack } from './mail-harness';
import { tabValues } from './views-harness';

type Cell = string | number | boolean | null;

describe('the "Thư" tab as the committee reads it', () => {
  let stack: MailStack;
  beforeAll(async () => {
    stack = await startMailStack({ dailyBudget: 40, start: new Date('2019-03-04T03:00:00Z') });
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function mailTab(): Promise<Cell[][]> {
    await stack.views.idle();
    const master = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
    if (!master) return expect.fail('no master spreadsheet');
    return tabValues(master, MAIL_TAB);
  }
  const row = (tab: Cell[][], label: string): Cell[] =>
    tab.find((r) => r[0] === label) ?? expect.fail(`no row "${label}" in ${JSON.stringify(tab)}`);
  const failures = (tab: Cell[][]): Cell[][] =>
    tab.slice(tab.findIndex((r) => r[0] === 'Người nhận') + 1).filter((r) => r.length > 0);

  it('shows counts by state, the day’s budget and each failure with its reason and retry time, then catches up when mail goes', async () => {
    expect((await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
    await stack.call('POST', '/v1/registrations', registration({ email: 'an.snv@example.vn' }));
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
    );

    // Gmail answers 503: the first notice fails and waits for its retry, the other waits in line.
    stack.mailer.fail = new Error('Gmail tạm thời không trả lời (503)');
    expect((await stack.drain()).body).toMatchObject({ sent: 0, failed: 1 });
    let tab = await mailTab();
    expect(tab[0]?.slice(0, 3)).toEqual(['Trạng thái', 'Số thư', 'Ghi chú']);
    expect(row(tab, 'Chờ gửi')[1]).toBe(1);
    expect(row(tab, 'Đã gửi')[1]).toBe(0);
    expect(row(tab, 'Gửi lỗi')[1]).toBe(1);
    expect(row(tab, 'Tổng cộng')[1]).toBe(2);
    expect(row(tab, 'Hạn mức hôm nay (04/03/2019)').slice(1)).toEqual([
      0,
      'Đã dùng 0/40 thư (0 %), tính chung mọi năm; hạn mức đặt lại lúc 00:00.',
    ]);
    expect(row(tab, 'Cập nhật lúc')[1]).toBe('04/03/2019 10:00');
    const [failure, ...others] = failures(tab);
    expect(others).toEqual([]);
    expect(failure?.[0]).toMatch(/^(an|binh)\.snv@example\.vn$/);
    expect(failure?.slice(1, 3)).toEqual(['Thông báo', '2019-03-04']);
    expect(failure?.[4]).toBe('Gmail tạm thời không trả lời (503)');
    expect(failure?.[5]).toBe(1);
    expect(failure?.[6]).toBe(displayInstant(new Date(stack.clock.now.getTime() + 60_000)));

    // The service is back: the waiting notice goes now, the failed one at its retry a minute later.
    stack.mailer.fail = null;
    expect((await stack.drain()).body).toMatchObject({ sent: 1 });
    tab = await mailTab();
    expect([row(tab, 'Chờ gửi')[1], row(tab, 'Đã gửi')[1], row(tab, 'Gửi lỗi')[1]]).toEqual([0, 1, 1]);
    expect(row(tab, 'Hạn mức hôm nay (04/03/2019)')[2]).toBe(
      'Đã dùng 1/40 thư (2,5 %), tính chung mọi năm; hạn mức đặt lại lúc 00:00.',
    );

    stack.clock.now = new Date(stack.clock.now.getTime() + MAIL_TAB_EVERY_MS);
    expect((await stack.drain()).body).toMatchObject({ sent: 1 });
    tab = await mailTab();
    expect([row(tab, 'Đã gửi')[1], row(tab, 'Gửi lỗi')[1]]).toEqual([2, 0]);
    expect(failures(tab)).toEqual([['Không có thư nào gửi lỗi.']]);
  });

  it('says when a failed mail is not retried any more, and what to do', async () => {
    stack.mailer.fail = new MailSendError('Địa chỉ người nhận không tồn tại (550)', true);
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({ email: 'sai.dia.chi@example.vn', fullName: 'Phạm Văn Chí' }),
    );
    stack.clock.now = new Date(stack.clock.now.getTime() + MAIL_TAB_EVERY_MS);
    expect((await stack.drain()).body).toMatchObject({ failed: 1 });
    stack.mailer.fail = null;
    const [failure] = failures(await mailTab());
    expect(failure?.[0]).toBe('sai.dia.chi@example.vn');
    expect(failure?.[4]).toBe('Địa chỉ người nhận không tồn tại (550) (đã thử 1 lần, không thử lại tự động)');
    expect(failure?.[6]).toBe(
      'Không tự thử lại: xin kiểm tra địa chỉ người nhận trong kế hoạch năm hoặc trong đăng ký của đoàn viên.',
    );
  });

  it('shows mail deferred past the day’s budget, never dropped', async () => {
    const small = await startMailStack({ dailyBudget: 1, start: new Date('2019-03-04T03:00:00Z') });
    try {
      await small.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
      await small.call('POST', '/v1/registrations', registration({ email: 'an.snv@example.vn' }));
      await small.call(
        'POST',
        '/v1/registrations',
        registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
      );
      expect((await small.drain()).body).toMatchObject({ sent: 1 });
      await small.views.idle();
      const master = small.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
      const tab = tabValues(master ?? expect.fail('no master spreadsheet'), MAIL_TAB);
      expect([row(tab, 'Đã gửi')[1], row(tab, 'Hoãn sang ngày sau')[1]]).toEqual([1, 1]);
      expect(row(tab, 'Hoãn sang ngày sau')[2]).toContain('không thư nào bị bỏ');
      expect(row(tab, 'Hạn mức hôm nay (04/03/2019)')[2]).toBe(
        'Đã dùng 1/1 thư (100 %), tính chung mọi năm; hạn mức đặt lại lúc 00:00.',
      );
    } finally {
      await small.stop();
    }
  });
});

describe('how often the "Thư" tab is rewritten', () => {
  const embedded = useEmbeddedStore();
  const T0 = Date.parse('2019-03-04T03:00:00Z');
  const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

  it('asks once for a burst, waits the interval after the last rewrite, and asks again when a request was lost', async () => {
    const { store } = embedded();
    const asks: (number | null)[] = [];
    const ask = async (seconds: number): Promise<void> => {
      asks.push(await askMailTab(store, YEAR, at(seconds)));
    };
    await ask(0);
    await ask(1);
    await ask(5);
    await markMailTabShown(store, YEAR, at(6));
    await ask(30);
    await ask(40);
    await markMailTabShown(store, YEAR, at(6 + MAIL_TAB_EVERY_MS / 1000));
    await ask(400);
    // That request was lost (no rewrite came): a change long after asks again.
    await ask(400 + 13 * 60);
    expect(asks).toEqual([0, null, null, MAIL_TAB_EVERY_MS - 24_000, null, 0, 0]);
    // One work item per ask, so the flush that comes writes the tab whatever else it carries.
    const work = await store.listViewWork({ kind: 'master', year: YEAR }, 100);
    expect(work.map((w) => w.item)).toEqual(Array.from({ length: 4 }, () => ({ kind: 'mail', id: 'outbox' })));
  });

  it('schedules the master spreadsheet’s flush that late (a Cloud Task’s delay in production)', async () => {
    const { store, firestore } = embedded();
    const requested: { spreadsheet: SpreadsheetKey; order: FlushOrder }[] = [];
    let now = at(0);
    const views = new SheetsViews({
      store,
      sheets: createSheetsClient({ rootUrl: 'http://127.0.0.1:9/' }),
      clock: () => now,
      loadConfig: () => Promise.resolve(undefined),
      autoCreate: false,
      mail: { store: createFirestoreMailStore(firestore.db), dailyBudget: 40 },
      scheduler: () => ({
        request: (spreadsheet, order) => {
          requested.push({ spreadsheet, order });
          return Promise.resolve(true);
        },
        idle: () => Promise.resolve(),
      }),
    });
    await views.changed({ kind: 'mail', year: YEAR });
    await markMailTabShown(store, YEAR, at(1));
    now = at(31);
    await views.changed({ kind: 'mail', year: YEAR });
    now = at(50);
    await views.changed({ kind: 'mail', year: YEAR });
    expect(requested).toEqual([
      { spreadsheet: { kind: 'master', year: YEAR }, order: { full: false, delayMs: 0 } },
      { spreadsheet: { kind: 'master', year: YEAR }, order: { full: false, delayMs: MAIL_TAB_EVERY_MS - 30_000 } },
    ]);
  });
});
