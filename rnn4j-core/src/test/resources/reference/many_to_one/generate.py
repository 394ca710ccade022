#!/usr/bin/python3
"""PyTorch reference cases for rnn4j's bidirectional many-to-one readout (RnnModel, Bidirectional.readFinal).

The model is the usual PyTorch sequence classifier:
  packed = pack_padded_sequence(x, lengths, enforce_sorted=False)
  _, h_n = rnn(packed)                     # nn.LSTM / nn.GRU, bidirectional=True, zero initial states
  logits = head(cat(h_n[-2], h_n[-1]))     # the top layer's forward and reverse final states
  loss = cross_entropy(logits, target)     # mean over the batch
so the forward direction is read after each row's own last step and the reverse one after step 0.

Each case is a folder holding:
  model.safetensors   the rnn's state_dict names (weight_ih_l{k}, ..., _reverse) and head.weight (C, 2H),
                      head.bias (C); __metadata__: PyTorch's keys (module, input_size, hidden_size,
                      num_layers, bidirectional, bias) and rnn4j's for this model (a softmax head of C
                      classes, loss ce, reduction mean, mapping many-to-one, readout final-states)
  input.npy           float32 (T, B, I), time-major, zeros after each row's length
  lengths.npy         int64 (B): each row's length
  target.npy          int64 (B): class indices
  expected/probabilities.npy  float32 (1, B, C): softmax(logits), the model's one output step
  expected/loss.npy           float32 (1)
  expected/grads.safetensors  dloss/dparameter, same names as the model
  expected/grad_input.npy     float32 (T, B, I), dloss/dinput (zero at padded steps)
Computed in float64 from the float32 values written. Run with Debian's python3-torch and
python3-numpy:  /usr/bin/python3 generate.py OUT_DIR
"""
import os, sys
import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from safetensors_out import write_safetensors  # noqa: E402  (shared by the generators)


def make_case(out, name, module, i, h, layers, classes, lengths, seed):
    torch.manual_seed(seed)
    t, b = max(lengths), len(lengths)
    rnn = getattr(torch.nn, module)(i, h, num_layers=layers, bidirectional=True)
    head = torch.nn.Linear(2 * h, classes)
    x = torch.randn(t, b, i)
    for r, n in enumerate(lengths):
        x[n:, r] = 0
    target = torch.randint(0, classes, (b,))
    # Round every value to float32 once; compute in float64 from those.
    rnn, head = rnn.double(), head.double()
    xd = x.double().requires_grad_(True)
    packed = pack_padded_sequence(xd, torch.tensor(lengths), enforce_sorted=False)
    _, state = rnn(packed)
    h_n = state[0] if module == "LSTM" else state
    logits = head(torch.cat([h_n[-2], h_n[-1]], dim=1))
    loss = F.cross_entropy(logits, target)
    loss.backward()
    params = {k: v for k, v in rnn.named_parameters()}
    params.update({"head." + k: v for k, v in head.named_parameters()})
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "expected"), exist_ok=True)
    write_safetensors(os.path.join(d, "model.safetensors"), params, {
        "module": module, "input_size": i, "hidden_size": h, "num_layers": layers, "bidirectional": "true",
        "bias": "true", "rnn4j.cell": module.lower(), "rnn4j.output_size": classes,
        "rnn4j.output_activation": "softmax", "rnn4j.loss": "ce", "rnn4j.reduction": "mean",
        "rnn4j.mapping": "many-to-one", "rnn4j.readout": "final-states"})
    np.save(os.path.join(d, "input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(d, "lengths.npy"), np.array(lengths, dtype=np.int64))
    np.save(os.path.join(d, "target.npy"), target.numpy().astype(np.int64))
    np.save(os.path.join(d, "expected", "probabilities.npy"),
            F.softmax(logits, dim=1).detach().numpy().astype(np.float32)[None])
    np.save(os.path.join(d, "expected", "loss.npy"), np.array([loss.item()], dtype=np.float32))
    write_safetensors(os.path.join(d, "expected", "grads.safetensors"),
                      {k: v.grad for k, v in params.items()}, {"loss": "cross_entropy, mean"})
    np.save(os.path.join(d, "expected", "grad_input.npy"), xd.grad.numpy().astype(np.float32))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    # Two layers, rows of their own lengths (the longest first is not required: enforce_sorted=False).
    make_case(out, "lstm_2l_bi_lengths", "LSTM", 4, 5, 2, 3, [4, 7, 1, 6], seed=1)
    make_case(out, "gru_1l_bi_lengths", "GRU", 3, 6, 1, 4, [2, 6, 5], seed=2)
