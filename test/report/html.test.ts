import { describe, expect, it } from 'vitest';
import { html, raw } from '../../src/report/html.js';

describe('html`…`', () => {
  it('escapes every interpolated value for text and quoted attributes', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<a title="${name}">${name}</a>`.text).toBe(
      '<a title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</a>',
    );
  });

  it('keeps fragments it made (no double escaping), joins lists, drops only null, undefined and false', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${null}${undefined}${false}|${0}|${true}|${''}`.text).toBe('|0|true|');
    expect(html`${[['x', html`<i>y</i>`], '&']}`.text).toBe('x<i>y</i>&amp;');
  });

  it('inserts raw() text as it is: for our own style sheets and scripts only', () => {
    expect(html`<style>${raw('a>b{color:red}')}</style>`.text).toBe('<style>a>b{color:red}</style>');
    expect(String(html`${'<'}`)).toBe('&lt;');
  });
});
