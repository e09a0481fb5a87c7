/** A fragment of HTML (or SVG) that is already safe to insert: made by `html` or `raw` only. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What `html` accepts in a `${}`: text and numbers are escaped, fragments kept, lists joined, nothing dropped silently but `null`, `undefined` and `false`. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The one way ganpipe's pages build markup: every interpolated value is escaped for HTML text
 * and quoted attribute values (`& < > " '`), so a file named `<img onerror=…>.png` or a label
 * with quotes shows as text. Fragments made by `html` or `raw` are inserted as they are; arrays
 * are joined.
 * @example html`<td title="${file}">${count}</td>`
 * @example html`<ul>${files.map((f) => html`<li>${f}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}

/**
 * Marks trusted markup as safe: a style sheet or script written in this code base, never data.
 * @example raw(PAGE_STYLE)
 */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}
