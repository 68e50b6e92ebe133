// The local outbox pages: the list, a message as a person reads it (headers, sandboxed HTML), its PDF downloadable.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageComposer } from '../../functions/src/adapters/mail/compose';
import { outboxFolderMailer } from '../../functions/dev/outbox/folder-mailer';
import { createOutboxPages, OUTBOX_PATH } from '../../functions/dev/outbox/pages';

let server: Server;
let base: string;
let folder: string;
let file: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'journey-outbox-pages-'));
  const raw = await createMessageComposer().compose({
    from: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv@example.vn' },
    to: 'capuy.stp@example.vn',
    messageId: '<quarterly-1@hanh-trinh.journey>',
    date: new Date('2019-06-25T00:00:00Z'),
    headers: {
      'X-Journey-Mail-Id': 'quarterly-1',
      'X-Journey-Kind': 'quarterly',
      'X-Journey-Kind-Label': 'Báo cáo quý',
    },
    letter: {
      subject: 'Báo cáo quý II/2019 — Đoàn Sở Tư pháp',
      preheader: '',
      greeting: 'Kính gửi Cấp ủy Đoàn Sở Tư pháp,',
      blocks: [{ kind: 'paragraph', text: 'Lê Thị Lan <script>alert(1)</script>' }],
      closing: [],
      attachments: [
        {
          filename: 'Báo cáo quý II-2019.pdf',
          document: {
            issuer: ['THÀNH ĐOÀN TP. HỒ CHÍ MINH'],
            organisation: 'ĐOÀN TNCS HỒ CHÍ MINH',
            number: 'Số: -BC/ĐTN',
            dateLine: 'TP. Hồ Chí Minh, ngày 25 tháng 06 năm 2019',
            title: 'BÁO CÁO',
            subtitle: 'Quý II/2019',
            sections: [],
            recipients: ['Cấp ủy'],
            signer: { capacity: 'TM. BAN THƯỜNG VỤ ĐOÀN KHỐI', role: 'BÍ THƯ', name: '' },
          },
        },
      ],
    },
  });
  file =
    (await outboxFolderMailer(folder).send({ raw, to: 'capuy.stp@example.vn', id: 'quarterly-1' })).providerId ?? '';
  const pages = createOutboxPages(folder);
  server = createServer((req, res) => {
    void pages(req, res, (req.url ?? '/').replace(/\?.*$/, '').slice(OUTBOX_PATH.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}${OUTBOX_PATH}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  rmSync(folder, { recursive: true, force: true });
});

describe('/_local/outbox/', () => {
  it('lists the messages with their kind, recipient and subject', async () => {
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('Hộp thư đi (cục bộ)');
    expect(page).toContain('Báo cáo quý II/2019 — Đoàn Sở Tư pháp');
    expect(page).toContain('capuy.stp@example.vn');
    expect(page).toContain(`href="${OUTBOX_PATH}/${file}"`);
  });

  it('shows a message with its headers, its HTML in a sandbox (escaped, no script runs) and its attachment', async () => {
    const response = await fetch(`${base}/${file}`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('Ban Thường vụ Đoàn Khối &lt;btv@example.vn&gt;');
    expect(page).toMatch(
      /<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="[^"]*Lê Thị Lan &amp;lt;script&amp;gt;/,
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('Báo cáo quý II-2019.pdf');
    const pdf = await fetch(`${base}/${file}/attachments/0`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('answers 404 for a file that is not a message, without reading outside the folder', async () => {
    expect((await fetch(`${base}/..%2Fsecret.eml`)).status).toBe(404);
    expect((await fetch(`${base}/${file}/attachments/9`)).status).toBe(404);
  });
});
