// Pages for what exists only in Google (a Form, the Apps Script menu) and for terminal output, drawn from the project's
// own descriptions so the pictures say exactly what the software shows: a form from its FormSpec, the menu from MENU_ITEMS.
import type { FormSpec, ItemSpec } from '../../apps-script/src/forms/spec';
import { escapeHtml } from '../dev/sheets/pages/escape';

const htmlDocument = (title: string, style: string, body: string): string =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;

const FORM_STYLE = `
body{margin:0;background:#f0ebf8;font-family:Roboto,Arial,sans-serif;color:#202124}
main{max-width:640px;margin:0 auto;padding:12px 0 24px}
.card{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:18px 22px;margin-bottom:12px}
.head{border-top:10px solid #673ab7}
h1{font-size:26px;font-weight:400;margin:0 0 10px}
.desc,.help{white-space:pre-line;font-size:13px;color:#5f6368;line-height:1.45}
.account{font-size:13px;color:#5f6368;border-top:1px solid #dadce0;margin-top:12px;padding-top:10px}
.q{font-size:15px;margin-bottom:6px}.star{color:#d93025}
.section{background:#673ab7;color:#fff;border-radius:8px 8px 0 0;padding:6px 14px;font-size:13px;display:inline-block}
.sectioncard{border-top-left-radius:0}
h2{font-size:19px;font-weight:400;margin:0 0 8px}
.line{border-bottom:1px solid #bdbdbd;width:60%;height:26px;color:#9e9e9e;font-size:13px;padding-top:6px}
.opt{font-size:14px;margin:7px 0;display:flex;gap:10px;align-items:flex-start}
.box,.radio{width:16px;height:16px;border:2px solid #5f6368;flex:none;margin-top:1px}
.radio{border-radius:50%}.box{border-radius:2px}
.select{border:1px solid #dadce0;border-radius:4px;padding:8px 12px;width:220px;font-size:14px;color:#5f6368}
.menu{font-size:13px;color:#5f6368;margin-top:6px}
`;

/** A Google Form as a respondent sees it (every section one below the other), drawn from the spec setup() applies. */
export function formPage(spec: FormSpec): string {
  const cards: string[] = [
    `<div class="card head"><h1>${escapeHtml(spec.title)}</h1><div class="desc">${escapeHtml(spec.description)}</div>` +
      '<div class="account">Email của bạn được ghi lại khi gửi biểu mẫu (tài khoản Google đã đăng nhập).<br><span class="star">*</span> Biểu thị câu hỏi bắt buộc</div></div>',
  ];
  let section = 1;
  for (const item of spec.items) cards.push(itemCard(item, () => (section += 1)));
  return htmlDocument(spec.title, FORM_STYLE, `<main>${cards.join('')}</main>`);
}

function itemCard(item: ItemSpec, nextSection: () => number): string {
  const help = item.help ? `<div class="help">${escapeHtml(item.help)}</div>` : '';
  if (item.kind === 'page')
    return `<div class="section">Phần ${String(nextSection())}</div><div class="card sectioncard"><h2>${escapeHtml(item.title)}</h2>${help}</div>`;
  if (item.kind === 'header') return `<div class="card"><h2>${escapeHtml(item.title)}</h2>${help}</div>`;
  const star = item.required ? ' <span class="star">*</span>' : '';
  const question = `<div class="q">${escapeHtml(item.title)}${star}</div>${help}`;
  switch (item.kind) {
    case 'text':
      return `<div class="card">${question}<div class="line">Câu trả lời của bạn</div></div>`;
    case 'paragraph':
      return `<div class="card">${question}<div class="line" style="width:100%">Câu trả lời của bạn</div></div>`;
    case 'date':
      return `<div class="card">${question}<div class="line" style="width:140px">dd/mm/yyyy 📅</div></div>`;
    case 'list':
      return `<div class="card">${question}<div class="select">Chọn ▾</div><div class="menu">${item.choices.map((c) => escapeHtml(c.value)).join(' · ')}</div></div>`;
    case 'choice':
      return `<div class="card">${question}${item.choices.map((c) => `<div class="opt"><span class="radio"></span>${escapeHtml(c.value)}</div>`).join('')}</div>`;
    case 'checkbox':
      return `<div class="card">${question}${item.choices.map((c) => `<div class="opt"><span class="box"></span>${escapeHtml(c)}</div>`).join('')}</div>`;
  }
}

const MENU_STYLE = `
body{margin:0;font-family:Roboto,Arial,sans-serif;font-size:14px;color:#202124;background:#f9fbfd}
.bar{display:flex;gap:18px;padding:8px 16px;background:#f9fbfd;border-bottom:1px solid #dadce0}
.bar span.open{background:#e1e5ea;border-radius:4px;padding:0 6px}
.title{padding:10px 16px 2px;font-size:18px}
.wrap{position:relative;height:420px}
.grid{position:absolute;inset:0;background:#fff;background-image:linear-gradient(#e2e3e3 1px,transparent 1px),linear-gradient(90deg,#e2e3e3 1px,transparent 1px);background-size:100px 21px}
.menu{position:absolute;left:var(--left);top:0;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.3);border-radius:4px;padding:6px 0;min-width:340px}
.menu div{padding:7px 24px}.menu hr{border:0;border-top:1px solid #dadce0;margin:6px 0}
`;

/** The master spreadsheet with the "Hành trình" menu open, its items in the order onOpen adds them. */
export function menuPage(
  spreadsheetTitle: string,
  menuTitle: string,
  items: ReadonlyArray<readonly [string, string] | null>,
): string {
  const google = ['Tệp', 'Chỉnh sửa', 'Xem', 'Chèn', 'Định dạng', 'Dữ liệu', 'Công cụ', 'Tiện ích', 'Trợ giúp'];
  const bar = [...google.map((m) => `<span>${m}</span>`), `<span class="open">${escapeHtml(menuTitle)}</span>`].join(
    '',
  );
  const entries = items.map((item) => (item ? `<div>${escapeHtml(item[0])}</div>` : '<hr>')).join('');
  return htmlDocument(
    menuTitle,
    MENU_STYLE,
    `<div class="title">${escapeHtml(spreadsheetTitle)}</div><div class="bar">${bar}</div><div class="wrap" style="--left:${String(16 + google.join('').length * 7.6 + google.length * 18)}px"><div class="grid"></div><div class="menu">${entries}</div></div>`,
  );
}

const TERMINAL_STYLE = `
body{margin:0;background:#1e1e1e}
pre{margin:0;padding:16px 20px;color:#e6e6e6;font:13px/1.45 "JetBrains Mono",monospace;white-space:pre-wrap}
.prompt{color:#8ae234}
`;

/** A terminal showing a command and what it printed. */
export function terminalPage(command: string, output: string): string {
  return htmlDocument(
    command,
    TERMINAL_STYLE,
    `<pre><span class="prompt">$ ${escapeHtml(command)}</span>\n${escapeHtml(output.replace(/\s+$/, ''))}</pre>`,
  );
}
