// Evidence entries (SPEC §2 Results and calendar, flow 2): registered task, activity window, task-specific fields.
import { describe, expect, it } from 'vitest';
import { checkEvidence, type EvidenceCheck } from '../../../functions/src/domain/evidence';
import { evidenceInput, makeConfig, STANDARD_CODES, vn } from './fixtures';

const config = makeConfig();
const registered = STANDARD_CODES;

function codes(check: EvidenceCheck): string[] {
  return check.ok ? [] : check.violations.map((v) => v.code);
}

function onlyViolation(check: EvidenceCheck, code: string): { field: string; message: string } {
  expect(codes(check)).toEqual([code]);
  if (check.ok) throw new Error('expected a refusal');
  const [first] = check.violations;
  if (!first) throw new Error('no violation');
  return first;
}

const SYLLABLES = ['Tôi', 'mong', 'muốn', 'được', 'đứng', 'vào', 'hàng', 'ngũ', 'Đảng', 'Cộng', 'sản', 'Việt', 'Nam.'];
/** An essay of exactly `n` syllables, with line breaks every 40 syllables. */
function essayOf(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `${SYLLABLES[i % SYLLABLES.length] ?? ''}${i % 40 === 39 ? '\n' : ''}`,
  ).join(' ');
}

describe('the member and the task', () => {
  it('a member without a journey book this year → member_not_registered, and nothing else', () => {
    const v = onlyViolation(
      checkEvidence(evidenceInput({ task: 'RL9', activityDate: '2019-01-01' }), config, undefined),
      'member_not_registered',
    );
    expect(v.field).toBe('email');
    expect(v.message).toContain('2019');
  });

  it('an unknown task is refused', () => {
    const v = onlyViolation(checkEvidence(evidenceInput({ task: 'RL9' }), config, registered), 'unknown_task');
    expect(v.field).toBe('task');
    expect(v.message).toContain('RL9');
  });

  it('a task the member has not registered is refused, telling them to "đăng ký bổ sung"', () => {
    const v = onlyViolation(checkEvidence(evidenceInput({ task: 'RL4' }), config, registered), 'task_not_registered');
    expect(v.field).toBe('task');
    expect(v.message).toContain('RL4');
    expect(v.message).toContain('đăng ký bổ sung');
  });

  it('a registered task given as a form label is accepted under its code', () => {
    const check = checkEvidence(
      evidenceInput({ task: 'RL2 — Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội' }),
      config,
      registered,
    );
    expect(check).toEqual({ ok: true, task: 'RL2', words: null });
  });

  it('BB tasks are accepted for every registered member (they are mandatory)', () => {
    expect(checkEvidence(evidenceInput({ task: 'BB2' }), config, registered)).toMatchObject({ ok: true, task: 'BB2' });
  });
});

