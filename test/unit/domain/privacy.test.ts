// The processing notice: what the default text names (Law 91/2025/QH15 art. 9), its version, and the consent rule.
import { describe, expect, it } from 'vitest';
import { resolveYearConfig } from '../../../functions/src/domain/config';
import {
  checkConsent,
  consentAfter,
  consentAnswerOf,
  DEFAULT_PRIVACY_NOTICE,
  DEFAULT_RETENTION_YEARS,
  defaultPrivacyNotice,
  noticeVersion,
  privacyNoticeOf,
} from '../../../functions/src/domain/privacy';
import { rolloverPlan } from '../../../functions/src/domain/rollover';
import { configInput } from './fixtures';

describe('the default notice', () => {
  // What consent must be informed of (art. 9: data, purpose, who processes, rights) and what the brief asks it to say.
  it.each([
    ['the data', ['họ và tên', 'email', 'ngày sinh', 'số điện thoại', 'cơ sở Đoàn', 'tổ', 'minh chứng', 'bài viết']],
    ['the sensitive data, said so', ['giới thiệu kết nạp Đảng', 'được kết nạp Đảng', 'dữ liệu cá nhân nhạy cảm']],
    ['the purpose', ['Mục đích xử lý', 'tổ chức Hành trình']],
    ['who sees it', ['Ban Chấp hành Đoàn cơ sở', 'cấp ủy', 'Ban Thường vụ Đoàn Khối', 'Văn phòng Đoàn Khối', 'Google']],
    ['how long, and why', [`${String(DEFAULT_RETENTION_YEARS)} năm sau khi giai đoạn kết thúc`, 'Thời hạn này đủ để']],
    [
      'the rights',
      ['được biết', 'rút lại sự đồng ý', 'bản sao', 'chỉnh sửa', 'xóa', 'hạn chế xử lý', 'phản đối', 'khiếu nại'],
    ],
    ['how to use them', ['Tải dữ liệu của tôi', 'trang Sổ hành trình', 'viết thư gửi Ban Thường vụ Đoàn Khối']],
    ['that silence is not consent', ['im lặng, bỏ trống hoặc không phản hồi không được coi là đồng ý']],
    ['the law', ['91/2025/QH15', '356/2025/NĐ-CP']],
  ])('names %s', (_what, phrases) => {
    for (const phrase of phrases) expect(DEFAULT_PRIVACY_NOTICE).toContain(phrase);
  });

  it('is Vietnamese in NFC (what Roboto and the forms render) and writes in the plan’s retention period', () => {
    expect(DEFAULT_PRIVACY_NOTICE.normalize('NFC')).toBe(DEFAULT_PRIVACY_NOTICE);
    expect(defaultPrivacyNotice(5)).toContain('5 năm sau khi giai đoạn kết thúc');
    expect(noticeVersion(defaultPrivacyNotice(5))).not.toBe(noticeVersion(DEFAULT_PRIVACY_NOTICE));
  });
});

describe('noticeVersion', () => {
  it('is stable for the same words and changes with any change of wording', () => {
    const text = 'Thông báo về xử lý dữ liệu cá nhân.\nDòng thứ hai.';
    expect(noticeVersion(text)).toMatch(/^[0-9a-f]{12}$/);
    expect(noticeVersion(text)).toBe(noticeVersion(text));
    // Line ends, trailing spaces and the Unicode form a copy brings do not make another notice.
    expect(noticeVersion(`${text.replace('\n', '  \r\n')}\n`)).toBe(noticeVersion(text));
    expect(noticeVersion(text.normalize('NFD'))).toBe(noticeVersion(text));
    expect(noticeVersion(text.replace('hai', 'ba'))).not.toBe(noticeVersion(text));
  });
});

