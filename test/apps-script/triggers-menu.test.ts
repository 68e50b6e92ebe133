// The trigger installer (reconcile, never duplicate, respect the 20-trigger quota) and the "Hành trình" menu.
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from './bundle';
import { FakeUi } from './fakes/spreadsheets';
import { GROUPS, yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { newSandbox, type Sandbox, useJourneyServer, readySandbox } from './harness';

const journey = useJourneyServer();

const ready = (options: Parameters<typeof newSandbox>[1] = {}): Promise<Sandbox> =>
  readySandbox(journey.server, options);

function summary(s: Sandbox): string[] {
  return s.fakes.scripts.triggers.map((t) => `${t.handler}|${t.eventType}|${t.sourceId ?? ''}`).sort();
}

describe('installTriggers()', () => {
  it('removes duplicates and stale triggers of its own handlers, keeps everything else', async () => {
    const s = await ready();
    const wanted = summary(s);
    const api = s.fakes.globals.ScriptApp as {
      newTrigger: (h: string) => {
        forSpreadsheet: (id: string) => { onEdit: () => { create: () => unknown } };
        timeBased: () => { everyHours: (n: number) => { create: () => unknown } };
      };
    };
    const queueSheet = s.fakes.scripts.byHandler('onQueueEdit')[0]?.sourceId ?? '';
    api.newTrigger('onQueueEdit').forSpreadsheet(queueSheet).onEdit().create();
    api.newTrigger('onQueueEdit').forSpreadsheet('a-deleted-spreadsheet').onEdit().create();
    api.newTrigger('drainRetryQueue').timeBased().everyHours(1).create();
    api.newTrigger('someoneElsesJob').timeBased().everyHours(2).create();

    s.bundle.installTriggers();

    expect(summary(s)).toEqual([...wanted, 'someoneElsesJob|CLOCK|'].sort());
  });

  it('recreates a time trigger whose schedule changed, once', async () => {
    const s = await ready();
    const before = s.fakes.scripts.byHandler('drainRetryQueue')[0]?.uniqueId;
    s.fakes.props.setProperty(
      'journey.triggers.clock',
      JSON.stringify({ drainRetryQueue: '{"handler":"drainRetryQueue","everyMinutes":5}' }),
    );
    s.bundle.installTriggers();
    s.bundle.installTriggers();
    const after = s.fakes.scripts.byHandler('drainRetryQueue');
    expect(after).toHaveLength(1);
    expect(after[0]?.uniqueId).not.toBe(before);
    expect(after[0]?.schedule).toEqual({ everyMinutes: 15 });
  });

  it('moves the form triggers to the new year’s forms when JOURNEY_YEAR changes', async () => {
    const s = await ready();
    const old = summary(s).filter((t) => t.includes('ON_FORM_SUBMIT'));
    s.fakes.props.setProperty('JOURNEY_YEAR', String(YEAR + 1));
    await journey.server.setConfig(yearConfig({ year: YEAR + 1 }));
    s.bundle.setup();
    const now = summary(s).filter((t) => t.includes('ON_FORM_SUBMIT'));
    expect(now).toHaveLength(2);
    expect(now.some((t) => old.includes(t))).toBe(false);
    expect(s.fakes.forms.forms.map((f) => f.title).filter((t) => t.endsWith(String(YEAR + 1)))).toHaveLength(2);
  });

  it('stays within the 20-trigger quota: live edit triggers by priority, the other queues are polled, and says which', async () => {
    const input = yearConfigInput();
    const units = Array.from({ length: 10 }, (_, i) => ({
      id: `DON_VI_${String(i + 1)}`,
      name: `Đoàn cơ sở số ${String(i + 1)}`,
      evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
    }));
    const s = await newSandbox(journey.server, { ui: true, config: yearConfig({ ...input, units }) });
    s.bundle.setup();

    // One slot of the 20 stays free for a continuation trigger (work an execution could not finish).
    expect(s.fakes.scripts.triggers).toHaveLength(19);
    expect(s.fakes.scripts.byHandler('drainRetryQueue')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('collectQueueDecisions')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onEvidenceSubmit')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onQueueEdit')).toHaveLength(15);
    const alert = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    // 23 queues: BTV and the ten BCH Đoàn cơ sở first, then Cấp ủy of units 1–4; Cấp ủy 5–10 and both Tổ are polled.
    expect(alert).toContain('15 hàng chờ gửi đánh giá ngay khi nhập');
    expect(alert).toContain('chỉ cho phép 20 trình kích hoạt');
    expect(alert).toContain('8 hàng chờ sau được kiểm tra định kỳ mỗi 10 phút');
    expect(alert).toContain('Cấp ủy — Đoàn cơ sở số 5; Cấp ủy — Đoàn cơ sở số 6');
    expect(alert).toContain(`Tổ — ${GROUPS.to2.name}`);
    expect(alert).not.toContain('BCH Đoàn cơ sở — Đoàn cơ sở số 10;');
    expect(s.fakes.log.messages('error')).toEqual([]);

    // installTriggers from the editor keeps them as they are and says the same.
    const ids = s.fakes.scripts.triggers.map((t) => t.uniqueId);
    s.bundle.installTriggers();
    expect(s.fakes.scripts.triggers.map((t) => t.uniqueId)).toEqual(ids);
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toContain(
      '8 hàng chờ sau được kiểm tra định kỳ mỗi 10 phút',
    );
  });

  it('says which triggers it could not create when other triggers of the account use the quota', async () => {
    const s = await newSandbox(journey.server, { ui: true });
    const api = s.fakes.globals.ScriptApp as {
      newTrigger: (h: string) => { timeBased: () => { everyHours: (n: number) => { create: () => unknown } } };
    };
    for (let i = 0; i < 19; i++)
      api
        .newTrigger(`someoneElsesJob${String(i)}`)
        .timeBased()
        .everyHours(1)
        .create();
    s.bundle.setup();
    expect(s.fakes.scripts.triggers).toHaveLength(20);
    expect(s.fakes.scripts.byHandler('drainRetryQueue')).toHaveLength(1);
    const alert = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    expect(alert).toContain('chưa tạo được: collectQueueDecisions (mỗi 10 phút)');
    expect(alert).toContain('sẽ chưa được gửi tự động');
    expect(s.fakes.log.messages('error').join('\n')).toContain('Đã đạt giới hạn 20 trình kích hoạt');
  });
});

