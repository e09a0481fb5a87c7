#!/usr/bin/env python3
"""Reference outputs for the augmentation ops (src/ops/augment), computed with OpenCV.

Writes into fixtures/augment-reference/:
  input.png   32x24 RGB crop of fixtures/messy/cats/img_00.jpg (x=48, y=16)
  gray.png    the same crop as 8-bit gray (cv2.COLOR_RGB2GRAY)
  <case>.png  one uint8 output per case
  cases.json  the cases: op name, input file, the op's params (as the TS op takes them), output
              file, and the OpenCV / numpy versions that made them
test/ops/augment/reference.test.ts runs the TS op on each input and compares.

Run offline, from the repository root, with a throwaway venv (never committed):
  python3 -m venv /tmp/augvenv
  /tmp/augvenv/bin/pip install --index-url file:///opt/pypi/simple \
      --extra-index-url file:///opt/pypi-more/simple opencv-python-headless numpy
  /tmp/augvenv/bin/python scripts/augment-reference.py

How each reference is made, and what it checks:
  rotate       cv2.getRotationMatrix2D(((w-1)/2, (h-1)/2), angle, 1) + cv2.warpAffine.
  affine       torchvision's _get_inverse_affine_matrix, ported below, with the angle negated
               (torchvision's affine angle is clockwise, ours counter-clockwise), applied with
               cv2.warpAffine(WARP_INVERSE_MAP). This checks our composition order independently,
               not just the warp.
  perspective  cv2.getPerspectiveTransform(image corners, corners) + cv2.warpPerspective.
  gaussianBlur cv2.GaussianBlur(img, (0, 0), sigma) (default kernel size and reflect-101 border).
  elastic      OpenCV has no elastic op, and numpy cannot reproduce seedrandom, so the raw random
               field (uniform in [-1, 1), drawn by TS `elasticNoise(w, h, seed)`) is exported from
               TS (via `npx tsx`, into a temp file) and everything after it is done here with the
               formula of Simard et al.: cv2.GaussianBlur(field, (0, 0), sigma) * alpha, added to
               the pixel grid, then cv2.remap. So the smoothing, scaling and remap are checked
               against OpenCV; only the random draw comes from TS.
Border names: 'constant' = BORDER_CONSTANT, 'reflect' = BORDER_REFLECT_101, 'edge' = BORDER_REPLICATE.
Images are handled as RGB throughout (converted on read/write), so per-channel fill values
are in the same order as in TS.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import cv2
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT = os.path.join(ROOT, 'fixtures', 'augment-reference')
SOURCE = os.path.join(ROOT, 'fixtures', 'messy', 'cats', 'img_00.jpg')
CROP = (48, 16, 32, 24)  # x, y, width, height

BORDER = {'constant': cv2.BORDER_CONSTANT, 'reflect': cv2.BORDER_REFLECT_101, 'edge': cv2.BORDER_REPLICATE}
INTER = {'nearest': cv2.INTER_NEAREST, 'bilinear': cv2.INTER_LINEAR}


def sampling(img, params):
    """flags, borderMode and borderValue for the TS SamplingOptions (defaults: bilinear, constant, 0)."""
    fill = params.get('fillValue', 0)
    channels = 1 if img.ndim == 2 else img.shape[2]
    values = [fill] * channels if isinstance(fill, (int, float)) else list(fill)
    return (INTER[params.get('interpolation', 'bilinear')], BORDER[params.get('border', 'constant')],
            tuple(float(v) for v in values) + (0.0,) * (4 - channels))


def centre(img):
    h, w = img.shape[:2]
    return ((w - 1) / 2, (h - 1) / 2)


def rotate(img, p):
    flags, border, value = sampling(img, p)
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D(centre(img), p['angle'], 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=flags, borderMode=border, borderValue=value)


def torchvision_inverse_affine(center, angle, translate, scale, shear):
    """torchvision.transforms.functional._get_inverse_affine_matrix (inverted=True), ported."""
    rot = math.radians(angle)
    sx, sy = math.radians(shear[0]), math.radians(shear[1])
    cx, cy = center
    tx, ty = translate
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    m = [d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0]
    m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty)
    m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty)
    m[2] += cx
    m[5] += cy
    return np.array(m, np.float64).reshape(2, 3)


def affine(img, p):
    flags, border, value = sampling(img, p)
    h, w = img.shape[:2]
    m = torchvision_inverse_affine(centre(img), -p.get('angle', 0), p.get('translate', [0, 0]),
                                   p.get('scale', 1), p.get('shear', [0, 0]))
    return cv2.warpAffine(img, m, (w, h), flags=flags | cv2.WARP_INVERSE_MAP, borderMode=border, borderValue=value)


def perspective(img, p):
    flags, border, value = sampling(img, p)
    h, w = img.shape[:2]
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    m = cv2.getPerspectiveTransform(src, np.float32(p['corners']))
    return cv2.warpPerspective(img, m, (w, h), flags=flags, borderMode=border, borderValue=value)


def gaussian_blur(img, p):
    return cv2.GaussianBlur(img, (0, 0), p['sigma'])


def ts_noise(width, height, seed):
    """The raw field of TS elasticNoise(width, height, seed): two float32 planes, x then y."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'noise.f32')
        script = os.path.join(tmp, 'dump.ts')
        with open(script, 'w') as f:
            f.write(
                f"import {{ writeFileSync }} from 'node:fs';\n"
                f"import {{ elasticNoise }} from {json.dumps(os.path.join(ROOT, 'src/ops/augment/elastic.ts'))};\n"
                f"const {{ dx, dy }} = elasticNoise({width}, {height}, {seed});\n"
                f"writeFileSync({json.dumps(path)}, Buffer.concat([Buffer.from(dx.buffer), Buffer.from(dy.buffer)]));\n")
        subprocess.run(['npx', 'tsx', script], cwd=ROOT, check=True)
        planes = np.fromfile(path, dtype='<f4').reshape(2, height, width)
    return planes[0], planes[1]


