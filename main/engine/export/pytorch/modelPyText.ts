/** The fixed parts of model.py: imports, the safetensors reader/writer, load/save, a __main__ demo. */

export const MODEL_PY_HEAD = (
  name: string,
  version: string,
) => `"""${name.replace(/"""/g, "'''")} — PyTorch code written by Deepwire ${version}.

Usage:
    from model import Model
    model = Model().load_weights()      # model.safetensors next to this file
    model.eval()
    y = model(x)                        # x: float32, channels-last (NHWC) like Deepwire's data

Weights live in model.safetensors, in PyTorch's layouts. The safetensors package reads it when it is
installed; otherwise the small reader below does (the format is an 8-byte header length, a JSON header
and the raw little-endian data).
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.safetensors")


def read_safetensors(path):
    """name → tensor, with the safetensors package when installed, else read here (float32 only)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {info['dtype']}; this reader only reads F32")
        begin, end = info["data_offsets"]
        raw = bytearray(data[8 + n + begin:8 + n + end])
        values = torch.frombuffer(raw, dtype=torch.float32) if raw else torch.zeros(0)
        tensors[name] = values.reshape(info["shape"])
    return tensors


def write_safetensors(tensors, path):
    """Writes name → tensor as float32 safetensors (the safetensors package when installed)."""
    tensors = {k: v.detach().to("cpu", torch.float32).contiguous() for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file
    except ImportError:
        save_file = None
    if save_file is not None:
        save_file(tensors, path)
        return
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        blob = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))

`;

export const MODEL_PY_IO = `    def load_weights(self, path=WEIGHTS):
        """Loads model.safetensors (or another file with the same names); returns the model."""
        missing, unexpected = self.load_state_dict(read_safetensors(path), strict=False)
        missing = [k for k in missing if not k.endswith("num_batches_tracked")]
        if missing or unexpected:
            raise ValueError(f"{path} does not fit this model: missing {missing}, unexpected {unexpected}")
        return self

    def save_weights(self, path=WEIGHTS):
        """Writes the weights as safetensors, in the names load_weights reads."""
        state = {k: v for k, v in self.state_dict().items() if not k.endswith("num_batches_tracked")}
        write_safetensors(state, path)


if __name__ == "__main__":
    model = Model().load_weights().eval()
    print(model)
    print(sum(p.numel() for p in model.parameters()), "parameters")
`;
