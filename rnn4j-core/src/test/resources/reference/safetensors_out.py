"""The safetensors writer the PyTorch reference generators (*/generate.py) share: float32 tensors,
sorted by name, a JSON header padded to 8 bytes, metadata values as strings. A tensor is a torch
tensor (detached and copied to the CPU) or anything numpy reads as an array."""
import json, struct
import numpy as np


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    blobs, offset = [], 0
    for name in sorted(tensors):
        t = tensors[name]
        t = t.detach().cpu().numpy() if hasattr(t, "detach") else t
        a = np.ascontiguousarray(np.asarray(t).astype(np.float32))
        b = a.tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b); offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h)
        for b in blobs: f.write(b)
