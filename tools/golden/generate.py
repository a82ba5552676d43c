"""Regenerates the conformance cases: /usr/bin/python3 tools/golden/generate.py

Needs Debian's python3-torch (apt-get install python3-torch). Writes
ir/src/test/resources/conformance/<family>.{json,safetensors}.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import golden  # noqa: E402

FAMILIES = ["spatial", "nn", "tensor"]


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    out = os.path.join(root, "ir", "src", "test", "resources", "conformance")
    os.makedirs(out, exist_ok=True)
    only = sys.argv[1:] or FAMILIES
    for name in only:
        module = __import__(name)
        fam = golden.Family(name, seed=FAMILIES.index(name) + 1)
        module.build(fam)
        fam.save(out)
        size = os.path.getsize(os.path.join(out, name + ".safetensors"))
        print(f"{name}: {len(fam.cases)} cases, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
