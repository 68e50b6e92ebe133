// The HTML document around every journey-book page: inline styles for phone, desktop and A4 print, and private headers.
import type { HttpAnswer } from './answers';
import { html, SafeHtml } from './html';

/**
 * Headers of every page under /book: never cached or indexed, no referrer leaks the token to linked sites,
 * nothing runs and nothing loads from elsewhere (styles are inline, fonts are the reader's own).
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

const STYLE = new SafeHtml(`
:root { --ink: #1d232b; --muted: #5b6572; --line: #d9dee4; --soft: #f4f6f8; --red: #b3261e; --green: #1e7d45; --amber: #9a6400; --blue: #1f4e8c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #eef1f4; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.nav { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; padding: 8px 16px; background: var(--red); color: #fff; font-size: 14px; }
.nav strong { margin-right: auto; }
.nav a { color: #fff; text-decoration: none; opacity: .92; }
.sheet { max-width: 880px; margin: 16px auto; padding: 20px 18px 28px; background: #fff; border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.letterhead { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 10px 24px; text-align: center; font-size: 13px; line-height: 1.35; }
.letterhead > div { flex: 1 1 230px; }
.letterhead .org { font-weight: 700; }
.letterhead .nation { font-weight: 700; text-decoration: underline; text-underline-offset: 3px; }
.letterhead .place { font-style: italic; margin-top: 4px; }
.title { text-align: center; margin: 22px 0 8px; }
.title h1 { margin: 0; font-size: 24px; letter-spacing: .06em; color: var(--red); }
.title p { margin: 2px 0; color: var(--muted); }
h2 { margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--red); font-size: 17px; text-transform: uppercase; letter-spacing: .02em; }
h3 { margin: 18px 0 8px; font-size: 16px; }
.facts { display: grid; grid-template-columns: minmax(110px, max-content) 1fr; gap: 4px 14px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(2, 1fr); gap: 10px; }
@media (min-width: 640px) { .cards { grid-template-columns: repeat(4, 1fr); } }
.card { padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; background: var(--soft); }
.card span { display: block; color: var(--muted); font-size: 13px; }
.card strong { display: block; font-size: 20px; line-height: 1.3; }
.card small { color: var(--muted); }
.progress-chart { margin-top: 16px; break-inside: avoid; page-break-inside: avoid; }
.progress-chart h3 { margin: 0 0 4px; }
.progress-chart .reading { margin: 0 0 8px; }
.month-charts { display: grid; gap: 12px 18px; grid-template-columns: 1fr; }
@media (min-width: 640px) { .month-charts { grid-template-columns: repeat(3, 1fr); } }
.month-chart { margin: 0; }
.month-chart figcaption { display: flex; justify-content: space-between; gap: 8px; font-size: 14px; }
.month-chart svg { display: block; width: 100%; max-width: 420px; height: auto; overflow: visible; }
.month-chart text { font-size: 11px; text-anchor: middle; fill: #000; }
.month-chart text.need { text-anchor: start; }
.month-chart text.m { font-size: 10px; }
.month-chart text.ahead { fill: #767676; }
.group-head { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.group-note { margin: -2px 0 8px; color: var(--muted); font-size: 14px; }
.task { margin: 0 0 12px; padding: 12px; border: 1px solid var(--line); border-radius: 8px; break-inside: avoid; }
.task header { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: baseline; }
.code { font-weight: 700; color: var(--blue); }
.task-title { flex: 1 1 240px; font-weight: 600; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 13px; white-space: nowrap; border: 1px solid currentColor; }
.s-done, .d-approved { color: var(--green); }
.s-in_progress, .d-needs_info { color: var(--amber); }
.s-not_started, .d-pending { color: var(--muted); }
.d-rejected { color: var(--red); }
.bar { height: 8px; margin: 8px 0 4px; border-radius: 4px; background: #e3e7ec; overflow: hidden; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.bar i { display: block; height: 100%; background: var(--green); }
.progress { color: var(--muted); font-size: 14px; }
.by { color: var(--muted); font-size: 13px; }
.entries { list-style: none; margin: 8px 0 0; padding: 0; }
.entries > li { padding: 8px 0 0; margin-top: 8px; border-top: 1px dashed var(--line); }
.entry-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; font-size: 14px; }
.entry-head b { font-weight: 600; }
.entry p { margin: 4px 0; overflow-wrap: anywhere; white-space: pre-line; }
.extra { color: var(--muted); font-size: 14px; }
.decision { margin: 6px 0 0; padding: 6px 10px; border-left: 3px solid var(--line); background: var(--soft); font-size: 14px; }
.decision q { display: block; margin-top: 2px; font-style: italic; quotes: "“" "”"; white-space: pre-line; overflow-wrap: anywhere; }
.link { overflow-wrap: anywhere; font-size: 14px; }
.outlook { display: grid; gap: 10px; }
@media (min-width: 760px) { .outlook { grid-template-columns: repeat(3, 1fr); } }
.goal { padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; break-inside: avoid; }
.goal h3 { margin: 0 0 6px; font-size: 15px; }
.goal ul { margin: 0; padding-left: 18px; font-size: 14px; }
.goal li { margin: 3px 0; }
.reached { color: var(--green); font-weight: 600; }
.late { color: var(--red); font-weight: 600; }
.note { color: var(--muted); font-size: 14px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { padding: 6px 8px; border: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); }
.num { text-align: right; }
.closing { break-inside: avoid; page-break-inside: avoid; }
.signatures { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 24px; margin-top: 36px; text-align: center; }
.signatures > div { flex: 1 1 220px; }
.signatures .role { font-weight: 700; }
.signatures .hint { font-style: italic; font-size: 13px; color: var(--muted); }
.signatures .space { height: 72px; }
.footer { margin-top: 28px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
.notice { max-width: 620px; }
.notice h1 { font-size: 22px; color: var(--red); margin: 8px 0 12px; }
.notice ol { padding-left: 20px; }
.btn, button { display: inline-block; padding: 8px 14px; border: 0; border-radius: 6px; background: var(--red); color: #fff; font: inherit; text-decoration: none; cursor: pointer; }
button.secondary { background: #fff; color: var(--red); border: 1px solid var(--red); }
form.request { margin: 14px 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; }
form.request textarea { display: block; width: 100%; margin: 8px 0; font: inherit; }
.pre { white-space: pre-line; overflow-wrap: anywhere; }
@page { size: A4; margin: 16mm 14mm 18mm 20mm; }
@media print {
  body { background: #fff; font: 11.5pt/1.4 "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; }
  .nav, .screen-only { display: none !important; }
  .sheet { max-width: none; margin: 0; padding: 0; border-radius: 0; box-shadow: none; }
  h2 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  .outlook { grid-template-columns: repeat(3, 1fr); }
  .month-charts { grid-template-columns: repeat(3, 1fr); }
  .task, .goal, .card, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .title h1 { color: #000; }
  h2 { border-bottom-color: #000; }
}
`);

/** A complete document: Vietnamese, no scripts, inline styles only. */
export function pageDocument(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}

/** A page as the router answers it, with the private headers. */
export function pageAnswer(status: number, title: string, body: SafeHtml): HttpAnswer {
  return { status, contentType: 'text/html; charset=utf-8', body: pageDocument(title, body), headers: PAGE_HEADERS };
}