describe('activity window (February–October) and submission dates', () => {
  it.each([
    ['31/01, the day before activityStarts', '2019-01-31', vn('2019-02-02'), ['activity_outside_window']],
    ['01/02, the first day', '2019-02-01', vn('2019-02-02'), []],
    ['31/10, the last day', '2019-10-31', vn('2019-10-31T20:00'), []],
    ['01/11, the day after activityEnds', '2019-11-01', vn('2019-10-31T20:00'), ['activity_outside_window']],
    ['the year before', '2018-10-15', vn('2019-02-02'), ['activity_outside_window']],
  ])('activity on %s → %j', (_what, activityDate, submittedAt, expected) => {
    const check = checkEvidence(evidenceInput({ activityDate, submittedAt }), config, registered);
    expect(codes(check)).toEqual(expected);
    if (!check.ok) {
      expect(check.violations[0]?.field).toBe('activityDate');
      expect(check.violations[0]?.message).toContain('01/02/2019');
      expect(check.violations[0]?.message).toContain('31/10/2019');
    }
  });

  it('the activity window follows the config', () => {
    const short = makeConfig({ calendar: { activityEnds: '2019-09-30' } });
    expect(
      codes(
        checkEvidence(evidenceInput({ activityDate: '2019-10-05', submittedAt: vn('2019-10-06') }), short, registered),
      ),
    ).toEqual(['activity_outside_window']);
  });

  it('an activity dated after the submission date (in Vietnam) is refused', () => {
    const v = onlyViolation(
      checkEvidence(
        evidenceInput({ activityDate: '2019-05-21', submittedAt: vn('2019-05-20T23:50') }),
        config,
        registered,
      ),
      'activity_in_future',
    );
    expect(v.field).toBe('activityDate');
    expect(v.message).toContain('21/05/2019');
  });

  it('an activity on the Vietnamese date of the submission is fine even when UTC is still the day before', () => {
    // 2019-05-20T17:30Z is 21/05 00:30 in Vietnam.
    expect(
      checkEvidence(
        evidenceInput({ activityDate: '2019-05-21', submittedAt: new Date('2019-05-20T17:30:00Z') }),
        config,
        registered,
      ).ok,
    ).toBe(true);
  });

  it('a submission after evaluationCloses (31/10) is refused; 31/10 23:59 in Vietnam is still in time', () => {
    const late = checkEvidence(
      evidenceInput({ activityDate: '2019-10-20', submittedAt: new Date('2019-10-31T17:30:00Z') }),
      config,
      registered,
    );
    const v = onlyViolation(late, 'submission_closed');
    expect(v.message).toContain('31/10/2019');
    expect(
      checkEvidence(
        evidenceInput({ activityDate: '2019-10-20', submittedAt: new Date('2019-10-31T16:59:00Z') }),
        config,
        registered,
      ).ok,
    ).toBe(true);
  });
});

describe('BB1: initiative and a rating of "lao động tiên tiến" or higher', () => {
  const bb1 = (initiative?: string, rating?: string): EvidenceCheck =>
    checkEvidence(
      evidenceInput({ task: 'BB1', activityDate: '2019-09-30', submittedAt: vn('2019-10-02'), initiative, rating }),
      config,
      registered,
    );

  it('both missing → initiative_required and rating_required', () => {
    expect(codes(bb1())).toEqual(['initiative_required', 'rating_required']);
    expect(codes(bb1('   ', ' '))).toEqual(['initiative_required', 'rating_required']);
  });

  it.each(['Lao động tiên tiến', 'lao  động tiên TIẾN', 'Chiến sĩ thi đua cơ sở'])(
    'rating "%s" is accepted',
    (rating) => {
      expect(bb1('Số hóa hồ sơ cán bộ', rating)).toEqual({ ok: true, task: 'BB1', words: null });
    },
  );

  it.each(['Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'])(
    'rating "%s" (below lao động tiên tiến) is refused',
    (rating) => {
      const check = bb1('Số hóa hồ sơ cán bộ', rating);
      expect(codes(check)).toEqual(['rating_too_low']);
      expect(check.ok ? '' : check.violations[0]?.message).toContain(rating);
    },
  );
});

describe('BB3: an essay of more than 1,000 words (chữ = whitespace-separated syllables)', () => {
  const bb3 = (essay: string | undefined): EvidenceCheck =>
    checkEvidence(
      evidenceInput({ task: 'BB3', activityDate: '2019-04-10', submittedAt: vn('2019-04-10T21:00'), essay }),
      config,
      registered,
    );

  it('exactly 1,000 words is refused (the plan says "trên 1.000 chữ")', () => {
    const v = onlyViolation(bb3(essayOf(1000)), 'essay_too_short');
    expect(v.field).toBe('essay');
    expect(v.message).toContain('1.000');
  });

  it('1,001 words is accepted and the count is returned', () => {
    expect(bb3(essayOf(1001))).toEqual({ ok: true, task: 'BB3', words: 1001 });
  });

  it('punctuation-only tokens are not words: 1,000 syllables plus dashes and bullets is still too short', () => {
    expect(codes(bb3(`${essayOf(500)} – • … - ${essayOf(500)} .`))).toEqual(['essay_too_short']);
  });

  it('a missing or blank essay → essay_required', () => {
    expect(codes(bb3(undefined))).toEqual(['essay_required']);
    expect(codes(bb3(' \n – '))).toEqual(['essay_required']);
  });

  it('the word minimum follows the config', () => {
    const shorter = makeConfig({ rules: { minEssayWords: 500 } });
    expect(
      checkEvidence(
        evidenceInput({ task: 'BB3', activityDate: '2019-04-10', essay: essayOf(501) }),
        shorter,
        registered,
      ).ok,
    ).toBe(true);
  });
});

