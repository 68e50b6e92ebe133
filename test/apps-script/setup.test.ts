// setup(): forms built from the plan once and updated in place, queue spreadsheets created and shared once, triggers installed once.
import { describe, expect, it } from 'vitest';
import type { Answer, FakeForm, FakeItem } from './fakes/forms';
import { FakeUi } from './fakes/spreadsheets';
import { GROUPS, PEOPLE, UNITS, yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import {
  answersByTitle,
  evidenceForm,
  newSandbox,
  received,
  registrationForm,
  SERVICE_ACCOUNT,
  submitEvent,
  type Sandbox,
  useJourneyServer,
} from './harness';
import { CONSENT_TITLE, consentTicked, taskLabel } from '../helpers';

const journey = useJourneyServer();
const config = yearConfig();
const label = (code: string): string => taskLabel(config, code);
const tasksOf = (group: string) => config.tasks.filter((t) => t.group === group);

function item(form: FakeForm, title: string): FakeItem {
  const found = form.items.find((i) => i.title.startsWith(title));
  if (!found) throw new Error(`no "${title}" in ${form.title}`);
  return found;
}

/** The items of the section a page break opens (up to the next page break). */
function section(form: FakeForm, page: FakeItem): FakeItem[] {
  const start = form.items.indexOf(page) + 1;
  const next = form.items.findIndex((i, index) => index >= start && i.type === 'PAGE_BREAK');
  return form.items.slice(start, next < 0 ? undefined : next);
}

async function setUp(options: Parameters<typeof newSandbox>[1] = {}): Promise<Sandbox> {
  const s = await newSandbox(journey.server, options);
  s.bundle.setup();
  return s;
}

describe('setup() run twice', () => {
  it('creates each form once and keeps every item id on the second run', async () => {
    const s = await setUp();
    const reg = registrationForm(s);
    const ev = evidenceForm(s);
    const before = [reg, ev].map((f) => f.items.map((i) => `${String(i.id)}:${i.type}:${i.title}`));

    s.bundle.setup();

    expect(s.fakes.forms.calls.create).toBe(2);
    expect(s.fakes.forms.forms).toHaveLength(2);
    expect([reg, ev].map((f) => f.items.map((i) => `${String(i.id)}:${i.type}:${i.title}`))).toEqual(before);
  });

  it('installs each trigger once: both form submits, one edit trigger per queue spreadsheet, the drain and poll schedules', async () => {
    const s = await setUp();
    const ids = s.fakes.scripts.triggers.map((t) => t.uniqueId);
    s.bundle.setup();

    const triggers = s.fakes.scripts.triggers;
    // The same triggers, none made again; no continuation left behind (setup finished).
    expect(triggers.map((t) => t.uniqueId)).toEqual(ids);
    expect(s.fakes.scripts.byHandler('resumeWork')).toEqual([]);
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit').map((t) => [t.eventType, t.sourceId])).toEqual([
      ['ON_FORM_SUBMIT', registrationForm(s).id],
    ]);
    expect(s.fakes.scripts.byHandler('onEvidenceSubmit').map((t) => [t.eventType, t.sourceId])).toEqual([
      ['ON_FORM_SUBMIT', evidenceForm(s).id],
    ]);
    expect(s.fakes.scripts.byHandler('drainRetryQueue').map((t) => [t.eventType, t.schedule])).toEqual([
      ['CLOCK', { everyMinutes: 15 }],
    ]);
    expect(s.fakes.scripts.byHandler('collectQueueDecisions').map((t) => [t.eventType, t.schedule])).toEqual([
      ['CLOCK', { everyMinutes: 10 }],
    ]);
    const edits = s.fakes.scripts.byHandler('onQueueEdit');
    // BTV_DOAN_KHOI, CAP_UY and BCH_CO_SO for two units, TO for two groups.
    expect(edits).toHaveLength(7);
    expect(new Set(edits.map((t) => t.sourceId)).size).toBe(7);
    expect(edits.every((t) => t.eventType === 'ON_EDIT')).toBe(true);
    expect(triggers).toHaveLength(11);
  });

  it('creates the queue spreadsheets once, shares them with their evaluators and the service account, and registers them', async () => {
    const s = await setUp();
    const master = s.fakes.sheets.active;
    s.bundle.setup();

    // The bound master plus seven queues, none created twice.
    expect(s.fakes.sheets.spreadsheets).toHaveLength(8);
    const puts = await received(journey.server, `/v1/years/${String(YEAR)}/sheets`);
    const registered = puts
      .filter((p) => p.body !== null && typeof p.body === 'object' && 'master' in p.body)
      .map((p) => p.body);
    expect(registered).toHaveLength(2);
    expect(registered[1]).toEqual(registered[0]);
    const body = registered[0] as {
      master: { spreadsheetId: string; url: string };
      queues: Record<string, { spreadsheetId: string; sheetName: string; url: string }>;
    };
    expect(body.master).toEqual({ spreadsheetId: master?.id, url: master?.getUrl() });
    expect(Object.keys(body.queues).sort()).toEqual(
      ['BTV_DOAN_KHOI', 'BCH_CO_SO:SNV', 'BCH_CO_SO:STP', 'CAP_UY:SNV', 'CAP_UY:STP', 'TO:TO1', 'TO:TO2'].sort(),
    );
    const editorsOf = (queue: string): string[] => {
      const ref = body.queues[queue];
      if (!ref) throw new Error(queue);
      const spreadsheet = s.fakes.sheets.openById(ref.spreadsheetId);
      expect(spreadsheet.getSheetByName(ref.sheetName)).not.toBeNull();
      expect(ref.url).toBe(spreadsheet.getUrl());
      return spreadsheet.editors;
    };
    expect(editorsOf('CAP_UY:SNV').sort()).toEqual([PEOPLE.capUySnv, SERVICE_ACCOUNT].sort());
    expect(editorsOf('BCH_CO_SO:STP').sort()).toEqual([PEOPLE.bchStp, SERVICE_ACCOUNT].sort());
    expect(editorsOf('TO:TO1').sort()).toEqual([PEOPLE.leader1, PEOPLE.supervisor1, SERVICE_ACCOUNT].sort());
    expect(editorsOf('BTV_DOAN_KHOI').sort()).toEqual([PEOPLE.btv, PEOPLE.btv2, SERVICE_ACCOUNT].sort());
    expect(master?.editors).toContain(SERVICE_ACCOUNT);
  });

  it('signs every call so the journey.server verifies it (GET config, GET/PUT sheets, POST sync)', async () => {
    await setUp();
    const requests = await journey.server.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        `GET /v1/years/${String(YEAR)}/config`,
        `PUT /v1/years/${String(YEAR)}/sheets`,
        `POST /v1/years/${String(YEAR)}/sync`,
      ]),
    );
    expect(requests.every((r) => r.signatureError === null)).toBe(true);
  });
});

