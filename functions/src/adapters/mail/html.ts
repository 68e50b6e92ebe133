// A letter as HTML that reads well in Gmail and on a phone: one centred column, inline CSS, tables, progress bars in plain HTML.
import type { Block, Cell, Column, Letter, Tone } from '../../domain/letter';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of text goes through here: names, comments and descriptions are what people typed. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const COLORS: Record<Tone, string> = {
  normal: '#1f2937',
  muted: '#6b7280',
  good: '#15803d',
  warn: '#b45309',
  bad: '#b91c1c',
};
const RED = '#c8102e';

/** Paragraph text keeps its line breaks. */
const lines = (text: string): string => escapeHtml(text).replace(/\n/g, '<br>');

/** Only http(s) links become links; anything else is shown as text. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

export function progressBar(share: number, label: string): string {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)));
  const filled =
    pct > 0 ? `<td style="background:#16a34a;height:8px;width:${pct}%;font-size:0;line-height:0">&nbsp;</td>` : '';
  const empty = pct < 100 ? `<td style="background:#e5e7eb;height:8px;font-size:0;line-height:0">&nbsp;</td>` : '';
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;min-width:80px"><tr>${filled}${empty}</tr></table>` +
    `<div style="${FONT};font-size:12px;color:#4b5563;margin-top:2px">${escapeHtml(label)}</div>`
  );
}

function cell(value: Cell, column: Column | undefined): string {
  const align = column?.align ?? (typeof value === 'number' ? 'right' : 'left');
  const style = `padding:6px 8px;border-bottom:1px solid #e5e7eb;${FONT};font-size:13px;text-align:${align};vertical-align:top`;
  if (typeof value === 'string' || typeof value === 'number')
    return `<td style="${style}">${lines(String(value))}</td>`;
  if ('progress' in value)
    return `<td style="${style};min-width:110px">${progressBar(value.progress, value.label)}</td>`;
  const color = COLORS[value.tone ?? 'normal'];
  return `<td style="${style};color:${color}${value.strong ? ';font-weight:bold' : ''}">${lines(value.text)}</td>`;
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  if (block.rows.length === 0)
    return `<p style="${FONT};font-size:14px;color:${COLORS.muted};margin:8px 0">${escapeHtml(block.empty ?? 'Không có dòng nào.')}</p>`;
  const head = block.columns
    .map(
      (c) =>
        `<th style="padding:6px 8px;background:#f3f4f6;border-bottom:2px solid #d1d5db;${FONT};font-size:12px;color:#374151;text-align:${c.align ?? 'left'};white-space:nowrap">${escapeHtml(c.title)}</th>`,
    )
    .join('');
  const body = block.rows.map((row) => `<tr>${row.map((v, i) => cell(v, block.columns[i])).join('')}</tr>`).join('');
  // Wide tables scroll sideways on a phone instead of squeezing every column.
  return `<div style="overflow-x:auto;margin:8px 0 16px"><table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h2 style="${FONT};font-size:17px;color:${RED};margin:20px 0 8px">${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p style="${FONT};font-size:15px;line-height:1.5;color:${COLORS[block.tone ?? 'normal']};margin:8px 0">${lines(block.text)}</p>`;
    case 'list':
      return `<ul style="${FONT};font-size:15px;line-height:1.5;margin:8px 0;padding-left:22px">${block.items.map((i) => `<li style="margin:4px 0">${lines(i)}</li>`).join('')}</ul>`;
    case 'facts':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0;width:100%">${block.items
        .map(
          (f) =>
            `<tr><td style="${FONT};font-size:14px;color:${COLORS.muted};padding:3px 12px 3px 0;vertical-align:top;white-space:nowrap">${escapeHtml(f.label)}</td><td style="${FONT};font-size:14px;padding:3px 0;vertical-align:top">${lines(f.value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'progress': {
      const share = block.total === 0 ? 0 : block.done / block.total;
      return `<div style="margin:10px 0"><div style="${FONT};font-size:14px;margin-bottom:4px">${escapeHtml(block.label)}</div>${progressBar(share, `${String(block.done)}/${String(block.total)} (${String(Math.round(share * 100))} %)`)}</div>`;
    }
    case 'table':
      return table(block);
    case 'button': {
      const url = safeUrl(block.url);
      if (!url) return `<p style="${FONT};font-size:15px">${escapeHtml(block.text)}: ${escapeHtml(block.url)}</p>`;
      return `<p style="margin:16px 0"><a href="${escapeHtml(url)}" style="display:inline-block;background:${RED};color:#ffffff;text-decoration:none;${FONT};font-size:15px;font-weight:bold;padding:10px 18px;border-radius:6px">${escapeHtml(block.text)}</a></p>`;
    }
  }
}

/** The whole message: a header band with the programme's name, the title, the blocks, the sign-off, a short footer. */
export function renderLetterHtml(letter: Letter, footer: string): string {
  const attachments =
    letter.attachments.length > 0
      ? `<p style="${FONT};font-size:13px;color:${COLORS.muted};margin:16px 0 0">Tệp đính kèm: ${letter.attachments.map((a) => escapeHtml(a.filename)).join(', ')}</p>`
      : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(letter.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(letter.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;border-collapse:collapse">
<tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:680px;background:#ffffff;border-collapse:collapse;border-top:4px solid ${RED}">
<tr><td style="padding:18px 20px 4px">
<div style="${FONT};font-size:12px;letter-spacing:0.3px;color:${COLORS.muted};text-transform:uppercase">Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh · Hành trình “Người Cộng sản trẻ”</div>
<h1 style="${FONT};font-size:20px;line-height:1.3;color:#111827;margin:8px 0 0">${escapeHtml(letter.subject)}</h1>
</td></tr>
<tr><td style="padding:8px 20px 20px;color:${COLORS.normal}">
<p style="${FONT};font-size:15px;margin:8px 0">${escapeHtml(letter.greeting)}</p>
${letter.blocks.map(renderBlock).join('\n')}
${letter.closing.map((l) => `<p style="${FONT};font-size:15px;margin:4px 0">${lines(l)}</p>`).join('\n')}
${attachments}
</td></tr>
<tr><td style="padding:12px 20px;background:#f9fafb;${FONT};font-size:12px;color:${COLORS.muted}">${lines(footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