describe('RL1: a themed branch meeting only in months 3, 4, 9, 10; a regular one in any month', () => {
  const rl1 = (activityDate: string, meetingKind?: 'themed' | 'regular'): EvidenceCheck =>
    checkEvidence(
      evidenceInput({ task: 'RL1', activityDate, submittedAt: vn('2019-10-31'), meetingKind }),
      config,
      registered,
    );

  it.each([
    ['2019-03-26', true],
    ['2019-04-30', true],
    ['2019-09-01', true],
    ['2019-10-15', true],
    ['2019-02-28', false],
    ['2019-05-01', false],
    ['2019-06-15', false],
    ['2019-07-27', false],
    ['2019-08-31', false],
  ])('themed meeting on %s → accepted: %s', (date, accepted) => {
    const check = rl1(date, 'themed');
    if (accepted) expect(check.ok).toBe(true);
    else expect(onlyViolation(check, 'themed_meeting_wrong_month').message).toContain('3, 4, 9, 10');
  });

  it.each(['2019-02-28', '2019-05-01', '2019-06-15', '2019-07-27', '2019-08-31', '2019-10-15'])(
    'regular meeting on %s is accepted',
    (date) => {
      expect(rl1(date, 'regular').ok).toBe(true);
    },
  );

  it('the kind of meeting is required', () => {
    expect(codes(rl1('2019-03-26'))).toEqual(['meeting_kind_required']);
  });
});

describe('RL3: a title or award needs a link to the evidence', () => {
  const rl3 = (links?: string[]): EvidenceCheck =>
    checkEvidence(evidenceInput({ task: 'RL3', links }), config, registered);

  it('no link, or only blank links → attachment_required', () => {
    expect(codes(rl3())).toEqual(['attachment_required']);
    expect(codes(rl3([' ', '']))).toEqual(['attachment_required']);
    const check = rl3();
    expect(check.ok ? '' : check.violations[0]?.message).toContain('RL3');
    expect(check.ok ? '' : check.violations[0]?.field).toBe('links');
  });

  it('a link to the certificate is accepted', () => {
    expect(rl3(['https://drive.google.com/file/d/giay-khen-2019']).ok).toBe(true);
  });
});

describe('every violated rule of an entry is returned at once', () => {
  it('unregistered task, outside the window and after evaluationCloses', () => {
    const check = checkEvidence(
      evidenceInput({ task: 'RL4', activityDate: '2019-11-02', submittedAt: vn('2019-11-05') }),
      config,
      registered,
    );
    expect(codes(check).sort()).toEqual(['activity_outside_window', 'submission_closed', 'task_not_registered']);
  });

  it('BB1 with no initiative, a low rating, in the future', () => {
    const check = checkEvidence(
      evidenceInput({
        task: 'BB1',
        activityDate: '2019-06-10',
        submittedAt: vn('2019-06-01'),
        rating: 'Hoàn thành nhiệm vụ',
      }),
      config,
      registered,
    );
    expect(codes(check).sort()).toEqual(['activity_in_future', 'initiative_required', 'rating_too_low']);
  });
});
