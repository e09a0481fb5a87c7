import { describe, expect, it } from 'vitest';
import { lineChart, smooth, thin } from '../../src/report/lineChart.js';

const ticksOf = (svg: string, axis: 'x' | 'y') => {
  const group = new RegExp(`<g class="axis ${axis}">(.*?)</g>`, 's').exec(svg)![1]!;
  return [...group.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
};

describe('lineChart', () => {
  it('draws both axes with nice tick labels, a legend of the non-faint series and a path per series', () => {
    const points = Array.from({ length: 30 }, (_, i) => [i + 1, 0.7 + i / 100] as const);
    const svg = lineChart(
      [
        { name: 'raw', color: '#aaa', points, style: 'faint' },
        { name: 'D loss', color: '#c00', points: smooth(points, 5) },
      ],
      { title: 'Losses' },
    ).text;
    expect(ticksOf(svg, 'x')).toEqual(['0', '5', '10', '15', '20', '25', '30']);
    expect(ticksOf(svg, 'y')).toEqual(['0.70', '0.75', '0.80', '0.85', '0.90', '0.95', '1.00']);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(/<g class="legend">(.*?)<\/g>/s.exec(svg)![1]).toContain('D loss');
    expect(/<g class="legend">(.*?)<\/g>/s.exec(svg)![1]).not.toContain('raw');
    // The faint line is drawn first, under the smoothed one.
    const lines = /<g class="lines"(.*?)<\/g>/s.exec(svg)![1]!;
    expect(lines.indexOf('stroke="#aaa"')).toBeLessThan(lines.indexOf('stroke="#c00"'));
  });

  it('a fixed domain (probabilities) keeps its ticks and clamps values outside it to the edge', () => {
    const svg = lineChart([{ name: 'D(x)', color: '#0a0', points: [[1, 0.2], [2, 1.7]] }], { title: 'D', yDomain: [0, 1] }).text;
    expect(ticksOf(svg, 'y')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const ys = [.../<path d="M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)"/.exec(svg)!.slice(1)].map(Number);
    expect(ys[1]).toBe(46); // the top margin: 1.7 drawn at 1.0
  });

  it('skips non-finite values and says "no data yet" when nothing is left; titles are escaped', () => {
    const svg = lineChart([{ name: 'g', color: '#000', points: [[1, Number.NaN], [2, 3], [3, 4]] }], { title: 'a<b' }).text;
    expect(svg).toContain('M');
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('a&lt;b');
    const empty = lineChart([{ name: 'g', color: '#000', points: [[1, Number.NaN]] }], { title: 'Loss' }).text;
    expect(empty).toContain('class="chart empty"');
    expect(empty).toContain('Loss: no data yet');
  });
});

describe('smooth and thin', () => {
  it('smooth is a trailing moving average; thin keeps evenly spaced points and the last', () => {
    expect(smooth([[1, 2], [2, 4], [3, 6], [4, 8]], 2)).toEqual([[1, 2], [2, 3], [3, 5], [4, 7]]);
    expect(thin([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([0, 3, 6]);
    expect(thin([0, 1, 2, 3, 4], 2)).toEqual([0, 4]);
    expect(thin([0, 1, 2], 5)).toEqual([0, 1, 2]);
    expect(thin(Array.from({ length: 1_000_000 }, (_, i) => i), 400)).toHaveLength(400);
  });
});