describe('the registration form', () => {
  it('asks for identity, unit and group, with e-mail collection on and response edits off', async () => {
    const s = await setUp();
    const form = registrationForm(s);
    expect(form.title).toBe(`Đăng ký Sổ hành trình — Hành trình “Người Cộng sản trẻ” năm ${String(YEAR)}`);
    expect(form.collectEmail).toBe(true);
    expect(form.allowResponseEdits).toBe(false);
    expect(form.description).toContain('từ ngày 01/01/2019 đến hết ngày 31/01/2019');
    expect(item(form, 'Họ và tên')).toMatchObject({ type: 'TEXT', required: true });
    expect(item(form, 'Ngày sinh').type).toBe('DATE');
    expect(item(form, 'Số điện thoại').validation).toMatchObject({ kind: 'text', rule: 'requireTextMatchesPattern' });
    const unit = item(form, 'Cơ sở Đoàn');
    expect(unit).toMatchObject({ type: 'LIST', required: true });
    expect(unit.choices.map((c) => c.value)).toEqual([UNITS.snv.name, UNITS.stp.name]);
    const group = item(form, 'Tổ');
    expect(group.required).toBe(false);
    expect(group.choices.map((c) => c.value)).toEqual([GROUPS.to1.name, GROUPS.to2.name]);
    expect(group.helpText).toContain('RL6');
  });

  it('offers every RL task as "RL2 — <title>" with the plan text as help, requiring at least rules.minTraining', async () => {
    const s = await setUp();
    const rl = item(registrationForm(s), 'Nhiệm vụ rèn luyện');
    expect(rl.type).toBe('CHECKBOX');
    expect(rl.choices.map((c) => c.value)).toEqual(tasksOf('RL').map((t) => label(t.code)));
    expect(rl.choices).toHaveLength(6);
    expect(rl.validation).toEqual({
      kind: 'checkbox',
      rule: 'requireSelectAtLeast',
      value: config.rules.minTraining,
      helpText: 'Vui lòng chọn ít nhất 3 nhiệm vụ rèn luyện.',
    });
    for (const task of tasksOf('RL')) expect(rl.helpText).toContain(`${task.code}: ${task.description}`);
  });

  it('offers every TT task (the plan has no TT2), requiring at least rules.minChallenge', async () => {
    const s = await setUp();
    const tt = item(registrationForm(s), 'Nhiệm vụ thử thách');
    expect(tt.choices.map((c) => c.value)).toEqual([label('TT1'), label('TT3'), label('TT4')]);
    expect(tt.validation).toMatchObject({ rule: 'requireSelectAtLeast', value: config.rules.minChallenge });
  });

  it('shows the BB tasks as a description of what is mandatory, not as a choice', async () => {
    const s = await setUp();
    const form = registrationForm(s);
    const header = form.items.find((i) => i.type === 'SECTION_HEADER' && i.title.startsWith('Nhiệm vụ bắt buộc'));
    expect(header?.title).toContain('Nhiệm vụ bắt buộc');
    for (const task of tasksOf('BB')) expect(header?.helpText).toContain(task.description);
    expect(form.items.flatMap((i) => i.choices.map((c) => c.value)).some((v) => v.startsWith('BB'))).toBe(false);
  });

  it('opens with the plan’s processing notice and asks consent to it: required, one choice naming the version, nothing ticked', async () => {
    const s = await setUp();
    const form = registrationForm(s);
    const [notice, consent] = form.items;
    expect(notice?.type).toBe('SECTION_HEADER');
    expect(notice?.title).toBe('Thông báo về xử lý dữ liệu cá nhân');
    expect(notice?.helpText).toBe(config.privacy.text);
    expect(consent?.type).toBe('CHECKBOX');
    expect(consent?.title).toBe(CONSENT_TITLE);
    // A required checkbox: the form cannot be sent unticked. Google Forms never pre-selects a choice, and nothing
    // else (an "other" option, a validation) lets an answer through that is not the consent itself.
    expect(consent?.required).toBe(true);
    expect(consent?.otherOption).toBe(false);
    expect(consent?.validation).toBeNull();
    expect(consent?.choices.map((c) => c.value)).toEqual(consentTicked(config)[1]);
    expect(consent?.choices[0]?.value).toContain(`phiên bản ${config.privacy.version}`);
    const record = s.fakes.props.json(`journey.form.${form.id}`) as { items: Record<string, number> };
    expect(record.items.consent).toBe(consent?.id);
  });

  it('maps a ticked consent to the body’s consent, and sends none when the item was left unanswered', async () => {
    const s = await setUp();
    const form = registrationForm(s);
    const base: ReadonlyArray<readonly [string, Answer]> = [
      ['Họ và tên', 'Nguyễn Văn An'],
      ['Cơ sở Đoàn', UNITS.snv.name],
      ['Nhiệm vụ rèn luyện', [label('RL1'), label('RL2'), label('RL6')]],
      ['Nhiệm vụ thử thách', [label('TT1')]],
    ];
    const ticked = form.submit(PEOPLE.an, answersByTitle(form, [...base, consentTicked(config)]), new Date());
    const unticked = form.submit(PEOPLE.an, answersByTitle(form, base), new Date());
    s.bundle.onRegistrationSubmit(submitEvent(form, ticked));
    s.bundle.onRegistrationSubmit(submitEvent(form, unticked));
    const sent = await received(journey.server, '/v1/registrations');
    expect(sent.map((r) => (r.body as { consent?: unknown }).consent)).toEqual([
      { notice: config.privacy.version, given: true },
      undefined,
    ]);
  });

  it('remembers the item id of each API field in Script Properties', async () => {
    const s = await setUp();
    const form = registrationForm(s);
    const record = s.fakes.props.json(`journey.form.${form.id}`) as {
      kind: string;
      year: number;
      items: Record<string, number>;
    };
    expect(record.kind).toBe('registration');
    expect(record.year).toBe(YEAR);
    expect(record.items.fullName).toBe(item(form, 'Họ và tên').id);
    expect(record.items.trainingTasks).toBe(item(form, 'Nhiệm vụ rèn luyện').id);
    expect(Object.keys(record.items)).toEqual(
      expect.arrayContaining(['fullName', 'dateOfBirth', 'phone', 'unit', 'group', 'trainingTasks', 'challengeTasks']),
    );
  });
});

