#!/usr/bin/env python3
"""Regenerates the golden .npy and .safetensors files the runtime's io tests read.

Run from anywhere with a Python that has numpy and torch (torch only rounds floats to bfloat16):
    python3 tools/make_io_fixtures.py
The files go to runtime/src/test/resources/io/. The tests themselves never need Python.

.npy files come from numpy.save itself. The safetensors package is not needed: its format is
simple (8-byte little-endian header length, JSON header, data), so the files are assembled here
by hand, in the byte layout of the reference Rust implementation (compact JSON, header padded
with spaces to a multiple of 8).
"""
import io
import json
import pathlib
import struct

import numpy as np
import torch

OUT = pathlib.Path(__file__).resolve().parent.parent / "runtime/src/test/resources/io"


def save_npy(name, array, version=None):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, array)
    else:
        np.lib.format.write_array(buf, array, version=version)
    (OUT / name).write_bytes(buf.getvalue())


def safetensors_bytes(tensors, metadata=None, data_order=None):
    """tensors: list of (name, dtype, shape, raw bytes) in header order.

    data_order: the names in the order their bytes are stored (default: header order)."""
    raw = {name: data for name, _, _, data in tensors}
    offsets, pos = {}, 0
    for name in data_order or [t[0] for t in tensors]:
        offsets[name] = [pos, pos + len(raw[name])]
        pos += len(raw[name])
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, _ in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": offsets[name]}
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    data = b"".join(raw[name] for name in data_order or [t[0] for t in tensors])
    return struct.pack("<Q", len(text)) + text + data


def bf16_bytes(values):
    return torch.tensor(values, dtype=torch.float32).to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()


def bf16_as_f32(values):
    return torch.tensor(values, dtype=torch.float32).to(torch.bfloat16).to(torch.float32).numpy()


def main():
    OUT.mkdir(parents=True, exist_ok=True)

    # --- .npy, written by numpy ---
    save_npy("f4_2x3.npy", np.arange(6, dtype="<f4").reshape(2, 3) * np.float32(0.5) - np.float32(1))
    save_npy("f4_be_2x2.npy", np.array([[1.5, -2.0], [3.25, 1e-3]], dtype=">f4"))
    save_npy("f8_4.npy", np.array([0.1, 1e300, -2.5, 1e-50], dtype="<f8"))
    save_npy("f2_5.npy", np.array([1, -2, 65504, 2.0**-24, np.inf], dtype="<f2"))
    save_npy("i8_2x2.npy", np.array([[-(2**62), 0], [1, 2**62 + 3]], dtype="<i8"))
    save_npy("i8_3.npy", np.array([5, -6, 7], dtype="<i8"))
    save_npy("i8_be_3.npy", np.array([1, -2, 2**40], dtype=">i8"))
    save_npy("i4_4.npy", np.array([-(2**31), -1, 0, 2**31 - 1], dtype="<i4"))
    save_npy("u1_2x2.npy", np.array([[0, 1], [128, 255]], dtype="u1"))
    save_npy("b1_3.npy", np.array([True, False, True]))
    save_npy("scalar_f4.npy", np.array(3.5, dtype="<f4"))
    save_npy("scalar_i8.npy", np.array(-7, dtype="<i8"))
    save_npy("empty_0x3.npy", np.zeros((0, 3), dtype="<f4"))
    save_npy("f4_1x2x1x2.npy", np.array([0.25, -0.0, 1e-45, 3e38], dtype="<f4").reshape(1, 2, 1, 2))
    save_npy("v2_f4_4.npy", np.arange(4, dtype="<f4"), version=(2, 0))
    save_npy("v3_f4_4.npy", np.arange(4, dtype="<f4"), version=(3, 0))
    save_npy("fortran_f4_2x3.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))

    # --- safetensors with every readable dtype; data stored in reverse header order ---
    half = np.array([1, -2, 65504, 2.0**-24, 2.0**-14, np.inf, -np.inf, np.nan, -0.0], dtype="<f2").reshape(3, 3)
    brain = [1.0, -2.5, 3.0e38, float("inf"), float("-inf"), float("nan"), 1e-40]
    double = np.array([[0.1, -1e300], [1e-50, 3.0]], dtype="<f8")
    int32 = np.array([-(2**31), 0, 2**31 - 1], dtype="<i4")
    int64 = np.array([-(2**63), 2**63 - 1], dtype="<i8")
    u8 = np.array([0, 255], dtype="u1")
    mask = np.array([True, False, True])
    mixed = [
        ("half", "F16", half.shape, half.tobytes()),
        ("brain", "BF16", [7], bf16_bytes(brain)),
        ("double", "F64", double.shape, double.tobytes()),
        ("int32", "I32", int32.shape, int32.tobytes()),
        ("int64", "I64", int64.shape, int64.tobytes()),
        ("float", "F32", [], np.array(42.5, dtype="<f4").tobytes()),
        ("empty", "F32", [0, 4], b""),
        ("bytes", "U8", u8.shape, u8.tobytes()),
        ("mask", "BOOL", mask.shape, mask.tobytes()),
    ]
    names = [t[0] for t in mixed]
    (OUT / "mixed.safetensors").write_bytes(safetensors_bytes(
        mixed, metadata={"format": "pt", "note": "ünïcødé ✓"}, data_order=names[::-1]))

    # The same values as numpy/torch convert them: floats to float32, integers to int64.
    def as_f32(a):
        with np.errstate(over="ignore"):  # -1e300 becomes -inf, as intended
            return a.astype("<f4")

    expected = {
        "half": as_f32(half), "brain": bf16_as_f32(brain).astype("<f4"), "double": as_f32(double),
        "int32": int32.astype("<i8"), "int64": int64, "float": np.array(42.5, dtype="<f4"),
        "empty": np.zeros((0, 4), dtype="<f4"), "bytes": as_f32(u8), "mask": as_f32(mask),
    }
    (OUT / "mixed.expected.safetensors").write_bytes(safetensors_bytes([
        (name, "F32" if a.dtype == np.float32 else "I64", a.shape, a.tobytes())
        for name, a in sorted(expected.items())]))

    # --- what tnet's writer must produce byte for byte: sorted names, sorted metadata first ---
    written = {
        "b.weight": np.arange(6, dtype="<f4").reshape(2, 3) * np.float32(0.25),
        "a.bias": np.array([1.0, -1.0, 0.5], dtype="<f4"),
        "c.index": np.array([[0, 1], [-2, 2**40]], dtype="<i8"),
        "d.scalar": np.array(-3.75, dtype="<f4"),
        "e.empty": np.zeros((0,), dtype="<i8"),
    }
    (OUT / "written.safetensors").write_bytes(safetensors_bytes(
        [(name, "F32" if a.dtype == np.float32 else "I64", a.shape, a.tobytes()) for name, a in sorted(written.items())],
        metadata=dict(sorted({"format": "pt", "z": "last", "a": "first ✓"}.items()))))


if __name__ == "__main__":
    main()
