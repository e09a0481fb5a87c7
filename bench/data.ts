import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import seedrandom from 'seedrandom';

const root = path.resolve(import.meta.dirname, '..');

/**
 * A folder of `count` JPEGs, 256–640 px a side, cut and scaled from the shared photos with a
 * fixed seed (made once, then reused). `GANPIPE_PHOTOS` overrides where the photos are.
 */
export async function benchJpegs(count = 2000): Promise<string> {
  const dir = path.join(root, 'bench/.data', `jpegs-${count}`);
  if (existsSync(path.join(dir, 'done'))) return dir;
  const photosDir = process.env.GANPIPE_PHOTOS ?? path.resolve(root, '../shared/data/photos');
  const photos = readdirSync(photosDir).filter((f) => /\.(png|jpe?g)$/i.test(f));
  if (photos.length === 0) throw new Error(`no photos in ${photosDir}; set GANPIPE_PHOTOS`);
  mkdirSync(dir, { recursive: true });
  const rng = seedrandom('bench-jpegs');
  process.stderr.write(`making ${count} JPEGs in ${dir} …\n`);
  for (let i = 0; i < count; i++) {
    const src = sharp(path.join(photosDir, photos[i % photos.length]!));
    const meta = await src.metadata();
    const side = Math.floor(Math.min(meta.width!, meta.height!) * (0.5 + 0.5 * rng()));
    const left = Math.floor((meta.width! - side) * rng());
    const top = Math.floor((meta.height! - side) * rng());
    const w = 256 + Math.floor(rng() * 385);
    const h = Math.min(640, Math.max(256, Math.round(w * (0.75 + 0.5 * rng()))));
    const out = await sharp(path.join(photosDir, photos[i % photos.length]!))
      .extract({ left, top, width: side, height: side })
      .resize(w, h, { fit: 'fill' })
      .toColourspace('srgb')
      .jpeg({ quality: 85 })
      .toBuffer();
    writeFileSync(path.join(dir, `img_${String(i).padStart(5, '0')}.jpg`), out);
  }
  writeFileSync(path.join(dir, 'done'), '');
  return dir;
}
