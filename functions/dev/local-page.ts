// The HTML document around every page under /_local/ (the spreadsheets, the outbox): its styles, then a line saying it exists only locally.
import { escapeHtml } from './sheets/pages/escape';

export function localPage(title: string, style: string, body: string, note: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
<p class="meta">${escapeHtml(note)}</p>
</body>
</html>
`;
}
