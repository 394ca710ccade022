#!/usr/bin/python3
"""PyTorch side of `rnn bench --curves`: charlm's training step with the shape given.

Usage (normally through ./pytorch-curve next to this file, which picks the BLAS):
    ./pytorch-curve --hidden 1024 --seq-len 100 --batch 32 --threads 1 --json

The model is shared/bench/pytorch's charlm with H, T and B free: one-hot(65) -> nn.LSTM(65, H),
T steps, B sequences, Linear(H, 65) + cross-entropy over all T*B outputs, Adam lr 2e-3, float32,
time-major; inputs and targets drawn once, before timing, from torch.manual_seed(--seed). One step
= zero_grad + forward + loss + backward + optimizer.step(), each step timed on its own with
time.perf_counter after --warmup untimed steps; the median over --steps steps, as
shared/bench/pytorch_bench.py times its configs.

Output with --json: ONE JSON line {config, threads, hidden, seq_len, batch, median_ms, p10_ms,
p90_ms, tokens_per_s, steps, warmup, params, torch_version, ...}; tokens_per_s = T*B / median.
No test needs this script.
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

V = 65


def pct(sorted_xs, q):
    """Percentile with linear interpolation between closest ranks, q in [0, 100]."""
    pos = (len(sorted_xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_xs) - 1)
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * (pos - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--seq-len", type=int, default=100)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads(N)")
    ap.add_argument("--steps", type=int, default=20, help="timed steps")
    ap.add_argument("--warmup", type=int, default=3, help="untimed warm-up steps")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    for name in ("hidden", "seq_len", "batch", "threads", "steps"):
        if getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')}: expected a count >= 1, found {getattr(args, name)}")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    H, T, B = args.hidden, args.seq_len, args.batch
    rnn = nn.LSTM(V, H)
    head = nn.Linear(H, V)
    x = F.one_hot(torch.randint(0, V, (T, B)), V).float()
    y = torch.randint(0, V, (T * B,))
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=2e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        out, _ = rnn(x)
        loss = F.cross_entropy(head(out).reshape(T * B, V), y)
        loss.backward()
        opt.step()
        return loss

    losses = []
    for _ in range(args.warmup):
        losses.append(float(step()))
    times = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
        losses.append(float(loss))  # outside the timed region
    ms = sorted(t * 1e3 for t in times)
    med = pct(ms, 50)
    rec = {
        "config": "charlm", "threads": args.threads, "hidden": H, "seq_len": T, "batch": B,
        "median_ms": med, "p10_ms": pct(ms, 10), "p90_ms": pct(ms, 90),
        "tokens_per_s": T * B / (med / 1e3), "steps": args.steps, "warmup": args.warmup,
        "params": sum(p.numel() for p in params), "torch_version": torch.__version__,
        "loss_first": losses[0], "loss_last": losses[-1],
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
    }
    if args.json:
        print(json.dumps(rec), flush=True)
    else:
        print(f"charlm H={H} T={T} B={B} threads={args.threads}: median {med:.2f} ms/step "
              f"(p10 {rec['p10_ms']:.2f}, p90 {rec['p90_ms']:.2f}), {rec['tokens_per_s']:.0f} tokens/s, "
              f"torch {torch.__version__}")


if __name__ == "__main__":
    main()
