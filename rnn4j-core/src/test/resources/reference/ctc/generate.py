#!/usr/bin/python3
"""PyTorch reference cases for rnn4j's CTC loss (org.rnn4j.loss.CtcLoss).

Each case is one file CASE.safetensors holding, in rnn4j's time-major layout:
  logits         float32 (T, B, C): pre-softmax scores, class 0 the blank
  targets        float32 (S, B): each column's labels, padded after them with the blank 0
  input_lengths  float32 (B): frames of each sequence (<= T)
  loss           float32 (1): torch.nn.functional.ctc_loss(log_softmax(logits), ...)
  grad           float32 (T, B, C): d loss / d logits
  __metadata__   reduction ("mean" or "sum"), zero_infinity ("true" or "false")
The loss is computed in float64 from the float32 logits. Run with Debian's python3-torch and
python3-numpy:  /usr/bin/python3 generate.py OUT_DIR
"""
import os, sys
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from safetensors_out import write_safetensors  # noqa: E402  (shared by the generators)


def make_case(out, name, t, c, input_lengths, labels, reduction, zero_infinity, seed):
    torch.manual_seed(seed)
    b = len(labels)
    logits32 = (torch.randn(t, b, c) * 2).float()
    logits = logits32.double().requires_grad_(True)
    s = max(max(len(l) for l in labels), 1)
    padded = torch.zeros(b, s, dtype=torch.long)  # PyTorch's (B, S) padded form
    for i, l in enumerate(labels):
        padded[i, :len(l)] = torch.tensor(l, dtype=torch.long)
    loss = F.ctc_loss(F.log_softmax(logits, dim=2), padded, torch.tensor(input_lengths),
                      torch.tensor([len(l) for l in labels]), blank=0, reduction=reduction,
                      zero_infinity=zero_infinity)
    loss.backward()
    write_safetensors(os.path.join(out, name + ".safetensors"), {
        "logits": logits32.numpy(),
        "targets": padded.t().numpy(),  # (S, B), time-major
        "input_lengths": np.array(input_lengths),
        "loss": np.array([loss.item()]),
        "grad": logits.grad.numpy(),
    }, dict(reduction=reduction, zero_infinity=str(zero_infinity).lower()))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    # One sequence, two labels.
    make_case(out, "single", 6, 4, [6], [[1, 2]], "mean", False, seed=1)
    # Three sequences of their own input and target lengths, a repeated label (2, 2 needs a blank
    # between) and a target that fills its frames exactly (4 4 needs 3 frames, has 4).
    make_case(out, "batch_lengths", 10, 5, [10, 7, 4], [[1, 2, 2, 3], [4, 4], [2]], "mean", False, seed=2)
    # Runs of repeats, summed.
    make_case(out, "repeats_sum", 8, 3, [8, 8], [[1, 1, 1], [2, 1, 2, 1]], "sum", False, seed=3)
    # An empty target (all blanks) and one that cannot fit (1 1 1 needs 5 frames, has 3): zero_infinity.
    make_case(out, "zero_infinity", 5, 3, [5, 3, 4], [[1, 2], [1, 1, 1], []], "mean", True, seed=4)
