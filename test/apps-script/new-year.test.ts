// Menu "Chuyển sang năm mới": the next year's plan rolled over, last year's forms closed and sheets kept readable, setup() for the new year.
import { describe, expect, it } from 'vitest';
import { EXECUTION_LIMIT_MS } from './fakes/runtime';
import { FakeUi } from './fakes/spreadsheets';
import { yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { execution, MINUTE, newSandbox, readySandbox, received, useJourneyServer, type Sandbox } from './harness';

const journey = useJourneyServer();
const NEXT = YEAR + 1;

interface SheetsBody {
  master: { spreadsheetId: string; url: string };
  queues: Record<string, { spreadsheetId: string; sheetName: string; url: string }>;
}

/** A sandbox set up for 2019, with the function ready to answer the rollover as it does (the 2020 plan then served). */
async function endOfYear(rolloverStatus = 200): Promise<Sandbox> {
  const s = await readySandbox(journey.server, { ui: true });
  await journey.server.script({
    method: 'POST',
    path: `/v1/years/${String(NEXT)}/rollover`,
    status: rolloverStatus,
    body:
      rolloverStatus === 200
        ? {
            status: 'accepted',
            id: `${String(NEXT)}-v1`,
            errors: [],
            plan: yearConfig({ year: NEXT }),
            continuing: [{ memberId: 'm-1' }, { memberId: 'm-2' }],
          }
        : {
            status: 'refused',
            id: null,
            errors: [{ field: 'year', code: 'year_exists', message: 'Năm 2020 đã có kế hoạch' }],
          },
  });
  await journey.server.setConfig(yearConfig({ year: NEXT }));
  return s;
}

const ui = (s: Sandbox): FakeUi => s.fakes.sheets.ui as FakeUi;
const formsOf = (s: Sandbox, year: number) =>
  s.fakes.forms.forms.filter((f) => f.title.endsWith(`năm ${String(year)}`));

async function sheetsPut(year: number): Promise<SheetsBody[]> {
  return (await received(journey.server, `/v1/years/${String(year)}/sheets`))
    .filter((r) => r.body !== null)
    .map((r) => r.body as SheetsBody);
}

describe('Chuyển sang năm mới', () => {
  it('rolls the plan over, keeps 2019 in a spreadsheet of its own, closes its forms, and sets up 2020 with only its triggers', async () => {
    const s = await endOfYear();
    const before = await sheetsPut(YEAR);
    const year2019 = before.at(-1);
    const oldForms = formsOf(s, YEAR);
    const oldSources = new Set([
      ...oldForms.map((f) => f.id),
      ...Object.values(year2019?.queues ?? {}).map((q) => q.spreadsheetId),
    ]);
    ui(s).clicks.push('YES');

    s.bundle.startNewYear();

    const [rollover] = await received(journey.server, `/v1/years/${String(NEXT)}/rollover`);
    expect(rollover).toMatchObject({
      status: 200,
      signatureError: null,
      body: { editId: `apps-script-rollover-${String(YEAR)}-${String(NEXT)}`, fromYear: YEAR },
    });
    // 2019's master is now a spreadsheet of its own, registered with the same queues; the bound one becomes 2020's.
    const archived = (await sheetsPut(YEAR)).at(-1);
    const bound = s.fakes.sheets.active;
    expect(archived?.master.spreadsheetId).not.toBe(bound?.id);
    expect(s.fakes.sheets.openById(archived?.master.spreadsheetId ?? '').name).toBe(
      `Hành trình “Người Cộng sản trẻ” năm ${String(YEAR)} — Bảng tổng hợp (lưu trữ)`,
    );
    expect(archived?.queues).toEqual(year2019?.queues);
    expect((await sheetsPut(NEXT)).at(-1)?.master.spreadsheetId).toBe(bound?.id);
    // The 2019 forms take no more answers and say where to go; the 2019 queue spreadsheets are still there to read.
    expect(oldForms.map((f) => f.isAcceptingResponses())).toEqual([false, false]);
    expect(oldForms[0]?.closedMessage).toContain(`biểu mẫu năm ${String(NEXT)}`);
    for (const queue of Object.values(year2019?.queues ?? {}))
      expect(s.fakes.sheets.openById(queue.spreadsheetId).getSheetByName(queue.sheetName)).not.toBeNull();
    // The script is on 2020: its own forms, and no trigger left on anything of 2019.
    expect(s.fakes.props.getProperty('JOURNEY_YEAR')).toBe(String(NEXT));
    expect(formsOf(s, NEXT)).toHaveLength(2);
    expect(formsOf(s, NEXT).every((f) => f.isAcceptingResponses())).toBe(true);
    const sources = s.fakes.scripts.triggers
      .map((t) => t.sourceId)
      .filter((id): id is string => id !== null && id !== undefined);
    expect(sources.filter((id) => oldSources.has(id))).toEqual([]);
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit').map((t) => t.sourceId)).toEqual([
      formsOf(s, NEXT).find((f) => f.title.startsWith('Đăng ký'))?.id,
    ]);
    expect(s.fakes.scripts.byHandler('onQueueEdit')).toHaveLength(7);
    const summary = ui(s).alerts.at(-1);
    expect(summary?.title).toBe('Chuyển sang năm mới');
    expect(summary?.message).toContain(`Đã tạo kế hoạch năm ${String(NEXT)} từ kế hoạch năm ${String(YEAR)}`);
    expect(summary?.message).toContain(`2 đoàn viên năm ${String(YEAR)} chưa được kết nạp Đảng`);
    expect(summary?.message).toContain(`Đã thiết lập xong năm ${String(NEXT)}.`);
  });

  it('does nothing when the person answers No', async () => {
    const s = await endOfYear();
    ui(s).clicks.push('NO');
    s.bundle.startNewYear();
    expect(await received(journey.server, `/v1/years/${String(NEXT)}/rollover`)).toEqual([]);
    expect(s.fakes.props.getProperty('JOURNEY_YEAR')).toBe(String(YEAR));
    expect(formsOf(s, YEAR).every((f) => f.isAcceptingResponses())).toBe(true);
  });

  it('keeps a plan the new year already has (409) and goes on with it', async () => {
    const s = await endOfYear(409);
    ui(s).clicks.push('YES');
    s.bundle.startNewYear();
    expect(s.fakes.props.getProperty('JOURNEY_YEAR')).toBe(String(NEXT));
    expect(ui(s).alerts.at(-1)?.message).toContain(`Kế hoạch năm ${String(NEXT)} đã có sẵn nên được giữ nguyên.`);
  });

  it('changes nothing when the function cannot make the plan', async () => {
    const s = await endOfYear(503);
    ui(s).clicks.push('YES');
    s.bundle.startNewYear();
    expect(s.fakes.props.getProperty('JOURNEY_YEAR')).toBe(String(YEAR));
    expect(formsOf(s, YEAR).every((f) => f.isAcceptingResponses())).toBe(true);
    expect(ui(s).alerts.at(-1)?.message).toContain('Chưa có gì thay đổi');
  });
});

