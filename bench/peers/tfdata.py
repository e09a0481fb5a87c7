#!/usr/bin/env python3
"""tf.data peer: the shared work (peer_common.py) as a tf.data pipeline.

Rows: deterministic and non-deterministic (num_parallel_calls and prefetch AUTOTUNE), the
deterministic one again with `.cache()` after decode+resize (so epoch 2 only augments), and
two decode-only ceilings: full `tf.io.decode_jpeg` and `decode_jpeg(ratio=4)` (libjpeg's
DCT-scaled decode). Prints one JSON line; run bench/peers/run.ts rather than this directly.
"""
import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import tensorflow as tf  # noqa: E402

from peer_common import BATCH, BRIGHTNESS, SEED, SIZE, EpochMeter, emit, list_files, parse_args, row  # noqa: E402

AUTOTUNE = tf.data.AUTOTUNE


args = parse_args('tf.data peer')
files = list_files(args.images)
epoch_var = tf.Variable(0, dtype=tf.int64, trainable=False)


def decode_resize(path, index, method='lanczos3', antialias=True):
    img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
    shape = tf.cast(tf.shape(img)[:2], tf.float32)
    scale = SIZE / tf.reduce_min(shape)
    resized = tf.image.resize(img, tf.maximum(SIZE, tf.cast(tf.round(shape * scale), tf.int32)),
                              method=method, antialias=antialias)
    top_left = (tf.shape(resized)[:2] - SIZE) // 2
    # Lanczos overshoots: clamp to the uint8 range, as sharp's 8-bit output does.
    crop = tf.clip_by_value(resized[top_left[0]:top_left[0] + SIZE, top_left[1]:top_left[1] + SIZE], 0, 255)
    return tf.ensure_shape(crop, (SIZE, SIZE, 3)), index


def augment_normalize(img, index):
    # Stateless draws keyed by (seed, epoch, index): independent of order and parallelism.
    u = tf.random.stateless_uniform([2], seed=tf.stack([epoch_var.read_value() * 1_000_003 + SEED, index]))
    img = tf.cond(u[0] < 0.5, lambda: tf.reverse(img, axis=[1]), lambda: img)
    img = tf.clip_by_value(img * (BRIGHTNESS[0] + (BRIGHTNESS[1] - BRIGHTNESS[0]) * u[1]), 0, 255)
    return img / 127.5 - 1


def source():
    return tf.data.Dataset.from_tensor_slices((files, tf.range(len(files), dtype=tf.int64)))


def pipeline(deterministic, cache, method='lanczos3', antialias=True):
    ds = source().map(lambda p, i: decode_resize(p, i, method, antialias), num_parallel_calls=AUTOTUNE, deterministic=deterministic)
    if cache:
        ds = ds.cache()
    ds = ds.map(augment_normalize, num_parallel_calls=AUTOTUNE, deterministic=deterministic)
    return ds.batch(BATCH).prefetch(AUTOTUNE)


def decode_only(ratio):
    def decode(path):
        return tf.shape(tf.io.decode_jpeg(tf.io.read_file(path), channels=3, ratio=ratio))
    return tf.data.Dataset.from_tensor_slices(files).map(decode, num_parallel_calls=AUTOTUNE, deterministic=False).batch(BATCH).prefetch(AUTOTUNE)


def run_epochs(ds, epochs, check=True):
    results = []
    for epoch in range(epochs):
        epoch_var.assign(epoch)
        meter = EpochMeter()
        for batch in ds:
            if check:
                meter.add(batch.numpy())
            else:  # shape batches: count images only
                meter.images += int(batch.shape[0])
        results.append(meter.result())
    return results


rows = [
    row('tf.data deterministic', run_epochs(pipeline(True, False), args.epochs), 'the reference'),
    row('tf.data non-deterministic', run_epochs(pipeline(False, False), args.epochs)),
    row('tf.data deterministic + cache()', run_epochs(pipeline(True, True), args.epochs), 'in-memory cache after decode+resize; epoch 2 reads it and augments'),
    row('tf.data deterministic, bilinear without antialias', run_epochs(pipeline(True, False, 'bilinear', False), args.epochs),
        "tf.image.resize's default filter: cheaper, aliased; not the same work"),
    row('tf decode_jpeg only (ceiling)', run_epochs(decode_only(1), args.epochs, check=False), 'full decode, nothing else'),
    row('tf decode_jpeg ratio=4 only (ceiling)', run_epochs(decode_only(4), args.epochs, check=False), 'DCT-scaled decode at 1/4, nothing else'),
]
emit('tf.data', {'tensorflow': tf.__version__, 'inter_op_threads': tf.config.threading.get_inter_op_parallelism_threads(),
                 'cpus': os.cpu_count()}, rows)