describe('the evidence form', () => {
  it('lists every task, and each choice leads to the page that task needs', async () => {
    const s = await setUp();
    const form = evidenceForm(s);
    const task = item(form, 'Nhiệm vụ');
    expect(task.type).toBe('LIST');
    expect(task.choices.map((c) => c.value)).toEqual(config.tasks.map((t) => label(t.code)));
    const pageOf = (code: string) => task.choices.find((c) => c.value.startsWith(code))?.getGotoPage();
    const activity = form.items.find((i) => i.type === 'PAGE_BREAK' && i.title === 'Thông tin hoạt động');
    expect(activity).toBeDefined();
    expect(pageOf('RL2')).toBe(activity);

    const bb1 = section(form, pageOf('BB1') as FakeItem);
    expect(bb1.map((i) => [i.type, i.title, i.required])).toEqual([
      ['PARAGRAPH_TEXT', 'Sáng kiến trong công việc', true],
      ['LIST', 'Xếp loại thi đua trong năm', true],
    ]);
    expect(bb1[1]?.choices.map((c) => c.value)).toEqual(config.rules.acceptedRatings);

    const bb3 = section(form, pageOf('BB3') as FakeItem);
    expect(bb3.map((i) => [i.type, i.title])).toEqual([['PARAGRAPH_TEXT', 'Bài viết cảm nhận']]);
    expect(bb3[0]?.helpText).toContain('trên 1.000 chữ');

    const rl1 = section(form, pageOf('RL1') as FakeItem);
    expect(rl1[0]?.type).toBe('MULTIPLE_CHOICE');
    expect(rl1[0]?.choices.map((c) => c.value)).toEqual([
      'Sinh hoạt chi đoàn chủ điểm (tháng 3, 4, 9 hoặc 10)',
      'Sinh hoạt chi đoàn định kỳ',
    ]);

    const rl3 = section(form, pageOf('RL3') as FakeItem);
    expect(rl3.map((i) => [i.type, i.required])).toEqual([['PARAGRAPH_TEXT', true]]);

    expect(section(form, activity as FakeItem).map((i) => [i.type, i.title])).toEqual([
      ['DATE', 'Ngày diễn ra hoạt động'],
      ['PARAGRAPH_TEXT', 'Mô tả hoạt động'],
      ['PARAGRAPH_TEXT', 'Đường dẫn minh chứng'],
    ]);
  });

  it('sends every task page on to the activity page', async () => {
    const s = await setUp();
    const form = evidenceForm(s);
    const pages = form.items.filter((i) => i.type === 'PAGE_BREAK');
    const activity = pages[pages.length - 1];
    expect(activity?.title).toBe('Thông tin hoạt động');
    // A page break's jump applies after the section before it: every task page but the first ends by jumping to the activity.
    expect(pages.slice(1, -1).every((p) => p.getGoToPage() === activity)).toBe(true);
    expect(pages[0]?.getPageNavigationType()).toBe('CONTINUE');
  });
});

