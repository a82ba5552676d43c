"""Golden conformance cases: PyTorch runs each op, we store inputs, params and outputs.

Every family module (spatial.py, nn.py, tensor.py) has a `build(fam)` that adds cases to a
`Family`. `generate.py` writes each family as two files under
ir/src/test/resources/conformance/: `<family>.json` (the manifest) and `<family>.safetensors`
(every tensor). The JUnit suite `ConformanceTest` replays them through the reference interpreter.

Numerics: inputs are drawn in float32 (so they are exactly representable), the reference is
computed by PyTorch in float64 unless a case asks for float32, and outputs are rounded to float32.
The interpreter accumulates in double, so the stated tolerance only covers the final rounding and
float32 intermediates; a case may widen it and must say why in `why`.
"""
import json
import struct

import torch

DEFAULT_ATOL = 1e-5
DEFAULT_RTOL = 1e-5


class Family:
    def __init__(self, name, seed=0):
        self.name = name
        self.cases = []
        self.tensors = {}
        self.names = set()
        torch.manual_seed(seed)

    def _tensor(self, key, t):
        t = t.detach().contiguous()
        if t.dtype in (torch.float16, torch.bfloat16, torch.float64):
            t = t.float()
        if t.dtype == torch.bool or t.dtype == torch.int32:
            t = t.long()
        assert t.dtype in (torch.float32, torch.int64), t.dtype
        self.tensors[key] = t
        return key

    def case(self, name, op, args, inputs, fn, params=(), atol=DEFAULT_ATOL, rtol=DEFAULT_RTOL,
             compute_dtype=torch.float64, why=None):
        """Adds a case: `fn(*inputs, *params)` computes the expected output(s) with PyTorch.

        `args` are the keyword arguments of the tnet op (PyTorch's names). `inputs` and `params`
        are tensors (float32 or int64); float ones are converted to `compute_dtype` for `fn`.
        """
        assert name not in self.names, "duplicate case " + name
        self.names.add(name)
        inputs = [t.detach() for t in inputs]
        params = [t.detach() for t in params]

        def conv(t):
            return t.to(compute_dtype) if t.is_floating_point() else t

        with torch.no_grad():
            out = fn(*[conv(t) for t in inputs], *[conv(t) for t in params])
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        entry = {
            "name": name,
            "op": op,
            "args": args,
            "inputs": [self._tensor(f"{name}.in{i}", t) for i, t in enumerate(inputs)],
            "params": [self._tensor(f"{name}.param{i}", t) for i, t in enumerate(params)],
            "outputs": [self._tensor(f"{name}.out{i}", t) for i, t in enumerate(outs)],
            "atol": atol,
            "rtol": rtol,
        }
        if why:
            entry["why"] = why
        self.cases.append(entry)

    def error(self, name, op, args, input_types, why):
        """Adds a case PyTorch refuses: tnet must raise an OpException (not any other exception).

        `input_types` is a list of ("f32" | "i64", [sizes]); `why` says what is wrong.
        """
        assert name not in self.names, "duplicate case " + name
        self.names.add(name)
        self.cases.append({"name": name, "op": op, "args": args,
                           "input_types": [[d, list(s)] for d, s in input_types], "error": why})

    def save(self, directory):
        with open(f"{directory}/{self.name}.json", "w") as f:
            json.dump({"family": self.name, "cases": self.cases}, f, indent=1)
            f.write("\n")
        write_safetensors(f"{directory}/{self.name}.safetensors", self.tensors)


def write_safetensors(path, tensors):
    header = {}
    chunks = []
    offset = 0
    for key in sorted(tensors):
        t = tensors[key]
        data = t.numpy().tobytes()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[key] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, dtype=torch.float32) * scale


def rand(*shape, low=0.0, high=1.0):
    return torch.rand(*shape, dtype=torch.float32) * (high - low) + low
