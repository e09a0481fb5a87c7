#!/usr/bin/env python3
"""OpenCV / scikit-image throughput of the ops in bench/denoise.ts, on one thread.

Spawned by bench/denoise.ts (run that instead); reads the same raw uint8 images it times
(HWC, RGB order), and prints one JSON object on stdout:
{"versions": {...}, "results": {op: {"gray": images_per_second, "rgb": images_per_second}}}.
Usage: python bench/denoiseOpencv.py --gray FILE --rgb FILE --size 256 --time 0.5

Each op is the reference call that src/ops/denoise follows, with the same parameters as the TS
side; the scikit-image ops include the conversion back to uint8, as the TS ops return uint8.
"""
import argparse
import json
import time

import cv2
import numpy as np
import skimage
from skimage.filters import unsharp_mask
from skimage.restoration import denoise_tv_chambolle

cv2.setNumThreads(1)


def to_u8(x):
    return np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)


def make_ops():
    rect3 = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    ellipse5 = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))

    def nlm(h_color, search):
        def run(img):
            if img.ndim == 2:
                return cv2.fastNlMeansDenoising(img, None, 18, 7, search)
            return cv2.fastNlMeansDenoisingColored(img, None, 18, h_color, 7, search)
        return run

    def gray_of(img):
        return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)

    def channel_axis(img):
        return None if img.ndim == 2 else 2

    return {
        'gaussianBlur σ1': lambda im: cv2.GaussianBlur(im, (0, 0), 1, borderType=cv2.BORDER_REPLICATE),
        'gaussianBlur σ1 (op)': lambda im: cv2.GaussianBlur(im, (0, 0), 1, borderType=cv2.BORDER_REPLICATE),
        'medianFilter r1': lambda im: cv2.medianBlur(im, 3),
        'bilateralFilter 50/2': lambda im: cv2.bilateralFilter(im, -1, 50, 2),
        'nlm h18 7/21': nlm(15, 21),
        'nlm h18 7/11': nlm(15, 11),
        'tvDenoise 0.07': lambda im: to_u8(denoise_tv_chambolle(im, weight=0.07, channel_axis=channel_axis(im))),
        'open square3': lambda im: cv2.morphologyEx(im, cv2.MORPH_OPEN, rect3),
        'close ellipse5': lambda im: cv2.morphologyEx(im, cv2.MORPH_CLOSE, ellipse5),
        'unsharpMask σ1': lambda im: to_u8(unsharp_mask(im, radius=1, amount=1, channel_axis=channel_axis(im))),
        'threshold otsu': lambda im: cv2.threshold(gray_of(im), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1],
    }


def throughput(op, img, seconds):
    warm = time.perf_counter() + min(0.05, seconds / 4)
    while time.perf_counter() < warm:
        op(img)
    n = 0
    start = time.perf_counter()
    while True:
        op(img)
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--gray', required=True)
    parser.add_argument('--rgb', required=True)
    parser.add_argument('--size', type=int, default=256)
    parser.add_argument('--time', type=float, default=0.5)
    parser.add_argument('--ops', default='')
    args = parser.parse_args()
    s = args.size
    images = {
        'gray': np.fromfile(args.gray, dtype=np.uint8).reshape(s, s),
        'rgb': np.fromfile(args.rgb, dtype=np.uint8).reshape(s, s, 3),
    }
    wanted = set(filter(None, args.ops.split(',')))
    results = {}
    for name, op in make_ops().items():
        if wanted and name not in wanted:
            continue
        results[name] = {kind: throughput(op, img, args.time) for kind, img in images.items()}
    versions = {'opencv': cv2.__version__, 'scikit-image': skimage.__version__}
    print(json.dumps({'versions': versions, 'results': results}))


if __name__ == '__main__':
    main()