describe('forms as the Forms service works now (a form a script creates starts unpublished)', () => {
  it('publishes each form it creates, then it takes answers; e-mails verified; anyone with the link may answer', async () => {
    const s = await setUp();
    for (const form of [registrationForm(s), evidenceForm(s)]) {
      expect(form).toMatchObject({
        published: true,
        accepting: true,
        emailCollection: 'VERIFIED',
        requireLogin: false,
      });
    }
    const form = registrationForm(s);
    const response = form.submit(PEOPLE.an, [], new Date(s.fakes.clock.nowMs));
    expect(response.getRespondentEmail()).toBe(PEOPLE.an);
  });

  it('publishes a remembered form found unpublished, and leaves a form the committee closed closed', async () => {
    const s = await setUp();
    const reg = registrationForm(s);
    const ev = evidenceForm(s);
    reg.published = false;
    reg.accepting = false;
    ev.setAcceptingResponses(false);
    s.bundle.setup();
    expect(reg).toMatchObject({ published: true, accepting: true });
    expect(ev).toMatchObject({ published: true, accepting: false });
    expect(s.fakes.forms.forms).toHaveLength(2);
  });

  it('remembers a form the moment it exists: a step failing after that resumes with it, never an orphan or a duplicate item', async () => {
    const s = await newSandbox(journey.server, { ui: true });
    // Forms fails once, half-way through building the registration form's items.
    const form = s.fakes.forms;
    const create = form.create.bind(form);
    let failed = false;
    form.create = (title: string) => {
      const made = create(title);
      const add = made.addCheckboxItem.bind(made);
      made.addCheckboxItem = () => {
        if (!failed) {
          failed = true;
          throw new Error('Exception: Service Forms failed while accessing document');
        }
        return add();
      };
      return made;
    };
    s.bundle.setup();
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toContain('Service Forms failed');
    expect(s.fakes.forms.forms).toHaveLength(1);
    expect(s.fakes.forms.forms[0]?.published).toBe(false);

    s.bundle.setup();
    expect(s.fakes.forms.forms).toHaveLength(2);
    const reg = registrationForm(s);
    expect(reg).toMatchObject({ published: true, accepting: true });
    // Every item once: as many as a form built in one go.
    const clean = await setUp();
    expect(reg.items.map((i) => `${i.type}:${i.title}`)).toEqual(
      registrationForm(clean).items.map((i) => `${i.type}:${i.title}`),
    );
  });

  it('limits answers to the domain when the plan says so, on a Google Workspace account', async () => {
    const s = await setUp({
      config: yearConfig({ forms: { responders: 'domain' } }),
      account: { kind: 'workspace', domain: 'doankhoi.example.vn' },
      ui: true,
    });
    expect(registrationForm(s).requireLogin).toBe(true);
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toContain(
      'chỉ người đăng nhập tài khoản trong tên miền của đơn vị trả lời được',
    );
  });

  it('says so when the plan asks for the domain but the account is a consumer one, and when e-mails cannot be verified', async () => {
    const s = await newSandbox(journey.server, { config: yearConfig({ forms: { responders: 'domain' } }), ui: true });
    s.fakes.forms.verifiedUnavailable = true;
    s.bundle.setup();
    const message = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    expect(message).toContain(
      '⚠ kế hoạch yêu cầu chỉ người trong tên miền trả lời nhưng tài khoản chạy tập lệnh không thuộc Google Workspace',
    );
    expect(message).toContain('người trả lời tự nhập email');
    expect(registrationForm(s)).toMatchObject({
      published: true,
      accepting: true,
      emailCollection: 'RESPONDER_INPUT',
      requireLogin: false,
    });
  });
});