describe('the plan’s privacy', () => {
  const plan = (privacy?: Record<string, unknown>) => {
    const resolved = resolveYearConfig({ ...configInput(), ...(privacy ? { privacy } : {}) });
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    return resolved.config;
  };

  it('defaults to the project’s notice and retention, with its version', () => {
    expect(plan().privacy).toEqual({
      version: noticeVersion(DEFAULT_PRIVACY_NOTICE),
      text: DEFAULT_PRIVACY_NOTICE,
      retentionYears: DEFAULT_RETENTION_YEARS,
    });
  });

  it('takes the committee’s own text and retention; its version is the text’s', () => {
    const own = 'Thông báo riêng của Ban Thường vụ Đoàn Khối.';
    expect(plan({ notice: own, retentionYears: 3 }).privacy).toEqual({
      version: noticeVersion(own),
      text: own,
      retentionYears: 3,
    });
    // Only the retention: the default text says that period.
    expect(plan({ retentionYears: 4 }).privacy.text).toBe(defaultPrivacyNotice(4));
  });

  it('keeps its notice when the GET answer is sent back (text, version) and follows a new retention on the default', () => {
    const own = plan({ notice: 'Thông báo riêng.' });
    expect(plan({ ...own.privacy }).privacy).toEqual(own.privacy);
    const asDefault = plan();
    expect(plan({ ...asDefault.privacy, retentionYears: 3 }).privacy.text).toBe(defaultPrivacyNotice(3));
  });

  it.each([
    [{ retentionYears: 0 }, 'privacy.retentionYears'],
    [{ retentionYears: 2.5 }, 'privacy.retentionYears'],
    [{ notice: 'x'.repeat(20_001) }, 'privacy.notice'],
  ])('refuses %j', (privacy, path) => {
    const resolved = resolveYearConfig({ ...configInput(), privacy });
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.issues.map((i) => i.path)).toContain(path);
  });

  it('goes on to the next year in a rollover: the committee’s text as written, the default one as the default', () => {
    const own = plan({ notice: 'Thông báo riêng.', retentionYears: 3 });
    const next = rolloverPlan(own, 2020);
    expect(next.ok && next.config.privacy).toEqual(own.privacy);
    const byDefault = rolloverPlan(plan(), 2020);
    expect(byDefault.ok && byDefault.config.privacy).toEqual(privacyNoticeOf({}));
  });
});

describe('checkConsent', () => {
  const accepted = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb'];
  it.each([
    ['missing', undefined, 'consent_required'],
    ['not an object', 'yes', 'consent_required'],
    ['not ticked', { notice: 'bbbbbbbbbbbb', given: false }, 'consent_required'],
    ['"true" as text', { notice: 'bbbbbbbbbbbb', given: 'true' }, 'consent_required'],
    ['without a notice', { given: true }, 'unknown_notice_version'],
    ['to a notice the year never had', { notice: 'cccccccccccc', given: true }, 'unknown_notice_version'],
  ])('refuses a consent %s', (_what, value, code) => {
    const checked = checkConsent(consentAnswerOf(value), accepted);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.violations.map((v) => v.code)).toEqual([code]);
      expect(checked.violations[0]?.message).toMatch(/đồng ý/);
    }
  });

  it('accepts a consent to the notice in force or to an earlier one of the year, and names it', () => {
    expect(checkConsent(consentAnswerOf({ notice: 'aaaaaaaaaaaa', given: true }), accepted)).toEqual({
      ok: true,
      notice: 'aaaaaaaaaaaa',
    });
  });

  it('tells the member what to do, in Vietnamese', () => {
    const checked = checkConsent(consentAnswerOf(undefined), accepted);
    expect(!checked.ok && checked.violations[0]?.message).toContain('đánh dấu vào ô đồng ý rồi gửi lại biểu mẫu');
  });
});

describe('consentAfter (an amendment)', () => {
  const held = { notice: 'aaaaaaaaaaaa', givenAt: '2019-01-10T02:00:00.000Z', withdrawnAt: null };
  it('keeps the consent held for the same notice, with its time', () => {
    expect(consentAfter(held, 'aaaaaaaaaaaa', '2019-03-01T02:00:00.000Z')).toBe(held);
  });
  it('records a consent to a new notice, a first one, or one given again after a withdrawal', () => {
    const at = '2019-03-01T02:00:00.000Z';
    expect(consentAfter(held, 'bbbbbbbbbbbb', at)).toEqual({ notice: 'bbbbbbbbbbbb', givenAt: at, withdrawnAt: null });
    expect(consentAfter(null, 'aaaaaaaaaaaa', at)).toEqual({ notice: 'aaaaaaaaaaaa', givenAt: at, withdrawnAt: null });
    expect(consentAfter({ ...held, withdrawnAt: '2019-02-01T00:00:00.000Z' }, 'aaaaaaaaaaaa', at)).toEqual({
      notice: 'aaaaaaaaaaaa',
      givenAt: at,
      withdrawnAt: null,
    });
  });
});
