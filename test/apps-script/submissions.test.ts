// Form submissions become API bodies by item id: registration and evidence fields, links, file uploads, double-fired triggers.
import { describe, expect, it } from 'vitest';
import type { Answer } from './fakes/forms';
import { GROUPS, PEOPLE, UNITS, yearConfig, YEAR } from './fixtures/year-config';
import {
  answersByTitle,
  evidenceForm,
  received,
  registrationForm,
  START_MS,
  submitEvent,
  type Sandbox,
  readySandbox,
  useJourneyServer,
} from './harness';
import { consentTicked, taskLabel } from '../helpers';

const journey = useJourneyServer();
const config = yearConfig();
const label = (code: string): string => taskLabel(config, code);

/** Bodies are compared whole, times included: the clock moves only when the test moves it. */
const ready = (): Promise<Sandbox> => readySandbox(journey.server, { costs: false });

const REGISTRATION: ReadonlyArray<readonly [string, Answer]> = [
  ['Họ và tên', 'Nguyễn Văn An'],
  ['Ngày sinh', '1995-03-12'],
  ['Số điện thoại', '0901 234 567'],
  ['Cơ sở Đoàn', UNITS.snv.name],
  ['Tổ', GROUPS.to1.name],
  ['Nhiệm vụ rèn luyện', [label('RL1'), label('RL2'), label('RL6')]],
  ['Nhiệm vụ thử thách', [label('TT1')]],
  consentTicked(config),
];

function submitRegistration(s: Sandbox, answers = REGISTRATION): unknown {
  const form = registrationForm(s);
  const response = form.submit(PEOPLE.an, answersByTitle(form, answers), new Date(s.fakes.clock.nowMs));
  return submitEvent(form, response);
}

function submitEvidence(s: Sandbox, answers: ReadonlyArray<readonly [string, Answer]>): unknown {
  const form = evidenceForm(s);
  const response = form.submit(PEOPLE.an, answersByTitle(form, answers), new Date(s.fakes.clock.nowMs));
  return submitEvent(form, response);
}

describe('onRegistrationSubmit', () => {
  it('sends the Registration body of API.md, answers read by item id', async () => {
    const s = await ready();
    const event = submitRegistration(s);
    s.bundle.onRegistrationSubmit(event);

    const [sent] = await received(journey.server, '/v1/registrations');
    expect(sent?.status).toBe(200);
    expect(sent?.body).toEqual({
      responseId: (event as { response: { id: string } }).response.id,
      submittedAt: '2019-01-15T08:30:00+07:00',
      year: YEAR,
      email: PEOPLE.an,
      fullName: 'Nguyễn Văn An',
      unit: UNITS.snv.name,
      trainingTasks: [label('RL1'), label('RL2'), label('RL6')],
      challengeTasks: [label('TT1')],
      group: GROUPS.to1.name,
      dateOfBirth: '1995-03-12',
      phone: '0901 234 567',
      consent: { notice: config.privacy.version, given: true },
    });
    expect(START_MS).toBe(Date.parse('2019-01-15T08:30:00+07:00'));
  });

  it('still maps every answer after the committee renames the questions', async () => {
    const s = await ready();
    const form = registrationForm(s);
    const answers = answersByTitle(form, REGISTRATION);
    for (const item of form.items) item.setTitle(`Câu hỏi ${String(item.getIndex() + 1)} (đã đổi tên)`);
    const response = form.submit(PEOPLE.an, answers, new Date(s.fakes.clock.nowMs));
    s.bundle.onRegistrationSubmit(submitEvent(form, response));

    const [sent] = await received(journey.server, '/v1/registrations');
    expect(sent?.body).toMatchObject({
      fullName: 'Nguyễn Văn An',
      unit: UNITS.snv.name,
      group: GROUPS.to1.name,
      trainingTasks: [label('RL1'), label('RL2'), label('RL6')],
    });
  });

  it('leaves unanswered optional fields out', async () => {
    const s = await ready();
    s.bundle.onRegistrationSubmit(
      submitRegistration(
        s,
        REGISTRATION.filter(([title]) => title !== 'Tổ'),
      ),
    );
    const [sent] = await received(journey.server, '/v1/registrations');
    expect(sent?.body).not.toHaveProperty('group');
  });

  it('sends an identical body when the trigger fires twice (the journey.server answers "duplicate")', async () => {
    const s = await ready();
    const event = submitRegistration(s);
    s.bundle.onRegistrationSubmit(event);
    await s.advance(3000);
    s.bundle.onRegistrationSubmit(event);

    const sent = await received(journey.server, '/v1/registrations');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
    expect(sent.map((r) => (r.answer as { status: string }).status)).toEqual(['accepted', 'duplicate']);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.'))).toEqual([]);
  });
});

