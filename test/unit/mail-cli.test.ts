// The CLI's report and mail commands: what they read from the command line and what they print, in Vietnamese.
import { describe, expect, it } from 'vitest';
import { formatMail, mail } from '../../functions/cli/commands/mail';
import { formatReport, report, yearOfPeriod } from '../../functions/cli/commands/report';

describe('npm run journey -- report', () => {
  it('takes the year from the period (a phase: its last year), or --year', () => {
    expect(yearOfPeriod('quarterly', '2019-Q2', '2026-01-05')).toBe(2019);
    expect(yearOfPeriod('phase', '2018-2022', '2026-01-05')).toBe(2022);
    expect(yearOfPeriod('digest', null, '2026-01-05')).toBe(2026);
    expect(report.parse(['quarterly', '2019-Q2'], { 'dry-run': true })).toEqual({
      kind: 'report',
      report: 'quarterly',
      period: '2019-Q2',
      year: 2019,
      dryRun: true,
      json: false,
    });
    expect(report.parse(['phase', '2018-2022'], { year: '2019' })).toMatchObject({ year: 2019, period: '2018-2022' });
  });

  it('refuses an unknown kind in Vietnamese, naming the kinds', () => {
    expect(report.parse(['weekly'], {})).toBe(
      'Loại báo cáo phải là một trong: digest, quarterly, annual, camp, reminders, members, phase (đã ghi "weekly").',
    );
  });

  it('says what was queued, what was there before and what waits for tomorrow', () => {
    const text = formatReport(
      {
        kind: 'quarterly',
        period: '2019-Q2',
        queued: 2,
        alreadySent: 1,
        deferred: 1,
        messages: [{ id: 'q', to: 'capuy.stp@example.vn', subject: 'Báo cáo quý II/2019 — Đoàn Sở Tư pháp' }],
      },
      false,
    );
    expect(text).toBe(
      'Báo cáo quý kỳ 2019-Q2:\n  Đã xếp 2 thư, 1 thư đã có từ trước (không gửi lại), 1 thư hoãn sang ngày sau vì hết hạn mức gửi hôm nay.\n  → capuy.stp@example.vn: Báo cáo quý II/2019 — Đoàn Sở Tư pháp',
    );
  });
});

describe('npm run journey -- mail', () => {
  it('reads a year and a state in any order', () => {
    expect(mail.parse(['failed', '2019'], {})).toEqual({ kind: 'mail', year: 2019, status: 'failed', json: false });
    expect(mail.parse(['sometimes'], {})).toBe(
      '"sometimes" không phải năm (4 chữ số) hay trạng thái thư (queued, sent, deferred, failed).',
    );
  });

  it('lists each mail with its state, and a failure with its reason and retry time', () => {
    const text = formatMail(
      2019,
      [
        {
          id: 'n',
          kind: 'notice',
          period: '2019-05-02',
          to: 'an.snv@example.vn',
          subject: 'Đã nhận minh chứng RL2',
          status: 'failed',
          reason: 'Gmail tạm thời không nhận thư (503)',
          queuedAt: '2019-05-02T03:00:00Z',
          dueAt: '2019-05-02T03:01:00Z',
          retrying: true,
          attempts: 1,
        },
      ],
      null,
    );
    expect(text).toContain('Hộp thư đi năm 2019 — mọi thư (1)');
    expect(text).toContain('Chờ gửi: 0 · Đã gửi: 0 · Hoãn sang ngày sau: 0 · Gửi lỗi: 1');
    expect(text).toContain('[Gửi lỗi] Thông báo 2019-05-02 → an.snv@example.vn');
    expect(text).toContain('Lý do: Gmail tạm thời không nhận thư (503) — gửi lại lúc 02/05/2019 10:01');
  });

  it('says when a failed mail is not retried any more, rather than a retry time long past', () => {
    const text = formatMail(
      2019,
      [
        {
          id: 'n',
          kind: 'notice',
          period: '2019-05-02',
          to: 'sai@example.vn',
          subject: 'Đã nhận minh chứng RL2',
          status: 'failed',
          reason: 'Địa chỉ không tồn tại (550) (đã thử 1 lần, không thử lại tự động)',
          queuedAt: '2019-05-02T03:00:00Z',
          dueAt: '2019-05-02T03:00:00Z',
          retrying: false,
          attempts: 1,
        },
      ],
      'failed',
    );
    expect(text).toContain(
      'Lý do: Địa chỉ không tồn tại (550) (đã thử 1 lần, không thử lại tự động) — xin kiểm tra địa chỉ người nhận',
    );
    expect(text).not.toContain('gửi lại lúc');
  });
});
