"""Keras reference for `npm run bench:gan`: median ms per GAN training step in TensorFlow/Keras.

Models (the same ones ganpipe times in bench/ganSteps.ts):
  tutorial-dcgan  TensorFlow's DCGAN tutorial (tensorflow.org/tutorials/generative/dcgan), batch 64,
                  BCE from logits, Adam 1e-4 for both networks (tfjs twin: bench/tutorialDcgan.ts).
  mlp-gan         the book's MLP GAN (ganpipe's built-in `mlp-gan`), batch 128, BCE on
                  probabilities with real labels 0.9, Adam(2e-4, beta1 0.5).

Steps, both compiled with tf.function and returning their losses (fetched with .numpy(), as the
tfjs step reads its metrics):
  one-pass  the tutorial's train_step: one generator forward pass under two GradientTapes.
  two-pass  a D update on fakes made outside the tape, then a G update on fresh noise
            (G forward twice, D's backward pass with respect to G's input only in G's update).

Prints one JSON object. Setup and run:
  python3 -m venv bench/.venv-keras && bench/.venv-keras/bin/pip install tensorflow-cpu==2.21.0
  bench/.venv-keras/bin/python bench/peers/keras_gan.py --steps 30
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.keras import layers  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "mnist" / "images-idx3-ubyte.gz"
LATENT = 100


def mnist() -> np.ndarray:
    """The fixture's MNIST images in [-1, 1], shape [N, 28, 28, 1] (as ganpipe's normalize stage)."""
    raw = gzip.decompress(FIXTURE.read_bytes())
    n, h, w = (int.from_bytes(raw[i : i + 4], "big") for i in (4, 8, 12))
    x = np.frombuffer(raw, np.uint8, offset=16).reshape(n, h, w, 1).astype(np.float32)
    return x / 127.5 - 1


def tutorial_dcgan():
    g = tf.keras.Sequential(
        [
            layers.Input((LATENT,)),
            layers.Dense(7 * 7 * 256, use_bias=False),
            layers.BatchNormalization(),
            layers.LeakyReLU(),
            layers.Reshape((7, 7, 256)),
            layers.Conv2DTranspose(128, 5, strides=1, padding="same", use_bias=False),
            layers.BatchNormalization(),
            layers.LeakyReLU(),
            layers.Conv2DTranspose(64, 5, strides=2, padding="same", use_bias=False),
            layers.BatchNormalization(),
            layers.LeakyReLU(),
            layers.Conv2DTranspose(1, 5, strides=2, padding="same", use_bias=False, activation="tanh"),
        ]
    )
    d = tf.keras.Sequential(
        [
            layers.Input((28, 28, 1)),
            layers.Conv2D(64, 5, strides=2, padding="same"),
            layers.LeakyReLU(),
            layers.Dropout(0.3),
            layers.Conv2D(128, 5, strides=2, padding="same"),
            layers.LeakyReLU(),
            layers.Dropout(0.3),
            layers.Flatten(),
            layers.Dense(1),
        ]
    )
    bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
    return dict(g=g, d=d, bce=bce, real_label=1.0, lr=1e-4, beta1=0.9, batch=64)


def mlp_gan():
    g = tf.keras.Sequential([layers.Input((LATENT,))])
    for units in (256, 512, 1024):
        g.add(layers.Dense(units))
        g.add(layers.LeakyReLU(0.2))
        g.add(layers.BatchNormalization(momentum=0.8))
    g.add(layers.Dense(28 * 28, activation="tanh"))
    g.add(layers.Reshape((28, 28, 1)))
    d = tf.keras.Sequential([layers.Input((28, 28, 1)), layers.Flatten()])
    for units in (1024, 512, 256):
        d.add(layers.Dense(units))
        d.add(layers.LeakyReLU(0.2))
    d.add(layers.Dense(1, activation="sigmoid"))
    bce = tf.keras.losses.BinaryCrossentropy(from_logits=False)
    return dict(g=g, d=d, bce=bce, real_label=0.9, lr=2e-4, beta1=0.5, batch=128)


def steps(m):
    g, d, bce, real_label = m["g"], m["d"], m["bce"], m["real_label"]
    g_opt = tf.keras.optimizers.Adam(m["lr"], beta_1=m["beta1"])
    d_opt = tf.keras.optimizers.Adam(m["lr"], beta_1=m["beta1"])
    n = m["batch"]

    def d_loss_of(real_out, fake_out):
        return bce(tf.fill(tf.shape(real_out), real_label), real_out) + bce(tf.zeros_like(fake_out), fake_out)

    @tf.function
    def one_pass(images):
        noise = tf.random.normal([n, LATENT])
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = g(noise, training=True)
            real_out = d(images, training=True)
            fake_out = d(fake, training=True)
            g_loss = bce(tf.ones_like(fake_out), fake_out)
            d_loss = d_loss_of(real_out, fake_out)
        g_opt.apply_gradients(zip(g_tape.gradient(g_loss, g.trainable_variables), g.trainable_variables))
        d_opt.apply_gradients(zip(d_tape.gradient(d_loss, d.trainable_variables), d.trainable_variables))
        return d_loss, g_loss

    @tf.function
    def two_pass(images):
        fake = g(tf.random.normal([n, LATENT]), training=True)
        with tf.GradientTape() as d_tape:
            d_loss = d_loss_of(d(images, training=True), d(fake, training=True))
        d_opt.apply_gradients(zip(d_tape.gradient(d_loss, d.trainable_variables), d.trainable_variables))
        with tf.GradientTape() as g_tape:
            fake_out = d(g(tf.random.normal([n, LATENT]), training=True), training=True)
            g_loss = bce(tf.ones_like(fake_out), fake_out)
        g_opt.apply_gradients(zip(g_tape.gradient(g_loss, g.trainable_variables), g.trainable_variables))
        return d_loss, g_loss

    return {"one_pass": one_pass, "two_pass": two_pass}


class Runner:
    """Models and compiled steps, built once per (model, step kind) and kept warm between calls."""

    builders = {"tutorial-dcgan": tutorial_dcgan, "mlp-gan": mlp_gan}

    def __init__(self):
        self.data = mnist()
        self.steps = {}
        self.cursor = 0

    def time(self, model, kind, count, warmup=0):
        """ms of each of `count` steps after `warmup` untimed ones, on consecutive fixture batches."""
        if (model, kind) not in self.steps:
            m = self.builders[model]()
            self.steps[model, kind] = (steps(m)[kind], m["batch"])
        step, batch = self.steps[model, kind]
        times = []
        for i in range(warmup + count):
            lo = self.cursor % (len(self.data) - batch)
            self.cursor += batch
            images = tf.constant(self.data[lo : lo + batch])
            t0 = time.perf_counter()
            d_loss, g_loss = step(images)
            d_loss.numpy(), g_loss.numpy()
            if i >= warmup:
                times.append((time.perf_counter() - t0) * 1000)
        return times


def info():
    return {
        "tensorflow": tf.__version__,
        "keras": getattr(tf.keras, "__version__", None),
        "intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
        "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads(),
        "cpus": os.cpu_count(),
    }


def serve(runner):
    """One JSON request per stdin line, {"model", "kind", "steps", "warmup"}; one JSON reply line with the times."""
    print(json.dumps(info()), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        times = runner.time(req["model"], req["kind"], req["steps"], req.get("warmup", 0))
        print(json.dumps({"times": [round(t, 3) for t in times]}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--models", default="tutorial-dcgan,mlp-gan")
    ap.add_argument("--serve", action="store_true", help="answer timing requests on stdin (bench/ganSteps.ts interleaves them with tfjs)")
    args = ap.parse_args()
    tf.random.set_seed(1)
    runner = Runner()
    if args.serve:
        return serve(runner)
    results = []
    for name in args.models.split(","):
        row = {"model": name, "batch": Runner.builders[name]()["batch"]}
        for kind in ("one_pass", "two_pass"):
            row[f"{kind}_ms"] = round(statistics.median(runner.time(name, kind, args.steps, args.warmup)), 2)
        results.append(row)
    print(json.dumps({**info(), "steps": args.steps, "warmup": args.warmup, "results": results}))


if __name__ == "__main__":
    main()