describe('onEvidenceSubmit', () => {
  it('BB1: initiative and rating from its own page, links split into URLs', async () => {
    const s = await ready();
    s.bundle.onEvidenceSubmit(
      submitEvidence(s, [
        ['Nhiệm vụ', label('BB1')],
        ['Sáng kiến trong công việc', 'Số hóa quy trình tiếp nhận hồ sơ'],
        ['Xếp loại thi đua', 'Chiến sĩ thi đua cơ sở'],
        ['Ngày diễn ra hoạt động', '2019-03-08'],
        ['Mô tả hoạt động', 'Sáng kiến được Hội đồng thi đua công nhận.'],
        [
          'Đường dẫn minh chứng',
          'https://drive.google.com/file/d/abc/view\nwww.sonoivu.example.vn/tin-tuc, xem thêm (https://example.vn/qd-12).',
        ],
      ]),
    );
    const [sent] = await received(journey.server, '/v1/evidence');
    expect(sent?.body).toEqual({
      responseId: expect.any(String) as unknown,
      submittedAt: '2019-01-15T08:30:00+07:00',
      year: YEAR,
      email: PEOPLE.an,
      task: label('BB1'),
      activityDate: '2019-03-08',
      description: 'Sáng kiến được Hội đồng thi đua công nhận.',
      links: [
        'https://drive.google.com/file/d/abc/view',
        'https://www.sonoivu.example.vn/tin-tuc',
        'https://example.vn/qd-12',
      ],
      initiative: 'Số hóa quy trình tiếp nhận hồ sơ',
      rating: 'Chiến sĩ thi đua cơ sở',
    });
  });

  it.each([
    ['Sinh hoạt chi đoàn chủ điểm (tháng 3, 4, 9 hoặc 10)', 'themed'],
    ['Sinh hoạt chi đoàn định kỳ', 'regular'],
  ])('RL1: "%s" becomes meetingKind %s', async (choice, kind) => {
    const s = await ready();
    s.bundle.onEvidenceSubmit(
      submitEvidence(s, [
        ['Nhiệm vụ', label('RL1')],
        ['Loại buổi sinh hoạt chi đoàn', choice],
        ['Ngày diễn ra hoạt động', '2019-03-26'],
        ['Mô tả hoạt động', 'Phụ trách nội dung sinh hoạt chủ điểm tháng 3.'],
      ]),
    );
    const [sent] = await received(journey.server, '/v1/evidence');
    expect(sent?.body).toMatchObject({ task: label('RL1'), meetingKind: kind });
    expect(sent?.body).not.toHaveProperty('links');
  });

  it('BB3: the essay is sent as written, signed over its UTF-8 bytes', async () => {
    const s = await ready();
    const essay = Array.from(
      { length: 1200 },
      (_, i) => ['Đảng', 'Cộng', 'sản', 'Việt', 'Nam', 'ước', 'mơ', 'phấn', 'đấu'][i % 9],
    ).join(' ');
    s.bundle.onEvidenceSubmit(
      submitEvidence(s, [
        ['Nhiệm vụ', label('BB3')],
        ['Bài viết cảm nhận', essay],
        ['Ngày diễn ra hoạt động', '2019-05-19'],
        ['Mô tả hoạt động', 'Bài viết nhân dịp sinh nhật Bác.'],
      ]),
    );
    const [sent] = await received(journey.server, '/v1/evidence');
    expect(sent?.signatureError).toBeNull();
    expect((sent?.body as { essay: string }).essay).toBe(essay);
  });

  it('adds the Drive links of a file-upload question the committee added by hand', async () => {
    const s = await ready();
    const form = evidenceForm(s);
    const upload = form.addFileUploadItemByHand('Tải lên minh chứng');
    const answers = answersByTitle(form, [
      ['Nhiệm vụ', label('RL3')],
      ['Đường dẫn đến giấy khen', 'https://example.vn/giay-khen.pdf'],
      ['Ngày diễn ra hoạt động', '2019-04-30'],
      ['Mô tả hoạt động', 'Giấy khen của Thành Đoàn.'],
    ]);
    const response = form.submit(
      PEOPLE.an,
      [...answers, [upload.id, ['1AbCdEf', '2GhIjK']]],
      new Date(s.fakes.clock.nowMs),
    );
    s.bundle.onEvidenceSubmit(submitEvent(form, response));

    const [sent] = await received(journey.server, '/v1/evidence');
    expect((sent?.body as { links: string[] }).links).toEqual([
      'https://example.vn/giay-khen.pdf',
      'https://drive.google.com/open?id=1AbCdEf',
      'https://drive.google.com/open?id=2GhIjK',
    ]);
  });

  it('refuses to guess when the form was not built by setup (the answer stays in the form)', async () => {
    const s = await ready();
    const form = s.fakes.forms.create('Biểu mẫu lạ').openByHand();
    form.setCollectEmail(true);
    const response = form.submit(PEOPLE.an, [], new Date(s.fakes.clock.nowMs));
    expect(() => s.bundle.onEvidenceSubmit(submitEvent(form, response))).toThrow(/chưa được thiết lập/);
    expect(s.fakes.log.messages('error').join('\n')).toContain('chưa được thiết lập');
  });
});
