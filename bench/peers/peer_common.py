"""What every Python peer shares: arguments, the file list, the Pillow transform, timing, output.

The work, identical in every peer (see README.md): read a JPEG, decode it fully, resize with
"cover" semantics (shorter side to 64 with an antialiased Lanczos-3 filter, then a centred
64x64 crop, like sharp's `fit: 'cover'`), flip horizontally with p = 0.5, multiply by a
brightness factor drawn from [0.8, 1.2] (clamped to 0..255, torchvision's `adjust_brightness`
and ganpipe's `randomBrightness`), scale to [-1, 1] float32 (HWC), batch 64 in file order.
Random draws come from a generator seeded by (seed, epoch, file index), so they do not depend
on worker count or arrival order.
"""
import argparse
import glob
import json
import os
import time

import numpy as np
from PIL import Image, ImageEnhance

SIZE = 64
BATCH = 64
BRIGHTNESS = (0.8, 1.2)
SEED = 1


def parse_args(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--images', required=True, help='folder of *.jpg files')
    parser.add_argument('--epochs', type=int, default=2)
    if extra:
        extra(parser)
    return parser.parse_args()


def list_files(folder):
    files = sorted(glob.glob(os.path.join(folder, '*.jpg')))
    if not files:
        raise SystemExit(f'no *.jpg files in {folder}')
    return files


def draws(epoch, index):
    """(flip, brightness factor) of one image in one epoch."""
    u = np.random.default_rng([SEED, epoch, index]).random(2)
    return bool(u[0] < 0.5), float(BRIGHTNESS[0] + (BRIGHTNESS[1] - BRIGHTNESS[0]) * u[1])


def cover_box(width, height):
    """Size the shorter side goes to SIZE at, and the centred SIZE x SIZE crop box in it."""
    scale = SIZE / min(width, height)
    w, h = max(SIZE, round(width * scale)), max(SIZE, round(height * scale))
    left, top = (w - SIZE) // 2, (h - SIZE) // 2
    return (w, h), (left, top, left + SIZE, top + SIZE)


def pillow_transform(path, epoch, index):
    """The whole per-image work with Pillow, as torchvision's PIL transforms do it
    (Resize + CenterCrop, RandomHorizontalFlip, ColorJitter(brightness), ToTensor + Normalize)."""
    flip, factor = draws(epoch, index)
    with Image.open(path) as im:
        im = im.convert('RGB')  # full decode: no draft() (DCT-scaled) decoding
        size, box = cover_box(*im.size)
        im = im.resize(size, Image.Resampling.LANCZOS).crop(box)
    if flip:
        im = im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    im = ImageEnhance.Brightness(im).enhance(factor)
    return np.asarray(im, dtype=np.float32) * np.float32(1 / 127.5) - np.float32(1)


def cpu_seconds():
    """CPU time of this process (all its threads) and of its finished children (DataLoader workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class EpochMeter:
    """Times one epoch (wall clock and CPU) and counts and sums its batches. The mean is a
    cross-check that every peer did the same work (it should agree to about 0.01 across peers);
    CPU ms per image hardly depends on what else the machine runs, img/s does."""

    def __init__(self):
        self.start = time.perf_counter()
        self.cpu_start = cpu_seconds()
        self.images = 0
        self.total = None
        self.batches = 0

    def add(self, batch):
        shape = tuple(batch.shape)
        if shape[1:] != (SIZE, SIZE, 3):
            raise SystemExit(f'unexpected batch shape {shape}')
        self.images += shape[0]
        self.total = (self.total or 0.0) + float(batch.sum())
        self.batches += 1

    def result(self):
        seconds = time.perf_counter() - self.start
        cpu = cpu_seconds() - self.cpu_start
        return {
            'img_s': round(self.images / seconds, 1),
            'cpu_ms_per_img': round(1000 * cpu / self.images, 3),
            'seconds': round(seconds, 3),
            'images': self.images,
            'mean': None if self.total is None else round(self.total / (self.images * SIZE * SIZE * 3), 4),
        }


def row(name, epochs, note=''):
    """One table row from a list of EpochMeter results (epoch 1, epoch 2, ...)."""
    out = {'name': name, 'epochs': epochs}
    for i, e in enumerate(epochs):
        out[f'epoch{i + 1}_img_s'] = e['img_s']
    if note:
        out['note'] = note
    return out


def emit(peer, versions, rows):
    """The one JSON line the runner reads (the last line of stdout)."""
    print(json.dumps({'peer': peer, 'versions': versions, 'rows': rows}), flush=True)
