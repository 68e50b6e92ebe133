// Reports: every kind queued once per recipient, parsed back by a MIME parser; PDFs read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, evidence, registration, YEAR } from './fixtures';
import { startMailStack, type MailStack } from './mail-harness';

function must<T>(value: T | null | undefined): T {
  return value ?? expect.fail('expected a value');
}

let stack: MailStack;

const MEMBERS = [
  { email: 'an.snv@example.vn', fullName: 'Nguyễn Văn An', unit: 'SNV' },
  { email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình', unit: 'SNV' },
  { email: 'lan.stp@example.vn', fullName: 'Lê Thị Lan', unit: 'STP' },
];

interface ReportAnswer {
  kind: string;
  period: string;
  queued: number;
  alreadySent: number;
  deferred: number;
  messages: { id: string; to: string; subject: string }[];
}

function pdfText(content: ArrayBuffer | Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'journey-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, typeof content === 'string' ? Buffer.from(content, 'base64') : new Uint8Array(content));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  stack = await startMailStack({ start: new Date('2019-06-20T03:00:00Z') });
  expect((await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
  for (const m of MEMBERS) {
    const answer = await stack.call(
      'POST',
      '/v1/registrations',
      registration({ email: m.email, fullName: m.fullName, unit: m.unit, submittedAt: '2019-01-10T09:00:00+07:00' }),
    );
    expect(answer.body.status).toBe('accepted');
  }
  const sent = await stack.call(
    'POST',
    '/v1/evidence',
    evidence({ email: 'an.snv@example.vn', submittedAt: '2019-05-02T10:00:00+07:00' }),
  );
  await stack.call('POST', '/v1/evaluations', {
    editId: 'e1',
    editedAt: '2019-05-03T09:00:00+07:00',
    queue: 'BCH_CO_SO:SNV',
    evidenceId: sent.body.id,
    decision: 'approved',
  });
  await stack.call(
    'POST',
    '/v1/evidence',
    evidence({ email: 'lan.stp@example.vn', task: 'RL6', submittedAt: '2019-05-04T10:00:00+07:00' }),
  );
  await stack.drain();
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

describe('reports', () => {
  it('sends a unit’s quarterly report to its party committee with a PDF holding that unit’s members and nobody else’s', async () => {
    const before = new Set((await stack.messages()).map((m) => m.file));
    const answer = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/quarterly`, {
      period: '2019-Q2',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'quarterly', period: '2019-Q2', queued: 2, alreadySent: 0, deferred: 0 });
    expect(answer.body.messages.map((m) => m.to).sort()).toEqual(['capuy.snv@example.vn', 'capuy.stp@example.vn']);
    await stack.drain();
    const mails = (await stack.messages()).filter((m) => !before.has(m.file));
    const snv = must(mails.find((m) => m.email.to?.[0]?.address === 'capuy.snv@example.vn')).email;
    expect(snv.subject).toBe('Báo cáo quý II/2019 — Đoàn Sở Nội vụ: tiến độ Hành trình “Người Cộng sản trẻ”');
    expect(snv.text).toContain('Kính gửi Cấp ủy Đoàn Sở Nội vụ,');
    expect(snv.html).toContain('Trần Thị Bình');
    expect(snv.attachments).toHaveLength(1);
    const attachment = must(snv.attachments[0]);
    expect(attachment.filename).toBe('Báo cáo — quý II-2019 — Đoàn Sở Nội vụ.pdf');
    expect(attachment.mimeType).toBe('application/pdf');
    const text = pdfText(attachment.content);
    for (const words of [
      'THÀNH ĐOÀN TP. HỒ CHÍ MINH',
      'BCH ĐOÀN KHỐI DÂN - CHÍNH - ĐẢNG TP',
      'ĐOÀN TNCS HỒ CHÍ MINH',
      'TP. Hồ Chí Minh, ngày 20 tháng 06 năm 2019',
      'BÁO CÁO',
      'Nơi nhận:',
      'TM. BAN THƯỜNG VỤ ĐOÀN KHỐI',
      'Nguyễn Văn An',
      'Trần Thị Bình',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Lê Thị Lan');
    const stp = pdfText(
      must(must(mails.find((m) => m.email.to?.[0]?.address === 'capuy.stp@example.vn')).email.attachments[0]).content,
    );
    expect(stp).toContain('Lê Thị Lan');
    expect(stp).not.toContain('Nguyễn Văn An');
  });

  it('queues nothing new when the same report runs again, and a dry run stores nothing', async () => {
    const again = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/quarterly`, {
      period: '2019-Q2',
    });
    expect(again.body).toMatchObject({ queued: 0, alreadySent: 2, messages: [] });
    const dry = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/quarterly`, {
      period: '2019-Q1',
      dryRun: true,
    });
    expect(dry.body).toMatchObject({ queued: 2, alreadySent: 0 });
    const after = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/quarterly`, {
      period: '2019-Q1',
      dryRun: true,
    });
    expect(after.body.queued).toBe(2);
  });

  it('builds every kind, each parsed back with its subject, recipient, Vietnamese text, HTML and text parts', async () => {
    const runs: [string, string, number, RegExp][] = [
      ['digest', '2019-W19', 1, /^Bản tin tuần 19\/2019 \(06\/05–12\/05\/2019\)/],
      ['annual', '2019', 1, /^Báo cáo đánh giá năm 2019/],
      ['camp', '2019', 1, /^Đề cử dự hội trại “Lá Trung Quân” năm 2019/],
      ['members', '2019-W25', 3, /^Hành trình của bạn tuần 25\/2019/],
      ['reminders', '2019-W40', 3, /^(Nhắc việc tuần 40\/2019|Nhắc đánh giá tuần 40\/2019)/],
      ['phase', '2018-2022', 1, /^Báo cáo tổng kết giai đoạn 2018–2022/],
    ];
    for (const [kind, period, count, subject] of runs) {
      const before = new Set((await stack.messages()).map((m) => m.file));
      const answer = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/${kind}`, { period });
      expect(answer.status, kind).toBe(200);
      expect(answer.body.queued, kind).toBeGreaterThanOrEqual(count);
      await stack.drain();
      const mails = (await stack.messages()).filter((m) => !before.has(m.file));
      expect(mails.length, kind).toBe(answer.body.queued);
      for (const { email } of mails) {
        expect(email.subject, kind).toMatch(subject);
        expect(email.to, kind).toHaveLength(1);
        expect(email.html, kind).toMatch(/<html lang="vi">/);
        expect(email.text, kind).toMatch(/Ban Thường vụ Đoàn Khối|Hành trình/);
        expect(email.headers.find((h) => h.key === 'x-journey-kind')?.value, kind).toBe(kind);
      }
      if (kind === 'annual' || kind === 'phase') {
        const text = pdfText(must(must(mails[0]).email.attachments[0]).content);
        expect(text).toContain('TM. BAN THƯỜNG VỤ ĐOÀN KHỐI');
        expect(text).toContain(
          kind === 'annual' ? 'Kết quả đánh giá Hành trình' : 'KẾT NẠP ĐẢNG THEO NĂM THAM GIA ĐẦU TIÊN',
        );
      }
      if (kind === 'members') {
        const an = must(mails.find((m) => m.email.to?.[0]?.address === 'an.snv@example.vn')).email;
        expect(an.html).toMatch(/https:\/\/journey\.example\.vn\/book\/2019\/m-[0-9a-f]{16}\?t=/);
        expect(an.text).toContain('ĐÁNH GIÁ GẦN ĐÂY');
        expect(an.html).toContain('Đánh giá gần đây');
      }
    }
    // The member's reminder and summary of one week are one routine mail: a second kind that week queues nothing.
    const reminders = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/reminders`, {
      period: '2019-W25',
    });
    const members = await stack.call<ReportAnswer>('POST', `/v1/years/${String(YEAR)}/reports/members`, {
      period: '2019-W25',
      dryRun: true,
    });
    expect(reminders.body.messages.every((m) => !m.to.endsWith('.snv@example.vn') || m.to.startsWith('bch'))).toBe(
      true,
    );
    expect(members.body).toMatchObject({ queued: 0, alreadySent: 3 });
  });

  it('refuses a period written wrong and an unknown kind', async () => {
    const wrong = await stack.call<{ errors: { field: string; message: string }[] }>(
      'POST',
      `/v1/years/${String(YEAR)}/reports/quarterly`,
      { period: '2019-Q5' },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'period' });
    expect(must(wrong.body.errors[0]).message).toContain('2019-Q2');
    expect((await stack.call('POST', `/v1/years/${String(YEAR)}/reports/weekly`, {})).status).toBe(404);
    expect((await stack.call('POST', `/v1/years/2031/reports/digest`, {})).status).toBe(404);
  });
});
