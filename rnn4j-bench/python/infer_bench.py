#!/usr/bin/python3
"""PyTorch side of `rnn bench --config sample|eval|predict`: inference loops of the same shapes.

Usage (normally through ./pytorch-infer next to this file, which picks the BLAS):
    ./pytorch-infer --config sample --threads 1 --json

Configs (float32, torch.no_grad(), weights from torch.manual_seed(--seed); a plain Python loop,
as a user of PyTorch writes one):
  sample   one-hot(62) -> nn.LSTM(62,256) -> Linear(256,62), B=1: per character one LSTM step
           with the state carried, softmax(z / 0.8), torch.multinomial, the drawn index fed back.
  eval     the same model over a text read as --streams B parallel streams (default 32) in
           chunks of T = 4096 / B steps with the state carried: log_softmax, the log-probability
           of the next character gathered and summed (the bits-per-character computation).
  predict  dense(1) -> nn.GRU(1,32) -> Linear(32,1), B=1: per step one GRU step, the output fed
           back as the next input (autoregressive forecasting).
Every call is timed on its own with time.perf_counter_ns. Reported per step: median and p99 in
microseconds (eval: a chunk's time divided by its T); tokens_per_s = characters (or steps) per
second per median step (B / median; `wall_tokens_per_s`: over the whole timed run;
`cpu_tokens_per_s`: per CPU-second of the calling thread, which a busy machine changes least).

Output with --json: ONE JSON line {config, threads, median_us, p10_us, p90_us, p99_us, median_ms,
tokens_per_s, wall_tokens_per_s, streams, steps, ...}, the fields `rnn bench --json` prints for these
configs. No test needs this script.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

V, H_LM, H_PREDICT = 62, 256, 32


def pct(sorted_xs, q):
    """Percentile with linear interpolation between closest ranks, q in [0, 100]."""
    pos = (len(sorted_xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_xs) - 1)
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * (pos - lo)


def summary(ns_per_step, streams, total_ns, units, cpu_ns):
    """Per-step percentiles; throughput per median step (tokens_per_s), over the whole run and per CPU-second."""
    us = sorted(v / 1e3 for v in ns_per_step)
    med = pct(us, 50)
    return {"median_us": med, "p10_us": pct(us, 10), "p90_us": pct(us, 90), "p99_us": pct(us, 99),
            "median_ms": med / 1e3, "tokens_per_s": streams / (med / 1e6),
            "wall_tokens_per_s": units / (total_ns / 1e9), "cpu_tokens_per_s": units / (cpu_ns / 1e9),
            "streams": streams}


def run_sample(args):
    lstm, head = nn.LSTM(V, H_LM).eval(), nn.Linear(H_LM, V).eval()
    eye = torch.eye(V)
    state = (torch.zeros(1, 1, H_LM), torch.zeros(1, 1, H_LM))
    token = 0
    gen = torch.Generator().manual_seed(args.seed)
    steps = args.steps or 20000
    warmup = 2000 if args.warmup is None else args.warmup
    ns = [0] * steps
    pc = time.perf_counter_ns
    cpu0 = time.thread_time_ns()
    with torch.no_grad():
        for i in range(warmup + steps):
            t0 = pc()
            out, state = lstm(eye[token].view(1, 1, V), state)
            p = torch.softmax(head(out[0, 0]) / 0.8, dim=0)
            token = int(torch.multinomial(p, 1, generator=gen))
            if i == warmup - 1:
                cpu0 = time.thread_time_ns()
            if i >= warmup:
                ns[i - warmup] = pc() - t0
    return summary(ns, 1, sum(ns), steps, time.thread_time_ns() - cpu0) | {"steps": steps, "warmup": warmup}


def run_eval(args):
    lstm, head = nn.LSTM(V, H_LM).eval(), nn.Linear(H_LM, V).eval()
    b = args.streams or 32
    t = max(16, 4096 // b)
    calls = args.steps or 20
    warmup = 3 if args.warmup is None else args.warmup
    tokens = torch.randint(0, V, (t + 1, b), generator=torch.Generator().manual_seed(args.seed))
    x = F.one_hot(tokens[:t], V).float()  # (T, B, V)
    state = (torch.zeros(1, b, H_LM), torch.zeros(1, b, H_LM))
    nats = 0.0
    ns = []
    pc = time.perf_counter_ns
    cpu0 = time.thread_time_ns()
    with torch.no_grad():
        for i in range(warmup + calls):
            t0 = pc()
            out, state = lstm(x, state)
            logp = F.log_softmax(head(out), dim=2)
            nats -= float(logp.gather(2, tokens[1:].unsqueeze(2)).sum())
            if i == warmup - 1:
                cpu0 = time.thread_time_ns()
            if i >= warmup:
                ns.append((pc() - t0) / t)
    total = sum(ns) * t
    return summary(ns, b, total, calls * t * b, time.thread_time_ns() - cpu0) | {"steps": calls, "warmup": warmup, "T": t, "bits_per_character": nats / ((warmup + calls) * t * b) / math.log(2)}


def run_predict(args):
    gru, head = nn.GRU(1, H_PREDICT).eval(), nn.Linear(H_PREDICT, 1).eval()
    state = torch.zeros(1, 1, H_PREDICT)
    x = torch.zeros(1, 1, 1)
    steps = args.steps or 200000
    warmup = 20000 if args.warmup is None else args.warmup
    ns = [0] * steps
    pc = time.perf_counter_ns
    cpu0 = time.thread_time_ns()
    with torch.no_grad():
        for i in range(warmup + steps):
            t0 = pc()
            out, state = gru(x, state)
            x = head(out)
            if i == warmup - 1:
                cpu0 = time.thread_time_ns()
            if i >= warmup:
                ns[i - warmup] = pc() - t0
    return summary(ns, 1, sum(ns), steps, time.thread_time_ns() - cpu0) | {"steps": steps, "warmup": warmup}


RUNS = {"sample": run_sample, "eval": run_eval, "predict": run_predict}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", choices=list(RUNS), required=True)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads(N)")
    ap.add_argument("--steps", type=int, default=None, help="timed calls (default: sample 20000, eval 20, predict 200000)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed calls before them")
    ap.add_argument("--streams", type=int, default=None, help="eval: parallel streams B (default 32)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    r = {"config": args.config, "threads": args.threads} | RUNS[args.config](args)
    r["torch_version"] = torch.__version__
    if args.json:
        print(json.dumps(r))
    else:
        print(f"{args.config} threads={args.threads}: median {r['median_us']:.2f} us/step, p99 {r['p99_us']:.2f} us, "
              f"{r['tokens_per_s']:.0f} per s")


if __name__ == "__main__":
    main()
