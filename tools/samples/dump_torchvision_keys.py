"""Writes the state_dict key lists of the PyTorch models that samples/*.tnet mirror.

One name per line, in state_dict order, into frontend/src/test/resources/samples/<model>.keys,
and prints each model's trainable parameter count. SamplesTest compares the samples against them.
The models are torchvision's, nn.TransformerEncoderLayer, and for the two samples without a
torchvision model the PyTorch modules below: NiN, and the U-Net of github.com/milesial/Pytorch-UNet
(its unet_parts.py, restated). Needs Debian's python3-torch and python3-torchvision (0.14):

    /usr/bin/python3 tools/samples/dump_torchvision_keys.py
"""
import pathlib

import torch
import torchvision.models as tvm
from torch import nn

OUT = pathlib.Path(__file__).resolve().parents[2] / "frontend/src/test/resources/samples"


def transformer_encoder():
    return torch.nn.TransformerEncoderLayer(d_model=512, nhead=8, dim_feedforward=2048,
                                            activation="gelu", batch_first=True, norm_first=False)


def mlpconv(c_in, c1, c2, c3, kernel, padding):
    return nn.Sequential(nn.Conv2d(c_in, c1, kernel, padding=padding), nn.ReLU(),
                         nn.Conv2d(c1, c2, 1), nn.ReLU(), nn.Conv2d(c2, c3, 1), nn.ReLU())


class NiN(nn.Module):
    """Network in Network for CIFAR-10 (samples/nin.tnet)."""

    def __init__(self):
        super().__init__()
        self.block1 = mlpconv(3, 192, 160, 96, 5, 2)
        self.block2 = mlpconv(96, 192, 192, 192, 5, 2)
        self.block3 = mlpconv(192, 192, 192, 10, 3, 1)

    def forward(self, x):
        x = nn.functional.dropout(nn.functional.max_pool2d(self.block1(x), 3, 2, ceil_mode=True), 0.5, self.training)
        x = nn.functional.dropout(nn.functional.avg_pool2d(self.block2(x), 3, 2, ceil_mode=True), 0.5, self.training)
        return nn.functional.adaptive_avg_pool2d(self.block3(x), 1).flatten(1)


class DoubleConv(nn.Module):
    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        mid_channels = mid_channels or out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels), nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(nn.MaxPool2d(2), DoubleConv(in_channels, out_channels))

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    def __init__(self, in_channels, out_channels, bilinear):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        dy, dx = x2.size(2) - x1.size(2), x2.size(3) - x1.size(3)
        x1 = nn.functional.pad(x1, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])
        return self.conv(torch.cat([x2, x1], dim=1))


class UNet(nn.Module):
    """milesial/Pytorch-UNet's UNet (samples/unet.tnet)."""

    def __init__(self, n_channels=3, n_classes=2, bilinear=False, base=64):
        super().__init__()
        factor = 2 if bilinear else 1
        self.inc = DoubleConv(n_channels, base)
        self.down1 = Down(base, 2 * base)
        self.down2 = Down(2 * base, 4 * base)
        self.down3 = Down(4 * base, 8 * base)
        self.down4 = Down(8 * base, 16 * base // factor)
        self.up1 = Up(16 * base, 8 * base // factor, bilinear)
        self.up2 = Up(8 * base, 4 * base // factor, bilinear)
        self.up3 = Up(4 * base, 2 * base // factor, bilinear)
        self.up4 = Up(2 * base, base, bilinear)
        self.outc = nn.Module()
        self.outc.conv = nn.Conv2d(base, n_classes, kernel_size=1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x5 = self.down4(x4)
        x = self.up1(x5, x4)
        x = self.up2(x, x3)
        x = self.up3(x, x2)
        x = self.up4(x, x1)
        return self.outc.conv(x)


MODELS = {
    "alexnet": lambda: tvm.alexnet(),
    "vgg16": lambda: tvm.vgg16(),
    "googlenet": lambda: tvm.googlenet(aux_logits=False, transform_input=False, init_weights=False),
    "resnet18": lambda: tvm.resnet18(),
    "resnet50": lambda: tvm.resnet50(),
    "densenet121": lambda: tvm.densenet121(),
    "mobilenet_v2": lambda: tvm.mobilenet_v2(),
    "transformer_encoder": transformer_encoder,
    "nin": NiN,
    "unet": UNet,
    "unet_bilinear": lambda: UNet(bilinear=True),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in MODELS.items():
        m = make()
        keys = list(m.state_dict().keys())
        (OUT / f"{name}.keys").write_text("".join(k + "\n" for k in keys))
        count = sum(p.numel() for p in m.parameters())
        print(f"{name}: {len(keys)} keys, {count:,} trainable parameters")


if __name__ == "__main__":
    main()
