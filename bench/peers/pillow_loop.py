#!/usr/bin/env python3
"""Pillow peer: the shared work (peer_common.py) in a plain single-process loop, no workers.
Prints one JSON line; run bench/peers/run.ts rather than this directly."""
import numpy as np
import PIL

from peer_common import BATCH, EpochMeter, emit, list_files, parse_args, pillow_transform, row

args = parse_args('Pillow single-process peer')
files = list_files(args.images)

epochs = []
for epoch in range(args.epochs):
    meter = EpochMeter()
    for start in range(0, len(files), BATCH):
        meter.add(np.stack([pillow_transform(f, epoch, start + i) for i, f in enumerate(files[start:start + BATCH])]))
    epochs.append(meter.result())

emit('pillow', {'pillow': PIL.__version__, 'numpy': np.__version__}, [row('Pillow loop, 1 process', epochs)])