describe('Chuyển sang năm mới at 200 queues', () => {
  const city = (year: number): unknown =>
    yearConfig({
      ...yearConfigInput(),
      year,
      units: Array.from({ length: 60 }, (_, i) => ({
        id: `DON_VI_${String(i + 1).padStart(2, '0')}`,
        name: `Đoàn cơ sở số ${String(i + 1)}`,
        evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
      })),
      groups: Array.from({ length: 79 }, (_, i) => ({
        id: `TO_${String(i + 1).padStart(2, '0')}`,
        name: `Tổ ${String(i + 1)}`,
        leader: `totruong${String(i + 1)}@example.vn`,
        supervisor: `giamsat${String(i + 1)}@example.vn`,
      })),
    });

  /** Fires the continuations Apps Script would, minute by minute, until none is armed. */
  async function continueAll(s: Sandbox): Promise<void> {
    for (let minute = 0; minute < 120 && s.fakes.scripts.byHandler('resumeWork').length > 0; minute++) {
      await s.advance(MINUTE);
      s.fireDue();
    }
    expect(s.fakes.scripts.byHandler('resumeWork')).toEqual([]);
  }

  it('rolls over, archives, closes and sets the new year up over several executions, none past 6 minutes, nothing done twice', async () => {
    const s = await newSandbox(journey.server, { config: city(YEAR), ui: true });
    execution(() => s.bundle.setup());
    await continueAll(s);
    expect(s.fakes.sheets.spreadsheets).toHaveLength(201);
    await journey.server.script({
      method: 'POST',
      path: `/v1/years/${String(NEXT)}/rollover`,
      status: 200,
      body: { status: 'accepted', id: `${String(NEXT)}-v1`, errors: [], continuing: [] },
      times: 5,
    });
    await journey.server.setConfig(city(NEXT));
    const before = s.fakes.runtime.executions.length;

    ui(s).clicks.push('YES');
    expect(execution(() => s.bundle.startNewYear())).toBe('ok');
    expect(ui(s).alerts.at(-1)?.message).toMatch(/sẽ tự chạy tiếp sau khoảng 1 phút|Thiết lập năm 2020 chưa xong/);
    await continueAll(s);

    const runs = s.fakes.runtime.executions.slice(before);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.every((e) => e.outcome === 'ok' && e.endedMs - e.startedMs <= EXECUTION_LIMIT_MS)).toBe(true);
    // The year moved once; 2019 kept in one archive spreadsheet; 2020 has its forms and 200 queue spreadsheets, each once.
    expect(s.fakes.props.getProperty('JOURNEY_YEAR')).toBe(String(NEXT));
    expect(formsOf(s, YEAR).map((f) => f.isAcceptingResponses())).toEqual([false, false]);
    expect(formsOf(s, NEXT)).toHaveLength(2);
    expect(formsOf(s, NEXT).every((f) => f.published && f.accepting)).toBe(true);
    expect(s.fakes.sheets.spreadsheets.filter((x) => x.name.includes('(lưu trữ)'))).toHaveLength(1);
    expect(s.fakes.sheets.spreadsheets.filter((x) => x.name.includes(`năm ${String(NEXT)} — Hàng chờ`))).toHaveLength(
      200,
    );
    expect(s.fakes.sheets.spreadsheets).toHaveLength(201 + 1 + 200);
    const registered = await sheetsPut(NEXT);
    expect(registered).toHaveLength(1);
    expect(Object.keys(registered[0]?.queues ?? {})).toHaveLength(200);
    // Every trigger is of 2020; none left to continue.
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit').map((t) => t.sourceId)).toEqual([
      formsOf(s, NEXT).find((f) => f.title.startsWith('Đăng ký'))?.id,
    ]);
    s.bundle.showStatus();
    expect(ui(s).alerts.at(-1)?.message).toContain('Không có việc nào đang chờ chạy tiếp.');
  });
});