def elastic(img, p):
    flags, border, value = sampling(img, p)
    h, w = img.shape[:2]
    nx, ny = ts_noise(w, h, p['seed'])
    # Simard et al.: smooth each uniform field with a Gaussian of sigma, scale by alpha.
    dx = cv2.GaussianBlur(nx, (0, 0), p['sigma']) * np.float32(p['alpha'])
    dy = cv2.GaussianBlur(ny, (0, 0), p['sigma']) * np.float32(p['alpha'])
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(img, gx + dx, gy + dy, flags, borderMode=border, borderValue=value)


OPS = {'rotate': rotate, 'affine': affine, 'perspective': perspective, 'gaussianBlur': gaussian_blur, 'elastic': elastic}

CASES = [
    ('rotate-30-bilinear', 'rotate', 'input', {'angle': 30}),
    ('rotate-m40-nearest-reflect', 'rotate', 'input', {'angle': -40, 'interpolation': 'nearest', 'border': 'reflect'}),
    ('rotate-17.5-edge-gray', 'rotate', 'gray', {'angle': 17.5, 'border': 'edge'}),
    ('rotate-90-nearest-fill', 'rotate', 'input', {'angle': 90, 'interpolation': 'nearest', 'fillValue': [255, 128, 0]}),
    ('affine-bilinear-fill', 'affine', 'input',
     {'angle': 20, 'translate': [3, -2], 'scale': 1.1, 'shear': [10, 5], 'fillValue': [10, 20, 30]}),
    ('affine-nearest-edge-gray', 'affine', 'gray',
     {'angle': -10, 'translate': [1.5, 2.25], 'scale': 0.9, 'shear': [0, 15], 'interpolation': 'nearest', 'border': 'edge'}),
    ('affine-bilinear-reflect', 'affine', 'input',
     {'angle': 35, 'translate': [-4, 1], 'scale': 0.8, 'shear': [-12, 0], 'border': 'reflect'}),
    ('perspective-bilinear', 'perspective', 'input', {'corners': [[2, 1], [29, 3], [31, 22.5], [0.5, 20]]}),
    ('perspective-nearest-reflect', 'perspective', 'input',
     {'corners': [[-3, 2], [33, -1], [28, 23], [4, 21]], 'interpolation': 'nearest', 'border': 'reflect'}),
    # Simard's MNIST setting (about 1.4 px of displacement), and a stronger one (about 4 px).
    ('elastic-bilinear', 'elastic', 'input', {'alpha': 34, 'sigma': 4, 'seed': 7}),
    ('elastic-reflect-gray', 'elastic', 'gray', {'alpha': 60, 'sigma': 2.5, 'seed': 123, 'border': 'reflect'}),
    ('gaussianBlur-1.2', 'gaussianBlur', 'input', {'sigma': 1.2}),
]


def write_png(name, img):
    bgr = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    cv2.imwrite(os.path.join(OUT, name), bgr, [cv2.IMWRITE_PNG_COMPRESSION, 9])


def main():
    os.makedirs(OUT, exist_ok=True)
    x, y, w, h = CROP
    rgb = cv2.cvtColor(cv2.imread(SOURCE, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)[y:y + h, x:x + w].copy()
    inputs = {'input': rgb, 'gray': cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)}
    for name, img in inputs.items():
        write_png(f'{name}.png', img)
    cases = []
    for name, op, source, params in CASES:
        out = OPS[op](inputs[source], params)
        write_png(f'{name}.png', out)
        cases.append({'name': name, 'op': op, 'input': f'{source}.png', 'params': params, 'output': f'{name}.png'})
    meta = {
        'generatedBy': 'scripts/augment-reference.py',
        'opencv': cv2.__version__,
        'numpy': np.__version__,
        'source': {'file': 'fixtures/messy/cats/img_00.jpg', 'crop': dict(zip(['x', 'y', 'width', 'height'], CROP))},
        'cases': cases,
    }
    with open(os.path.join(OUT, 'cases.json'), 'w') as f:
        json.dump(meta, f, indent=2)
        f.write('\n')
    print(f'wrote {len(cases)} cases to {os.path.relpath(OUT, ROOT)} (OpenCV {cv2.__version__})', file=sys.stderr)


if __name__ == '__main__':
    main()