describe('the "Hành trình" menu', () => {
  it('onOpen adds the menu, each item calling a global function of the bundle', async () => {
    const s = await newSandbox(journey.server, { ui: true });
    s.bundle.onOpen();
    const menu = (s.fakes.sheets.ui as FakeUi).menus[0];
    expect(menu?.name).toBe('Hành trình');
    const items = menu?.items.flatMap((i) => (i === 'separator' ? [] : [i])) ?? [];
    expect(items.map((i) => i.caption)).toEqual([
      'Đồng bộ lại bảng tính',
      'Gửi lại các mục đang chờ',
      'Xem hàng đợi gửi lại',
      'Đưa các mục gửi thất bại vào hàng đợi lại',
      'Kiểm tra các hàng chờ đánh giá ngay',
      'Đối soát phản hồi biểu mẫu',
      'Thời gian chạy hôm nay',
      'Tình trạng công việc',
      'Thiết lập / cập nhật biểu mẫu',
      'Chuyển sang năm mới',
      'Nhập khóa bí mật (tài khoản cài đặt trình kích hoạt)',
    ]);
    for (const item of items) expect(ENTRY_POINTS).toContain(item.functionName);
  });

  it('"Đồng bộ lại bảng tính" asks the function to re-sync (POST with the administrator\'s Google identity) and says so', async () => {
    const s = await ready({ ui: true });
    s.bundle.resyncSheets();
    const syncs = (await journey.server.requests()).filter((r) => r.path === `/v1/years/${String(YEAR)}/sync`);
    expect(syncs.at(-1)).toMatchObject({ status: 200, body: '', admin: { email: s.fakes.owner } });
    expect(s.fakes.sheets.active?.toasts.at(-1)?.message).toBe(
      `Đã lên lịch đồng bộ lại các bảng tính năm ${String(YEAR)}; tiến độ hiện ở dòng đầu tab Tổng hợp.`,
    );
  });

  it('shows an error from the function in Vietnamese instead of failing silently', async () => {
    const s = await ready({ ui: true });
    await journey.server.script({
      path: `/v1/years/${String(YEAR)}/sync`,
      status: 503,
      body: {
        status: 'refused',
        id: '',
        errors: [{ field: 'body', code: 'unavailable', message: 'Hệ thống lưu trữ tạm thời không sẵn sàng' }],
      },
    });
    s.bundle.resyncSheets();
    const alert = (s.fakes.sheets.ui as FakeUi).alerts.at(-1);
    expect(alert?.title).toBe('Đồng bộ lại bảng tính');
    expect(alert?.message).toContain('Hệ thống lưu trữ tạm thời không sẵn sàng');
  });

  it('"Xem hàng đợi gửi lại" shows the counts, "Gửi lại" says when there is nothing to send', async () => {
    const s = await ready({ ui: true });
    s.bundle.showRetryQueue();
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toContain('Đang chờ gửi lại: 0 mục (đến hạn gửi: 0).');
    s.bundle.sendPendingNow();
    expect(s.fakes.sheets.active?.toasts.at(-1)?.message).toBe('Không có mục nào đang chờ gửi lại.');
  });

  it('"Thời gian chạy hôm nay" shows the day\'s trigger run time, per handler, against the 90-minute quota', async () => {
    // The run times are exact here: the clock moves only when the test moves it.
    const s = await ready({ ui: true, costs: false });
    // Reading the queue tabs takes 3.5 minutes of the fake clock.
    const fetchAll = s.fakes.fetch.fetchAll.bind(s.fakes.fetch);
    s.fakes.fetch.fetchAll = (requests) => {
      s.fakes.clock.advance(210_000);
      return fetchAll(requests);
    };
    s.bundle.collectQueueDecisions();
    s.bundle.drainRetryQueue();
    s.bundle.showTriggerUsage();
    const message = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    expect(message).toContain('các trình kích hoạt đã chạy 2 lượt, tổng 3.5 phút');
    expect(message).toContain('3.9 % hạn mức 90 phút/ngày của tài khoản Google thường');
    expect(message).toContain('• collectQueueDecisions: 1 lượt, 3.5 phút');
    expect(message).toContain('• drainRetryQueue: 1 lượt, 0.0 phút');
  });

  it('setup from the menu ends with a Vietnamese summary linking both forms', async () => {
    const s = await ready({ ui: true });
    const alert = (s.fakes.sheets.ui as FakeUi).alerts.at(-1);
    expect(alert?.title).toBe('Thiết lập');
    expect(alert?.message).toContain(`Đã thiết lập xong năm ${String(YEAR)}.`);
    expect(alert?.message).toContain(
      'Biểu mẫu đăng ký (tạo mới; đã xuất bản, đang nhận câu trả lời; ai có đường liên kết đều trả lời được; thu email đã xác minh của người trả lời): https://docs.google.com/forms/',
    );
    expect(alert?.message).toContain('7 hàng chờ đánh giá (tạo mới 7 bảng tính)');
  });
});
