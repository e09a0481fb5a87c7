#!/usr/bin/env python3
"""Reference outputs for src/ops/denoise, computed offline with OpenCV and scikit-image.

Writes small noisy crops and what the reference libraries make of them into
fixtures/denoise-reference/, with reference.json naming each case: the op, its params as
ganpipe spells them, the reference call and the output file. test/ops/denoise/reference.test.ts
replays every case and states the tolerances. Only the outputs are committed, not the venv.

Setup (the default package index may be unreachable; these are local mirrors):
  python3 -m venv /tmp/dnvenv
  /tmp/dnvenv/bin/pip install --index-url file:///opt/pypi/simple \
      --extra-index-url file:///opt/pypi-more/simple opencv-python-headless scikit-image numpy
Run from the repository root:
  /tmp/dnvenv/bin/python scripts/denoise-reference.py [photos dir]

Images are RGB here and in ganpipe; OpenCV's colour calls get BGR and give BGR back.
Float outputs (TV) are raw little-endian float32, HWC, as `.f32`.
"""

import json
import os
import shutil
import sys

import cv2
import numpy as np
import skimage
from skimage.filters import threshold_otsu, unsharp_mask
from skimage.restoration import denoise_tv_chambolle

PHOTOS = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/photos'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'denoise-reference')
NOISE_SIGMA = 20
SEED = 20250101
# (top, left, height, width): the cameraman's head and camera; the astronaut's face and flag edge.
GRAY_CROP = (80, 216, 48, 48)
RGB_CROP = (96, 184, 32, 32)

# ganpipe's structuring-element shapes and OpenCV's names for them.
CV_SHAPE_NAMES = {'square': 'RECT', 'cross': 'CROSS', 'ellipse': 'ELLIPSE'}

cv2.setNumThreads(1)


def crop(img, box):
    top, left, h, w = box
    return img[top:top + h, left:left + w].copy()


def add_noise(img, rng):
    noisy = img.astype(np.float64) + rng.normal(0.0, NOISE_SIGMA, img.shape)
    return np.clip(np.round(noisy), 0, 255).astype(np.uint8)


def write_png(name, img):
    """Writes gray or RGB uint8 as PNG (OpenCV wants BGR)."""
    bgr = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    assert cv2.imwrite(os.path.join(OUT, name), bgr)
    return name


def write_f32(name, img):
    img.astype('<f4').tofile(os.path.join(OUT, name))
    return name


def bgr_call(fn, rgb):
    """Runs an OpenCV colour call on RGB data."""
    return cv2.cvtColor(fn(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)), cv2.COLOR_BGR2RGB)