describe('setup() after the plan changes', () => {
  it('updates choices and validations in place and adds only the new queue spreadsheets and triggers', async () => {
    const s = await setUp();
    const reg = registrationForm(s);
    const rlId = item(reg, 'Nhiệm vụ rèn luyện').id;
    const spreadsheets = s.fakes.sheets.spreadsheets.length;
    const input = yearConfigInput();
    const changed = {
      ...input,
      rules: { minTraining: 4 },
      tasks: [{ code: 'RL2', title: 'Tổ chức hoạt động tình nguyện' }],
      units: [
        ...(input.units as unknown[]),
        {
          id: 'SO_TU_PHAP',
          name: 'Đoàn Sở Tư pháp',
          evaluators: { CAP_UY: ['capuy@sotuphap.example.vn'], BCH_CO_SO: ['bch@sotuphap.example.vn'] },
        },
      ],
    };
    await journey.server.setConfig(yearConfig(changed));

    s.bundle.setup();

    const rl = item(reg, 'Nhiệm vụ rèn luyện');
    expect(rl.id).toBe(rlId);
    expect(rl.title).toBe('Nhiệm vụ rèn luyện (chọn ít nhất 4)');
    expect(rl.validation?.value).toBe(4);
    expect(rl.choices.map((c) => c.value)).toContain('RL2 — Tổ chức hoạt động tình nguyện');
    expect(item(reg, 'Cơ sở Đoàn').choices.map((c) => c.value)).toContain('Đoàn Sở Tư pháp');
    expect(s.fakes.forms.calls.create).toBe(2);
    expect(s.fakes.sheets.spreadsheets.length).toBe(spreadsheets + 2);
    expect(s.fakes.scripts.byHandler('onQueueEdit')).toHaveLength(9);
    expect(s.fakes.scripts.triggers).toHaveLength(13);
  });

  it('shows a changed notice and asks consent to its new version, in the same items', async () => {
    const s = await setUp();
    const reg = registrationForm(s);
    const consentId = item(reg, CONSENT_TITLE).id;
    const own = 'Thông báo riêng của Ban Thường vụ Đoàn Khối về xử lý dữ liệu cá nhân.';
    const changed = yearConfig({ privacy: { notice: own } });
    expect(changed.privacy.version).not.toBe(config.privacy.version);
    await journey.server.setConfig(changed);

    s.bundle.setup();

    expect(item(reg, 'Thông báo về xử lý dữ liệu cá nhân').helpText).toBe(own);
    const consent = item(reg, CONSENT_TITLE);
    expect(consent.id).toBe(consentId);
    expect(consent.choices.map((c) => c.value)).toEqual(consentTicked(changed)[1]);
  });

  it('reuses the spreadsheets the function already knows when the remembered ids are lost', async () => {
    const s = await setUp();
    const count = s.fakes.sheets.spreadsheets.length;
    for (const key of s.fakes.props.getKeys())
      if (key.startsWith('journey.spreadsheets.')) s.fakes.props.deleteProperty(key);
    s.bundle.setup();
    expect(s.fakes.sheets.spreadsheets.length).toBe(count);
  });
});

