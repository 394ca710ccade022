#!/usr/bin/python3
"""PyTorch reference cases for rnn4j's 2-D convolutional front end (FrameConvFrontEnd).

Each case is a folder holding:
  model.safetensors   frame_conv.{i}.weight (C_out, C_in, K, K), frame_conv.{i}.bias (C_out);
                      __metadata__: spec (rnn4j's spec syntax), frame_shape "C,H,W"
  input.npy           float32 (N, C, H, W): N frames
  target.npy          float32, the shape of the output
  expected/output.npy         the front end's output (N, C', H', W')
  expected/grads.safetensors  dLoss/dparameter, same names as the model
  expected/grad_input.npy     dLoss/dinput
Loss = 0.5 * sum((output - target)^2).

rnn4j's 'same' padding is TensorFlow's rule: total padding max((H'-1)*S + K - H, 0) with
H' = ceil(H/S), the smaller half at the top and left, done here with F.pad before a 'valid'
torch.nn.functional.conv2d. Run with Debian's python3-torch and python3-numpy:
  /usr/bin/python3 generate.py OUT_DIR
"""
import math, os, sys
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from safetensors_out import write_safetensors  # noqa: E402  (shared by the generators)


def save(path, t):
    np.save(path, t.detach().cpu().numpy().astype(np.float32))


def same_pad(x, k, s):
    h, w = x.shape[2], x.shape[3]
    ph = max((math.ceil(h / s) - 1) * s + k - h, 0)
    pw = max((math.ceil(w / s) - 1) * s + k - w, 0)
    return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


ACT = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "identity": lambda z: z}


def make_case(out, name, frame, layers, n, seed):
    """layers: dicts with c_out, k, s, same, act, pool ('max'/'avg'/None), p, ps."""
    torch.manual_seed(seed)
    c, h, w = frame
    x = torch.randn(n, c, h, w, requires_grad=True)
    params, spec, y = {}, [], x
    for i, l in enumerate(layers):
        weight = (torch.rand(l["c_out"], c, l["k"], l["k"]) * 1.2 - 0.6).requires_grad_(True)
        bias = (torch.rand(l["c_out"]) * 1.2 - 0.6).requires_grad_(True)
        params[f"frame_conv.{i}.weight"] = weight
        params[f"frame_conv.{i}.bias"] = bias
        z = same_pad(y, l["k"], l["s"]) if l["same"] else y
        y = ACT[l["act"]](F.conv2d(z, weight, bias, stride=l["s"]))
        part = f'{l["c_out"]}k{l["k"]}-s{l["s"]}-{"same" if l["same"] else "valid"}-{l["act"]}'
        if l["pool"] == "max":
            y = F.max_pool2d(y, l["p"], l["ps"]); part += f'-max{l["p"]}/{l["ps"]}'
        elif l["pool"] == "avg":
            y = F.avg_pool2d(y, l["p"], l["ps"]); part += f'-avg{l["p"]}/{l["ps"]}'
        spec.append(part)
        c = l["c_out"]
    target = torch.randn_like(y)
    loss = 0.5 * ((y - target) ** 2).sum()
    loss.backward()
    d = os.path.join(out, name); e = os.path.join(d, "expected")
    os.makedirs(e, exist_ok=True)
    meta = dict(spec=",".join(spec), frame_shape=",".join(str(v) for v in frame))
    write_safetensors(os.path.join(d, "model.safetensors"), params, meta)
    save(os.path.join(d, "input.npy"), x)
    save(os.path.join(d, "target.npy"), target)
    save(os.path.join(e, "output.npy"), y)
    write_safetensors(os.path.join(e, "grads.safetensors"), {k: v.grad for k, v in params.items()},
                      dict(loss="0.5*sum((output-target)^2)"))
    save(os.path.join(e, "grad_input.npy"), x.grad)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    # Two layers, 'same' 3x3 with relu and max pooling on an odd width (floor), then 'valid' tanh.
    make_case(out, "conv2d_same_relu_max", (2, 6, 7), [
        dict(c_out=3, k=3, s=1, same=True, act="relu", pool="max", p=2, ps=2),
        dict(c_out=2, k=2, s=1, same=False, act="tanh", pool=None)], n=4, seed=1)
    # Stride 2 with uneven 'same' padding (1 before, 2 after), sigmoid, overlapping average pooling.
    make_case(out, "conv2d_stride2_sigmoid_avg", (1, 7, 9), [
        dict(c_out=2, k=4, s=2, same=True, act="sigmoid", pool="avg", p=2, ps=1)], n=3, seed=2)
