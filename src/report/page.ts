import { html, raw, type SafeHtml } from './html.js';

// The look every page shares. Long names wrap anywhere, so no path widens the page.
const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#f7f7f5}
main{max-width:1240px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:22px;margin:0 0 2px}h2{font-size:17px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:18px 0 8px}
p,li,td,th,figcaption,code,.sub{overflow-wrap:anywhere}.sub{color:#666;margin:0 0 14px}.note{color:#666;font-size:13px}
table{border-collapse:collapse;background:#fff}td,th{padding:4px 10px;border-bottom:1px solid #e6e6e6;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:6px 14px;min-width:110px}
.card b{display:block;font-size:20px;font-weight:600}.card span{color:#666;font-size:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:14px}
svg.chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #e3e3e3;border-radius:6px}
`;

/**
 * One self-contained HTML page with ganpipe's shared style: nothing is fetched from the
 * network, so it opens offline. `style` and `script` are this code base's own text, never data.
 */
export function page({ title, body, style = '', script = '' }: { title: string; body: SafeHtml; style?: string; script?: string }): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE + style)}</style></head>
<body><main>
${body}
</main>${script ? html`<script>${raw(script)}</script>` : ''}</body></html>
`.text;
}