describe('setup() when something is missing', () => {
  it.each(['JOURNEY_URL', 'JOURNEY_YEAR'])(
    'names the missing property %s in Vietnamese (alert in the menu)',
    async (key) => {
      const s = await newSandbox(journey.server, { properties: { [key]: undefined }, ui: true });
      s.bundle.setup();
      const alerts = (s.fakes.sheets.ui as FakeUi).alerts;
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.message).toContain(`Chưa có thuộc tính "${key}"`);
      expect(alerts[0]?.message).toContain('Script Properties');
      expect(s.fakes.forms.forms).toHaveLength(0);
    },
  );

  it('without the secret, asks the installing account for it; a cancelled prompt builds nothing', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_SECRET: undefined }, ui: true });
    s.bundle.setup();
    const ui = s.fakes.sheets.ui as FakeUi;
    expect(ui.prompts.map((p) => p.title)).toEqual(['Khóa bí mật của hàm Journey']);
    expect(ui.alerts[0]?.message).toContain('cần khóa bí mật của hàm Journey');
    expect(s.fakes.forms.forms).toHaveLength(0);
    expect(s.fakes.userProps.users()).toEqual([]);
  });

  it('from the editor (no one to ask), stops naming the menu that takes the secret', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_SECRET: undefined } });
    expect(() => s.bundle.setup()).toThrow(/chưa có khóa bí mật[^]*Nhập khóa bí mật/);
    expect(s.fakes.forms.forms).toHaveLength(0);
  });

  it('explains a refused signature instead of building anything', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_SECRET: 'not-the-secret' } });
    expect(() => s.bundle.setup()).toThrow(/từ chối chữ ký/);
    expect(s.fakes.forms.forms).toHaveLength(0);
  });
});

describe('setup() when the function owns the spreadsheets (JOURNEY_CREATE_SPREADSHEETS=false)', () => {
  it('creates no spreadsheet and installs edit triggers on the ones the function registered', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_CREATE_SPREADSHEETS: 'false' }, bound: false });
    const queueSheet = s.fakes.sheets.createWithId('local-queues-2019', 'Hàng chờ (bảng tính cục bộ)');
    const map = {
      master: { spreadsheetId: 'local-master', url: 'http://localhost/master' },
      queues: {
        BTV_DOAN_KHOI: { spreadsheetId: queueSheet.id, sheetName: 'BTV', url: 'u' },
        'CAP_UY:SNV': { spreadsheetId: queueSheet.id, sheetName: 'CAP_UY', url: 'u' },
      },
    };
    // The function registered its own (local) spreadsheets: the stand-in answers GET sheets with them.
    await journey.server.script({
      method: 'GET',
      path: `/v1/years/${String(YEAR)}/sheets`,
      status: 200,
      body: map,
      times: 5,
    });

    s.bundle.setup();

    expect(s.fakes.sheets.calls.create).toBe(0);
    expect(s.fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId)).toEqual([queueSheet.id]);
    expect((await journey.server.requests()).some((r) => r.method === 'PUT')).toBe(false);
  });
});
