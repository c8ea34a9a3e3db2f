#!/usr/bin/python3
"""PyTorch side of bench/DeepSharp.Benchmarks/RecurrentBenchmarks.cs: one-layer RNN/GRU/LSTM,
seq 50, batch 32, input 64, hidden 128, 2 threads; best of 20 after 5 warm-up calls.
Usage: /usr/bin/python3 bench/torch_recurrent.py   (needs python3-torch)"""
import time, torch
torch.set_num_threads(2); torch.manual_seed(0)
for kind in ["lstm", "gru", "rnn"]:
    m = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind](64, 128)
    x = torch.randn(50, 32, 64, requires_grad=True)
    for _ in range(5): m(x)[0].sum().backward()
    best = 1e9
    for _ in range(20):
        t = time.perf_counter(); m(x)[0].sum().backward(); best = min(best, time.perf_counter() - t)
    with torch.no_grad():
        bf = 1e9
        for _ in range(20):
            t = time.perf_counter(); m(x); bf = min(bf, time.perf_counter() - t)
    print(f"{kind} seq 50 batch 32 input 64 hidden 128: fwd+bwd {best*1000:.2f} ms, fwd (no grad) {bf*1000:.2f} ms")
