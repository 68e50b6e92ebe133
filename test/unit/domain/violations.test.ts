// Every refusal has a stable code and a polite Vietnamese message that names the field and shows dates as dd/MM/yyyy.
import { describe, expect, it } from 'vitest';
import {
  FIELD_LABELS,
  fieldLabel,
  VIOLATION_CODES,
  violation,
  type ViolationCode,
  type ViolationParams,
} from '../../../functions/src/domain/violations';

/** One realistic set of parameters per code; a code added to the engine without a sample here fails the first test. */
const SAMPLES: { [C in ViolationCode]?: [field: string, params: ViolationParams[C]] } = {
  registration_closed: ['submittedAt', { opens: '2019-01-01', closes: '2019-01-31' }],
  amendment_closed: ['submittedAt', { closes: '2019-06-30' }],
  task_removed: ['trainingTasks', { codes: ['RL3', 'TT1'] }],
  unknown_unit: ['unit', { value: 'Đoàn Sở Công Thương' }],
  unknown_group: ['group', { value: 'Tổ 9' }],
  group_required: ['group', { task: 'RL6' }],
  not_nominated: ['unit', { unit: 'Đoàn Sở Tư pháp' }],
  too_few_training_tasks: ['trainingTasks', { min: 3, given: 2 }],
  too_few_challenge_tasks: ['challengeTasks', { min: 1, given: 0 }],
  unknown_task: ['trainingTasks.3', { value: 'RL9' }],
  wrong_task_group: ['trainingTasks', { code: 'TT3', expected: 'rèn luyện' }],
  member_not_registered: ['email', { year: 2019 }],
  task_not_registered: ['task', { code: 'RL4' }],
  activity_outside_window: ['activityDate', { from: '2019-02-01', to: '2019-10-31' }],
  activity_in_future: ['activityDate', { date: '2019-05-21' }],
  submission_closed: ['submittedAt', { closes: '2019-10-31' }],
  initiative_required: ['initiative', {}],
  rating_required: ['rating', {}],
  rating_too_low: [
    'rating',
    { value: 'Hoàn thành tốt nhiệm vụ', accepted: ['Lao động tiên tiến', 'Chiến sĩ thi đua cơ sở'] },
  ],
  essay_required: ['essay', {}],
  essay_too_short: ['essay', { words: 1000, min: 1000 }],
  meeting_kind_required: ['meetingKind', {}],
  themed_meeting_wrong_month: ['activityDate', { months: [3, 4, 9, 10] }],
  attachment_required: ['links', { code: 'RL3' }],
  unknown_queue: ['queue', { value: 'BTV' }],
  not_allowed_to_evaluate: ['queue', { code: 'RL1', queue: 'BTV_DOAN_KHOI' }],
  outside_queue_scope: ['queue', { queue: 'CAP_UY:SYT' }],
  evaluator_not_listed: ['evaluatorEmail', { queue: 'CAP_UY:SNV' }],
  self_evaluation: ['evaluatorEmail', {}],
  evaluation_closed: ['editedAt', { closes: '2019-10-31' }],
  evidence_not_found: ['evidenceId', { id: 'ev-123' }],
  member_not_found: ['memberId', { value: 'm-404' }],
  admitted_before_introduced: ['admittedAt', {}],
  invalid_value: ['phone', { detail: 'Số điện thoại gồm 10 chữ số.' }],
  invalid_json: ['body', {}],
  invalid_parameter: ['status', { detail: 'chỉ nhận một trong: refused, accepted, received.' }],
  too_deep: ['body', { max: 32 }],
  too_many_keys: ['body', { max: 10_000 }],
  invalid_text: ['fullName', {}],
  processing_failed: ['body', {}],
  too_large_to_store: ['body', {}],
  year_not_found: ['year', { year: 2031 }],
  year_mismatch: ['year', { expected: 2019, given: 2020 }],
  year_exists: ['year', { year: 2020, version: '2020-v1' }],
  unit_not_found: ['unitId', { value: 'SO_XYZ' }],
  not_unit_executive: ['editorEmail', { unit: 'Đoàn Sở Tư pháp' }],
  consent_required: ['consent', {}],
  unknown_notice_version: ['consent.notice', { value: '3f9a1c2b7d40' }],
  notice_version_not_found: ['version', { value: '3f9a1c2b7d40' }],
  data_request_not_found: ['requestId', { id: 'correction-0123456789abcdef0123' }],
};

