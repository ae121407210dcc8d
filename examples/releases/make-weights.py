#!/usr/bin/env python3
"""Writes open-model/model.safetensors: a tiny, valid safetensors file.

One 2x2 linear layer (weight and bias, float32), so the example release has
real weights that every safetensors reader accepts. The output is
deterministic: running this again gives the same bytes (and SHA-256).

Usage: python3 make-weights.py [OUTPUT]   (default: open-model/model.safetensors
next to this script)
"""
import json
import os
import struct
import sys


def tensors():
    weight = [0.5, -0.25, 0.125, 1.0]  # row-major 2x2
    bias = [0.0, 0.5]
    return [("linear.bias", [2], bias), ("linear.weight", [2, 2], weight)]


def safetensors_bytes():
    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name, shape, values in tensors():
        raw = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape,
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned
    return struct.pack("<Q", len(text)) + text + data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "open-model", "model.safetensors")
    with open(out, "wb") as f:
        f.write(safetensors_bytes())


if __name__ == "__main__":
    main()
