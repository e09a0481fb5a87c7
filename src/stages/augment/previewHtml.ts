import { html } from '../../report/html.js';
import { page } from '../../report/page.js';
import type { Sample } from '../../core/types.js';
import { augmentWords, previewCell, type PreviewRow } from './preview.js';

/**
 * The preview as a page: the same rows as the PNG, with each sample's full id, label and split,
 * and each augmented version's trace as text (`op {params}`, exactly what `replay` takes).
 * Images are inline PNGs, so the page is one file.
 */
export async function previewHtml(rows: readonly PreviewRow[], { title = 'Augmentation preview', cellSize = 128 }: { title?: string; cellSize?: number } = {}): Promise<string> {
  const img = async (s: Sample, alt: string) => html`<img src="data:image/png;base64,${(await previewCell(s.image, cellSize)).toString('base64')}" alt="${alt}" width="${cellSize}" height="${cellSize}">`;
  const epochs = rows[0]?.versions.length ?? 0;
  const body = await Promise.all(
    rows.map(async ({ original, versions }) => {
      const cells = await Promise.all(
        versions.map(async (s, e) =>
          s
            ? html`<td>${await img(s, `${s.id}, epoch ${e}`)}<p class="words">${augmentWords(s)}</p><ol class="trace">${(s.trace ?? []).map((t) => html`<li><b>${t.op}</b> ${paramsText(t.params)}</li>`)}</ol><details><summary>exact trace</summary><code>${JSON.stringify(s.trace ?? [])}</code></details></td>`
            : html`<td class="note">rejected in this epoch (see the run report)</td>`,
        ),
      );
      return html`<tr><th><b>${original.id}</b>${original.label !== undefined ? html`<br>label ${original.label}` : ''}${original.split !== undefined ? html`<br>split ${original.split}` : ''}</th><td>${await img(original, original.id)}</td>${cells}</tr>`;
    }),
  );
  return page({
    title,
    style: STYLE,
    body: html`<h1>${title}</h1>
<p class="sub">One row per sample: the image as it reaches the augment stage, then its augmented versions. Each trace replays byte for byte with <code>replay(image, trace)</code>.</p>
<div class="wide"><table><tr><th>sample</th><th>original</th>${Array.from({ length: epochs }, (_, e) => html`<th>epoch ${e}</th>`)}</tr>
${body}</table></div>`,
  });
}

// Parameters to read: numbers to 4 significant digits (the exact values are in the JSON trace).
function paramsText(params: Readonly<Record<string, unknown>>): string {
  const value = (v: unknown): string =>
    typeof v === 'number' ? String(Number(v.toPrecision(4))) : Array.isArray(v) ? `[${v.map(value).join(', ')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return Object.entries(params).map(([k, v]) => `${k} ${value(v)}`).join(', ');
}

const STYLE = `
.wide{overflow-x:auto}th{width:170px}td{width:230px}td img{display:block;image-rendering:pixelated;border:1px solid #ccc}
.words{margin:4px 0;font-weight:600;font-size:12px}.trace{margin:0;padding-left:18px;font-size:12px;color:#444}
details{font-size:11px;color:#666;margin-top:4px}details code{display:block;word-break:break-all}`;