def to_u8(x):
    return np.clip(np.round(x * 255.0), 0, 255).astype(np.uint8)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    camera = cv2.imread(os.path.join(PHOTOS, 'camera.png'), cv2.IMREAD_UNCHANGED)
    astronaut = cv2.cvtColor(cv2.imread(os.path.join(PHOTOS, 'astronaut.png'), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    assert camera.ndim == 2 and camera.shape == (512, 512)
    shutil.copyfile(os.path.join(PHOTOS, 'camera.png'), os.path.join(OUT, 'camera.png'))

    inputs = {
        'gray': add_noise(crop(camera, GRAY_CROP), rng),
        'rgb': add_noise(crop(astronaut, RGB_CROP), rng),
    }
    cases = []

    def case(name, op, inp, params, reference, output):
        cases.append({'name': name, 'op': op, 'input': inp, 'params': params, 'reference': reference, 'output': output})

    g, c = inputs['gray'], inputs['rgb']

    # Gaussian blur: sharp/libvips extends edges by copying, so the reference uses BORDER_REPLICATE.
    rep = cv2.BORDER_REPLICATE
    case('gaussian-gray-sigma', 'gaussianBlur', 'gray', {'sigma': 1.5},
         'cv2.GaussianBlur(src, (0, 0), 1.5, borderType=cv2.BORDER_REPLICATE)',
         write_png('gaussian-gray-sigma.png', cv2.GaussianBlur(g, (0, 0), 1.5, borderType=rep)))
    case('gaussian-gray-size', 'gaussianBlur', 'gray', {'size': 5},
         'cv2.GaussianBlur(src, (5, 5), 0, borderType=cv2.BORDER_REPLICATE)',
         write_png('gaussian-gray-size.png', cv2.GaussianBlur(g, (5, 5), 0, borderType=rep)))
    case('gaussian-rgb', 'gaussianBlur', 'rgb', {'sigma': 1},
         'cv2.GaussianBlur(src, (0, 0), 1, borderType=cv2.BORDER_REPLICATE)',
         write_png('gaussian-rgb.png', cv2.GaussianBlur(c, (0, 0), 1, borderType=rep)))

    case('median-gray', 'medianFilter', 'gray', {'radius': 1}, 'cv2.medianBlur(src, 3)',
         write_png('median-gray.png', cv2.medianBlur(g, 3)))
    case('median-rgb', 'medianFilter', 'rgb', {'radius': 2}, 'cv2.medianBlur(src, 5)',
         write_png('median-rgb.png', cv2.medianBlur(c, 5)))

    case('bilateral-gray', 'bilateralFilter', 'gray', {'sigmaColor': 50, 'sigmaSpace': 2},
         'cv2.bilateralFilter(src, -1, 50, 2)', write_png('bilateral-gray.png', cv2.bilateralFilter(g, -1, 50, 2)))
    case('bilateral-rgb', 'bilateralFilter', 'rgb', {'sigmaColor': 30, 'sigmaSpace': 3, 'radius': 2},
         'cv2.bilateralFilter(src, 5, 30, 3)', write_png('bilateral-rgb.png', cv2.bilateralFilter(c, 5, 30, 3)))

    case('nlm-gray', 'nlm', 'gray', {'h': 18}, 'cv2.fastNlMeansDenoising(src, None, 18, 7, 21)',
         write_png('nlm-gray.png', cv2.fastNlMeansDenoising(g, None, 18, 7, 21)))
    case('nlm-gray-small-windows', 'nlm', 'gray', {'h': 12, 'templateWindowSize': 5, 'searchWindowSize': 11},
         'cv2.fastNlMeansDenoising(src, None, 12, 5, 11)',
         write_png('nlm-gray-small-windows.png', cv2.fastNlMeansDenoising(g, None, 12, 5, 11)))
    case('nlm-rgb', 'nlm', 'rgb', {'h': 18, 'hColor': 15},
         'cv2.fastNlMeansDenoisingColored(bgr, None, 18, 15, 7, 21)',
         write_png('nlm-rgb.png', bgr_call(lambda bgr: cv2.fastNlMeansDenoisingColored(bgr, None, 18, 15, 7, 21), c)))

    # TV: uint8 input becomes float64 in [0, 1] (img_as_float); ganpipe's float path gets src / 255.
    case('tv-gray', 'tvDenoise', 'gray', {'weight': 0.07},
         'skimage.restoration.denoise_tv_chambolle(src, weight=0.07)',
         write_f32('tv-gray.f32', denoise_tv_chambolle(g, weight=0.07)))
    case('tv-rgb', 'tvDenoise', 'rgb', {'weight': 0.1, 'eps': 1e-3, 'maxIterations': 50},
         'skimage.restoration.denoise_tv_chambolle(src, weight=0.1, eps=1e-3, max_num_iter=50, channel_axis=-1)',
         write_f32('tv-rgb.f32', denoise_tv_chambolle(c, weight=0.1, eps=1e-3, max_num_iter=50, channel_axis=-1)))

    # Morphology: OpenCV's default border ignores pixels outside the image.
    shapes = {name: getattr(cv2, f'MORPH_{cv}') for name, cv in CV_SHAPE_NAMES.items()}
    ops = {'erode': cv2.MORPH_ERODE, 'dilate': cv2.MORPH_DILATE, 'open': cv2.MORPH_OPEN, 'close': cv2.MORPH_CLOSE}
    for operation, shape, size, inp in [('erode', 'ellipse', 5, 'gray'), ('dilate', 'cross', 3, 'gray'),
                                        ('open', 'square', 3, 'gray'), ('close', 'ellipse', 7, 'gray'),
                                        ('erode', 'square', 5, 'rgb'), ('close', 'cross', 5, 'rgb')]:
        name = f'morphology-{operation}-{shape}{size}-{inp}'
        kernel = cv2.getStructuringElement(shapes[shape], (size, size))
        case(name, 'morphology', inp, {'operation': operation, 'shape': shape, 'size': size},
             f'cv2.morphologyEx(src, cv2.MORPH_{operation.upper()}, '
             f'cv2.getStructuringElement(cv2.MORPH_{CV_SHAPE_NAMES[shape]}, ({size}, {size})))',
             write_png(f'{name}.png', cv2.morphologyEx(inputs[inp], ops[operation], kernel)))

    # Unsharp mask: skimage works on src / 255 and clips to [0, 1]; stored rounded to uint8.
    # channel_axis=2, not -1: skimage 0.26's unsharp_mask slices axis 0 when given -1.
    case('unsharp-gray', 'unsharpMask', 'gray', {'sigma': 1, 'amount': 1},
         'round(255 * skimage.filters.unsharp_mask(src, radius=1, amount=1))',
         write_png('unsharp-gray.png', to_u8(unsharp_mask(g, radius=1, amount=1))))
    case('unsharp-rgb', 'unsharpMask', 'rgb', {'sigma': 2, 'amount': 0.7},
         'round(255 * skimage.filters.unsharp_mask(src, radius=2, amount=0.7, channel_axis=2))',
         write_png('unsharp-rgb.png', to_u8(unsharp_mask(c, radius=2, amount=0.7, channel_axis=2))))

    otsu, mask = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    case('threshold-otsu-gray', 'threshold', 'gray', {'level': 'otsu'},
         'cv2.threshold(src, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)', write_png('threshold-otsu-gray.png', mask))
    _, mask100 = cv2.threshold(g, 100, 255, cv2.THRESH_BINARY)
    case('threshold-100-gray', 'threshold', 'gray', {'level': 100},
         'cv2.threshold(src, 100, 255, cv2.THRESH_BINARY)', write_png('threshold-100-gray.png', mask100))

    # One string per row, '1' where the element is set.
    elements = {f'{shape}{size}': [''.join(str(v) for v in row) for row in cv2.getStructuringElement(code, (size, size))]
                for shape, code in shapes.items() for size in (1, 3, 5, 7, 9, 11)}

    meta = {
        'generator': 'scripts/denoise-reference.py',
        'versions': {'opencv': cv2.__version__, 'scikit-image': skimage.__version__, 'numpy': np.__version__},
        'noise': {'sigma': NOISE_SIGMA, 'seed': SEED, 'rng': 'numpy.random.default_rng(seed).normal, rounded, clipped'},
        'inputs': {
            'gray': {'file': write_png('gray.png', g), 'source': 'camera.png', 'crop': GRAY_CROP, 'channels': 1},
            'rgb': {'file': write_png('rgb.png', c), 'source': 'astronaut.png', 'crop': RGB_CROP, 'channels': 3},
        },
        'otsu': {
            'gray': {'cv2': float(otsu), 'skimageFloat': float(threshold_otsu(g.astype(np.float32) / 255))},
        },
        'structuringElements': elements,
        'cases': cases,
    }
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(meta, f, indent=1)
        f.write('\n')
    print(f'{len(cases)} cases written to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