function sample(code: ViolationCode): [string, ViolationParams[ViolationCode]] {
  const found = SAMPLES[code];
  if (!found) throw new Error(`no sample parameters for violation code "${code}": add them to SAMPLES`);
  return found;
}

const build = (code: ViolationCode) => {
  const [field, params] = sample(code);
  return violation(code, field, params);
};

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;

describe('every violation code has a Vietnamese message', () => {
  it('VIOLATION_CODES lists every code once, including the ones API.md names', () => {
    expect(new Set(VIOLATION_CODES).size).toBe(VIOLATION_CODES.length);
    expect(VIOLATION_CODES.filter((code) => SAMPLES[code] === undefined)).toEqual([]);
    expect(VIOLATION_CODES).toEqual(
      expect.arrayContaining([
        'registration_closed',
        'too_few_training_tasks',
        'essay_too_short',
        'task_not_registered',
        'activity_outside_window',
        'not_allowed_to_evaluate',
      ]),
    );
  });

  it.each(VIOLATION_CODES)(
    '%s: non-empty Vietnamese, no "undefined", "NaN" or raw ISO dates, keeps code and field',
    (code) => {
      const v = build(code);
      expect(v.code).toBe(code);
      expect(v.field).toBe(sample(code)[0]);
      expect(v.message.trim().length).toBeGreaterThan(10);
      expect(v.message).toMatch(VIETNAMESE);
      expect(v.message).not.toMatch(/undefined|NaN|null|\[object/u);
      expect(v.message).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
    },
  );
});

describe('dates in messages are shown dd/MM/yyyy', () => {
  it.each<[ViolationCode, string[]]>([
    ['registration_closed', ['01/01/2019', '31/01/2019']],
    ['amendment_closed', ['30/06/2019']],
    ['activity_outside_window', ['01/02/2019', '31/10/2019']],
    ['activity_in_future', ['21/05/2019']],
    ['submission_closed', ['31/10/2019']],
    ['evaluation_closed', ['31/10/2019']],
  ])('%s shows %j', (code, dates) => {
    for (const date of dates) expect(build(code).message).toContain(date);
  });
});

describe('messages say precisely what is wrong', () => {
  it.each<[ViolationCode, string[]]>([
    ['task_removed', ['RL3', 'TT1']],
    ['unknown_unit', ['Đoàn Sở Công Thương']],
    ['group_required', ['RL6', 'Tổ']],
    ['too_few_training_tasks', ['3', '2']],
    ['unknown_task', ['RL9', 'Nhiệm vụ rèn luyện']],
    ['task_not_registered', ['RL4', 'đăng ký bổ sung']],
    ['rating_too_low', ['Hoàn thành tốt nhiệm vụ', 'Lao động tiên tiến']],
    ['essay_too_short', ['1.000']],
    ['themed_meeting_wrong_month', ['3, 4, 9, 10']],
    ['not_allowed_to_evaluate', ['RL1', 'BTV_DOAN_KHOI']],
    ['invalid_value', ['Số điện thoại', 'Số điện thoại gồm 10 chữ số.']],
  ])('%s mentions %j', (code, parts) => {
    for (const part of parts) expect(build(code).message).toContain(part);
  });
});

describe('field labels', () => {
  it('every label is Vietnamese', () => {
    for (const label of Object.values(FIELD_LABELS)) expect(label.length).toBeGreaterThan(1);
    expect(Object.values(FIELD_LABELS).filter((l) => VIETNAMESE.test(l)).length).toBeGreaterThan(
      Object.keys(FIELD_LABELS).length / 2,
    );
  });

  it('names nested fields by their top field and unknown fields by themselves', () => {
    expect(fieldLabel('trainingTasks.2')).toBe('Nhiệm vụ rèn luyện');
    expect(fieldLabel('activityDate')).toBe('Ngày hoạt động');
    expect(fieldLabel('khac')).toBe('khac');
  });
});
