#!/usr/bin/python3
"""Writes PyTorch reference data for a width-reduced ResNet-18 to samples/resnet/.

How to run (from anywhere; a few seconds):

    apt-get install -y python3-torchvision python3-torch
    /usr/bin/python3 tools/resnet/export_resnet18_w8.py

`/usr/bin/python3` is Debian's Python (torch 1.13, torchvision 0.14, numpy); the default
`python3` may be a different interpreter without them. Re-running produces byte-identical files
(everything is seeded and torch runs single-threaded, so reductions happen in a fixed order).

Model: torchvision's ResNet-18 (`torchvision.models.resnet.ResNet` with `BasicBlock`, layers
[2, 2, 2, 2]) with every width divided by 8: stages of 8, 16, 32, 64 channels instead of
64, 128, 256, 512, and 10 classes. torchvision hard-codes those widths in `ResNet.__init__`, so
`ResNetW8` below subclasses `ResNet` and repeats its `__init__` with the widths as parameters,
building the stages with torchvision's own `_make_layer` and keeping torchvision's `forward`.
The script checks that the state_dict keys equal those of `torchvision.models.resnet18(
num_classes=10)` exactly (same names, same order) and that every shape is the full-width shape
with 64/128/256/512 divided by 8. A state_dict exported from PyTorch therefore loads into the
matching `.tnet` without renaming.

Parameters: torchvision's initialisation (seed 0), then every BatchNorm weight is redrawn uniform
in [0.5, 1.5] and every bias uniform in [-0.2, 0.2], and a few forward passes in train mode on
random (non-centred, non-unit-variance) data give non-default running_mean / running_var /
num_batches_tracked. The model is then put in eval mode. A wrong or swapped norm parameter or
a BatchNorm evaluated with batch statistics would change the logits.

Outputs in samples/resnet/:
    resnet18_w8.safetensors   the state_dict: float32 tensors, `num_batches_tracked` as I64
                              scalars (shape []); written by tools/golden/golden.py
                              `write_safetensors` (keys sorted, data contiguous)
    input.npy                 float32 [2, 3, 64, 64], seeded standard normal
    expected_logits.npy       float32 [2, 10], the float32 model in eval mode under no_grad
    expected_logits_f64.npy   float32 [2, 10], the same model in float64 (model.double()), rounded
                              to float32; it and expected_logits differ by float32 rounding only
                              (the maximum difference is printed)
"""
import copy
import json
import pathlib
import struct
import sys

import numpy as np
import torch
from torch import nn
import torchvision
from torchvision.models.resnet import BasicBlock, ResNet

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools/golden"))
from golden import write_safetensors  # noqa: E402

OUT = ROOT / "samples/resnet"
WIDTHS = (8, 16, 32, 64)
NUM_CLASSES = 10
INPUT_SHAPE = (2, 3, 64, 64)


class ResNetW8(ResNet):
    """torchvision's ResNet.__init__ with the stage widths as a parameter; forward is inherited."""

    def __init__(self, block, layers, widths, num_classes=1000):
        nn.Module.__init__(self)
        norm_layer = nn.BatchNorm2d
        self._norm_layer = norm_layer
        self.inplanes = widths[0]
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, widths[0], layers[0])
        self.layer2 = self._make_layer(block, widths[1], layers[1], stride=2)
        self.layer3 = self._make_layer(block, widths[2], layers[2], stride=2)
        self.layer4 = self._make_layer(block, widths[3], layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3] * block.expansion, num_classes)

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)


def n_params(model):
    return sum(p.numel() for p in model.parameters())


def check_against_torchvision(model):
    full = torchvision.models.resnet18(num_classes=NUM_CLASSES).state_dict()
    ours = model.state_dict()
    assert list(ours.keys()) == list(full.keys()), "state_dict keys differ from torchvision's"
    for k in full:
        want = [d // 8 if d in (64, 128, 256, 512) else d for d in full[k].shape]
        assert list(ours[k].shape) == want, (k, list(ours[k].shape), list(full[k].shape))
        assert ours[k].dtype == full[k].dtype, (k, ours[k].dtype, full[k].dtype)
    print(f"state_dict: {len(ours)} keys, identical names and order to torchvision resnet18")
    print(f"full-width torchvision resnet18() parameters: {n_params(torchvision.models.resnet18()):,}")


def read_safetensors(path):
    """Minimal reader, to check the written file round-trips."""
    data = path.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for k, v in header.items():
        dt = {"F32": np.float32, "I64": np.int64}[v["dtype"]]
        a, b = v["data_offsets"]
        out[k] = np.frombuffer(body[a:b], dtype=dt).reshape(v["shape"])
    return out


def save_npy(name, array):
    np.save(OUT / name, array)
    print(f"  {name}: {array.dtype} {list(array.shape)}")


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = ResNetW8(BasicBlock, [2, 2, 2, 2], WIDTHS, num_classes=NUM_CLASSES)
    check_against_torchvision(model)
    print(f"w/8 model parameters (model.parameters(), no buffers): {n_params(model):,}")

    # Non-trivial BatchNorm: random affine parameters, then running stats from train-mode passes.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
        model.train()
        for _ in range(5):
            model(torch.randn(4, *INPUT_SHAPE[1:]) * 1.5 + 0.3)
    model.eval()

    x = torch.randn(*INPUT_SHAPE, dtype=torch.float32)
    with torch.no_grad():
        logits = model(x)
        model64 = copy.deepcopy(model).double()
        logits64 = model64(x.double())
    diff = (logits.double() - logits64).abs().max().item()

    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    for k, v in state.items():
        assert v.dtype in (torch.float32, torch.int64), (k, v.dtype)
        if k.endswith("num_batches_tracked"):
            assert v.dtype == torch.int64 and v.shape == () and v.item() == 5, (k, v)
    defaults = [k for k, v in state.items()
                if (k.endswith("running_mean") and torch.all(v == 0))
                or (k.endswith("running_var") and torch.all(v == 1))]
    assert not defaults, defaults

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "resnet18_w8.safetensors"
    write_safetensors(path, state)
    back = read_safetensors(path)
    assert sorted(back) == sorted(state)
    for k, v in state.items():
        assert np.array_equal(back[k], v.numpy()) and back[k].shape == tuple(v.shape), k
    print(f"wrote {OUT}:")
    print(f"  resnet18_w8.safetensors: {len(state)} tensors")
    save_npy("input.npy", x.numpy())
    save_npy("expected_logits.npy", logits.numpy())
    save_npy("expected_logits_f64.npy", logits64.float().numpy())
    print("logits (float32):")
    print(logits.numpy())
    print(f"max |float32 - float64| of the logits: {diff:.3e}"
          f" (max |logit| {logits.abs().max().item():.3f})")


if __name__ == "__main__":
    main()
