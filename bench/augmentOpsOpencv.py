#!/usr/bin/env python3
"""OpenCV/numpy throughput of the ops in bench/augmentOps.ts, on one thread.

Spawned by bench/augmentOps.ts (run that instead); prints one JSON object
{"opencv": version, "results": {op: {size: images_per_second}}} on stdout.
Usage: python bench/augmentOpsOpencv.py --sizes 64,256 --time 0.3 [--input-dir DIR]
With --input-dir, the images are DIR/rgb-<size>.raw (uint8 RGB, written by the TS bench, so both
sides time the same pixels); without it, random pixels.

Each op is the usual OpenCV (or albumentations-style numpy) way to do what the TS op does, with the
same parameters, on a uint8 RGB image. Random ops create their generator per call, as the TS ops do.
"""
import argparse
import json
import os
import time

import cv2
import numpy as np

cv2.setNumThreads(1)


def centre(w, h):
    return ((w - 1) / 2, (h - 1) / 2)


def affine_matrix(w, h):
    # Same parts as the TS bench: angle 15, translate (3, -2), scale 1.1, shear (8, 0), about the centre.
    cx, cy = centre(w, h)
    cos, sin = np.cos(np.radians(15)), np.sin(np.radians(15))
    t = np.tan(np.radians(8))
    rs = 1.1 * np.array([[cos, sin], [-sin, cos]]) @ np.array([[1, -t], [0, 1]])
    off = np.array([cx + 3, cy - 2]) - rs @ np.array([cx, cy])
    return np.hstack([rs, off[:, None]])


def make_ops(w, h):
    rot = cv2.getRotationMatrix2D(centre(w, h), 30, 1.0)
    zoom = cv2.getRotationMatrix2D(centre(w, h), 0, 1.2)
    aff = affine_matrix(w, h)
    shift = np.float64([[1, 0, 5], [0, 1, -3]])
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    dst = np.float32([[0.05 * w, 0.03 * h], [0.97 * w, 0], [w - 1, 0.95 * h], [0.02 * w, h - 1]])
    persp = cv2.getPerspectiveTransform(src, dst)
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    bw, bh = w // 2, h // 2

    def elastic(img):
        rng = np.random.default_rng(1)
        dx = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), 4) * np.float32(34)
        dy = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), 4) * np.float32(34)
        return cv2.remap(img, gx + dx, gy + dy, cv2.INTER_LINEAR)

    def contrast(img):
        mean = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).mean()
        return cv2.convertScaleAbs(img, alpha=0.8, beta=0.2 * mean)

    def saturation(img):
        gray = cv2.cvtColor(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
        return cv2.addWeighted(img, 1.5, gray, -0.5, 0)

    hue_lut = ((np.arange(256) + 18) % 180).astype(np.uint8)  # 0.1 turn = 18 of OpenCV's 180 hue steps

    def hue(img):
        hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
        hsv[..., 0] = cv2.LUT(hsv[..., 0], hue_lut)
        return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)

    def gamma(img):
        table = np.clip(np.rint(((np.arange(256) / 255) ** 0.8) * 255), 0, 255).astype(np.uint8)
        return cv2.LUT(img, table)

    def noise(img):
        rng = np.random.default_rng(1)
        n = rng.standard_normal(img.shape, dtype=np.float32) * np.float32(10)
        return np.clip(np.rint(img + n), 0, 255).astype(np.uint8)

    def salt_pepper(img):
        rng = np.random.default_rng(1)
        u = rng.random(img.shape[:2], dtype=np.float32)
        out = img.copy()
        out[u < 0.025] = 255
        out[(u >= 0.025) & (u < 0.05)] = 0
        return out

    def erase(img):
        out = img.copy()
        out[h // 4:h // 4 + bh, w // 4:w // 4 + bw] = 0
        return out

    return {
        'horizontalFlip': lambda img: cv2.flip(img, 1),
        'verticalFlip': lambda img: cv2.flip(img, 0),
        'rotate': lambda img: cv2.warpAffine(img, rot, (w, h), flags=cv2.INTER_LINEAR),
        'rotate (nearest)': lambda img: cv2.warpAffine(img, rot, (w, h), flags=cv2.INTER_NEAREST),
        'translate': lambda img: cv2.warpAffine(img, shift, (w, h), flags=cv2.INTER_LINEAR),
        'scale': lambda img: cv2.warpAffine(img, zoom, (w, h), flags=cv2.INTER_LINEAR),
        'affine': lambda img: cv2.warpAffine(img, aff, (w, h), flags=cv2.INTER_LINEAR),
        'perspective': lambda img: cv2.warpPerspective(img, persp, (w, h), flags=cv2.INTER_LINEAR),
        'elastic': elastic,
        'crop (padding 4)': lambda img: np.ascontiguousarray(
            cv2.copyMakeBorder(img, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=(0, 0, 0))[3:3 + h, 3:3 + w]),
        'resizedCrop': lambda img: cv2.resize(img[h // 4:h // 4 + bh, w // 4:w // 4 + bw], (w, h), interpolation=cv2.INTER_LINEAR),
        'brightness': lambda img: cv2.convertScaleAbs(img, alpha=1.2),
        'contrast': contrast,
        'saturation': saturation,
        'hue': hue,
        'gamma': gamma,
        'grayscale': lambda img: cv2.cvtColor(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB),
        'gaussianNoise': noise,
        'saltPepper': salt_pepper,
        'gaussianBlur': lambda img: cv2.GaussianBlur(img, (0, 0), 1.5),
        'erase': erase,
    }


def throughput(fn, img, seconds):
    end = time.perf_counter() + min(0.05, seconds / 4)
    while time.perf_counter() < end:  # warm-up
        fn(img)
    n, start = 0, time.perf_counter()
    while True:
        for _ in range(8):
            fn(img)
        n += 8
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--sizes', default='64,256')
    parser.add_argument('--time', type=float, default=0.3)
    parser.add_argument('--ops', default='')
    parser.add_argument('--input-dir', default='')
    args = parser.parse_args()
    wanted = set(filter(None, args.ops.split(',')))
    results = {}
    for size in map(int, args.sizes.split(',')):
        if args.input_dir:
            img = np.fromfile(os.path.join(args.input_dir, f'rgb-{size}.raw'), dtype=np.uint8).reshape(size, size, 3)
        else:
            img = np.random.default_rng(0).integers(0, 256, (size, size, 3), dtype=np.uint8)
        for name, fn in make_ops(size, size).items():
            if wanted and name not in wanted:
                continue
            results.setdefault(name, {})[str(size)] = throughput(fn, img, args.time)
    print(json.dumps({'opencv': cv2.__version__, 'threads': cv2.getNumThreads(), 'results': results}))


if __name__ == '__main__':
    main()
