// The pages at /_local/outbox/: the messages written instead of sent, each shown as a person would read it, attachments downloadable.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import type { Email } from 'postal-mime';
import { escapeHtml } from '../sheets/pages/escape';
import { listEml } from './folder-mailer';
import { localPage } from '../local-page';

export const OUTBOX_PATH = '/_local/outbox';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#202124;max-width:1100px}
h1{font-size:1.4rem}table{border-collapse:collapse;font-size:14px;width:100%}
th,td{border-bottom:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f4;font-weight:normal;color:#5f6368}
.meta{color:#5f6368;font-size:13px}.kind{font-size:12px;background:#e8f0fe;color:#1a73e8;border-radius:8px;padding:1px 8px;white-space:nowrap}
iframe{width:100%;height:75vh;border:1px solid #dadce0;border-radius:6px;background:#f3f4f6}
pre{white-space:pre-wrap;background:#f8f9fa;padding:12px;border-radius:6px;font-size:13px}
nav a{margin-right:1rem}.filter a{margin-right:.6rem}
`;

function page(title: string, body: string): string {
  return localPage(
    title,
    STYLE,
    body,
    'Trang này chỉ có khi chạy cục bộ: thư được ghi thành tệp .eml trong thư mục dữ liệu thay vì gửi qua Gmail.',
  );
}

interface Parsed {
  email: Email;
  bytes: number;
}

/** Parsed messages by file name; files never change once written (a new message is a new file). */
const cache = new Map<string, Parsed>();

async function parse(folder: string, file: string): Promise<Parsed> {
  const hit = cache.get(file);
  if (hit) return hit;
  const raw = await readFile(join(folder, file));
  const parsed = { email: await PostalMime.parse(raw), bytes: raw.length };
  cache.set(file, parsed);
  return parsed;
}

const header = (email: Email, name: string): string =>
  email.headers.find((h) => h.key === name.toLowerCase())?.value ?? '';
const address = (a: Email['from']): string =>
  a ? (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '')) : '';
const when = (iso: string | undefined): string => {
  const date = new Date(iso ?? '');
  return Number.isNaN(date.getTime()) ? (iso ?? '') : date.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
};
const size = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;

async function listPage(folder: string, kindFilter: string | null): Promise<string> {
  const files = await listEml(folder);
  const rows: string[] = [];
  const kinds = new Map<string, number>();
  for (const file of files) {
    const { email } = await parse(folder, file);
    const kind = header(email, 'x-journey-kind');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (kindFilter !== null && kind !== kindFilter) continue;
    const attachments = email.attachments.length > 0 ? ` 📎 ${String(email.attachments.length)}` : '';
    rows.push(
      `<tr><td class="meta">${escapeHtml(when(email.date))}</td><td><span class="kind">${escapeHtml(header(email, 'x-journey-kind-label') || kind)}</span></td><td>${escapeHtml(email.to?.map((a) => a.address ?? '').join(', ') ?? '')}</td><td><a href="${OUTBOX_PATH}/${encodeURIComponent(file)}">${escapeHtml(email.subject ?? '(không tiêu đề)')}</a>${attachments}</td></tr>`,
    );
  }
  const filter = [
    `<a href="${OUTBOX_PATH}/">tất cả (${String(files.length)})</a>`,
    ...[...kinds]
      .sort()
      .map(([k, n]) => `<a href="${OUTBOX_PATH}/?kind=${encodeURIComponent(k)}">${escapeHtml(k)} (${String(n)})</a>`),
  ].join(' ');
  const body =
    files.length === 0
      ? '<p class="meta">Chưa có thư nào.</p>'
      : `<p class="filter">${filter}</p><table><thead><tr><th>Thời điểm</th><th>Loại</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return page(
    'Hộp thư đi (cục bộ)',
    `<nav><a href="/_local/sheets/">Bảng tính</a></nav><h1>Hộp thư đi (cục bộ)</h1>${body}`,
  );
}

function messagePage(file: string, { email, bytes }: Parsed): string {
  const base = `${OUTBOX_PATH}/${encodeURIComponent(file)}`;
  const facts: [string, string][] = [
    ['Từ', address(email.from)],
    ['Đến', email.to?.map(address).join(', ') ?? ''],
    ['Tiêu đề', email.subject ?? ''],
    ['Ngày', when(email.date)],
    ['Message-ID', email.messageId ?? ''],
    ['Mã thư', header(email, 'x-journey-mail-id')],
    ['Loại', header(email, 'x-journey-kind')],
  ];
  // The message's own HTML in a sandbox: no script runs, nothing it links opens inside this page.
  const html = email.html
    ? email.html.replace(/<head>/i, '<head><base target="_blank">')
    : `<pre>${escapeHtml(email.text ?? '')}</pre>`;
  const attachments = email.attachments
    .map(
      (a, i) =>
        `<li><a href="${base}/attachments/${String(i)}">${escapeHtml(a.filename ?? `tệp ${String(i + 1)}`)}</a> <span class="meta">(${escapeHtml(a.mimeType)}, ${size(typeof a.content === 'string' ? a.content.length : a.content.byteLength)})</span></li>`,
    )
    .join('');
  return page(
    email.subject ?? 'Thư',
    `<nav><a href="${OUTBOX_PATH}/">← Hộp thư đi</a><a href="${base}/raw">Tải tệp .eml (${size(bytes)})</a></nav>
<h1>${escapeHtml(email.subject ?? '(không tiêu đề)')}</h1>
<table>${facts.map(([k, v]) => `<tr><th style="width:9rem">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${attachments ? `<h2 style="font-size:1.1rem">Tệp đính kèm</h2><ul>${attachments}</ul>` : ''}
<h2 style="font-size:1.1rem">Nội dung (HTML)</h2>
<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(html)}" title="Nội dung thư"></iframe>
<details><summary>Phần văn bản thuần (text/plain)</summary><pre>${escapeHtml(email.text ?? '')}</pre></details>`,
  );
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    // The mails' HTML uses inline styles only: no script, nothing from elsewhere.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
    ...extra,
  });
  res.end(body);
}

/** Answers one request under /_local/outbox; `subPath` is what follows it. Never rejects. */
export function createOutboxPages(folder: string) {
  return async (req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'text/plain; charset=utf-8', 'Chỉ xem được (GET).');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://local');
      const parts = subPath.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts.length === 0) {
        send(res, 200, 'text/html; charset=utf-8', await listPage(folder, url.searchParams.get('kind')));
        return;
      }
      const file = parts[0] ?? '';
      if (!/^[A-Za-z0-9_.-]+\.eml$/.test(file) || file.startsWith('.')) {
        send(res, 404, 'text/plain; charset=utf-8', 'Không có thư này.');
        return;
      }
      const exists = await stat(join(folder, file)).then(
        () => true,
        () => false,
      );
      if (!exists) {
        send(res, 404, 'text/plain; charset=utf-8', 'Không có thư này.');
        return;
      }
      const parsed = await parse(folder, file);
      if (parts.length === 1) {
        send(res, 200, 'text/html; charset=utf-8', messagePage(file, parsed));
        return;
      }
      if (parts.length === 2 && parts[1] === 'raw') {
        send(res, 200, 'message/rfc822', await readFile(join(folder, file)), {
          'content-disposition': `attachment; filename="${file}"`,
        });
        return;
      }
      const index = Number(parts[2]);
      const attachment =
        parts.length === 3 && parts[1] === 'attachments' && Number.isInteger(index)
          ? parsed.email.attachments[index]
          : undefined;
      if (!attachment) {
        send(res, 404, 'text/plain; charset=utf-8', 'Không có tệp đính kèm này.');
        return;
      }
      const content =
        typeof attachment.content === 'string' ? Buffer.from(attachment.content) : new Uint8Array(attachment.content);
      const name = attachment.filename ?? `tep-${String(index + 1)}`;
      send(res, 200, attachment.mimeType, content, {
        'content-disposition': `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
      return;
    } catch (error) {
      send(res, 500, 'text/plain; charset=utf-8', `Không đọc được thư: ${String(error)}`);
    }
  };
}
