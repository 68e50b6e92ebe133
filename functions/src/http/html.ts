// HTML built by a tagged template that escapes every interpolated value, so text people typed can never become markup.

/** Markup already built by `html` (or a constant of ours): inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text as HTML text or attribute value (always quoted by our templates). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** What a template may interpolate: text and numbers (escaped), markup, lists of them, and nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * `html\`<p>${name}</p>\`` escapes `name`; nested `html` results and arrays of them are kept as markup;
 * null, undefined and false render as nothing (for conditional parts).
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A link only for http(s) addresses; anything else people typed stays plain text. */
export function externalLink(address: string): SafeHtml {
  let url: URL | undefined;
  try {
    url = new URL(address);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') return html`<span class="link">${address}</span>`;
  return html`<a class="link" href="${url.href}" rel="noopener noreferrer nofollow" target="_blank">${address}</a>`;
}
