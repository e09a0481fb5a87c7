#!/usr/bin/env python3
"""torch peer: the shared work (peer_common.py, Pillow) in a torch DataLoader with worker
processes (default 2, one per core here), batch 64, default collate, no shuffling. Workers are
not persistent, so each epoch forks them anew (torch's default). Prints one JSON line; run
bench/peers/run.ts rather than this directly."""
import os

os.environ.setdefault('CUDA_VISIBLE_DEVICES', '')

import PIL  # noqa: E402
import torch  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402

from peer_common import BATCH, EpochMeter, emit, list_files, parse_args, pillow_transform, row  # noqa: E402


class Photos(Dataset):
    def __init__(self, files):
        self.files = files
        self.epoch = 0  # set before each epoch; workers fork with it

    def __len__(self):
        return len(self.files)

    def __getitem__(self, index):
        return torch.from_numpy(pillow_transform(self.files[index], self.epoch, index))


args = parse_args('torch DataLoader peer', lambda p: p.add_argument('--workers', type=int, default=2))
dataset = Photos(list_files(args.images))
loader = DataLoader(dataset, batch_size=BATCH, shuffle=False, num_workers=args.workers)

epochs = []
for epoch in range(args.epochs):
    dataset.epoch = epoch
    meter = EpochMeter()
    for batch in loader:
        meter.add(batch.numpy())
    epochs.append(meter.result())

emit('torch', {'torch': torch.__version__, 'pillow': PIL.__version__, 'workers': args.workers},
     [row(f'torch DataLoader, {args.workers} workers (Pillow)', epochs)])
