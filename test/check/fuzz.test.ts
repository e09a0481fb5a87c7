import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { checkFolder } from '../../src/check/checkFolder.js';

const messy = path.resolve(__dirname, '../../fixtures/messy');

describe('robustness (fuzz)', () => {
  it('300 byte-mutated JPEG/PNG/GIF/WebP files: no crash or hang, each accounted for exactly once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-fuzz-'));
    const png = readFileSync(path.join(messy, 'cups/img_png_01.png'));
    const bases: [string, Buffer][] = [
      ['jpg', readFileSync(path.join(messy, 'cats/img_04.jpg'))],
      ['png', png],
      ['gif', readFileSync(path.join(messy, 'cats/img_animated.gif'))],
      ['webp', await sharp(png).webp({ quality: 70 }).toBuffer()],
    ];
    const rng = seedrandom('fuzz');
    const names: string[] = [];
    for (let i = 0; i < 300; i++) {
      const [ext, base] = bases[i % bases.length]!;
      const bytes = Buffer.from(base);
      const mode = i % 3;
      // Flip bytes (header and body), truncate, or splice in garbage.
      if (mode === 0) for (let k = 0; k < 1 + Math.floor(rng() * 20); k++) bytes[Math.floor(rng() * Math.min(bytes.length, k < 3 ? 64 : bytes.length))] = Math.floor(rng() * 256);
      const out = mode === 1 ? bytes.subarray(0, Math.floor(rng() * bytes.length)) : mode === 2 ? Buffer.concat([bytes.subarray(0, 40), Buffer.from(Array.from({ length: 200 }, () => Math.floor(rng() * 256))), bytes.subarray(40)]) : bytes;
      const name = `m${String(i).padStart(3, '0')}.${ext}`;
      writeFileSync(path.join(dir, name), out);
      names.push(name);
    }
    const report = await checkFolder(dir);
    expect(report.files.map((f) => f.path)).toEqual(names);
    for (const f of report.files) expect(['ok', 'corrupt', 'unsupported', 'too_small', 'too_large', 'duplicate', 'stage_error']).toContain(f.verdict);
    expect(report.summary.verdicts['stage_error'] ?? 0).toBe(0);
    expect(report.summary.verdicts['corrupt']).toBeGreaterThan(0);
  }, 120_000);
});
