#!/usr/bin/python3
"""Reads the JSON lines bench/compare.sh collected ({"side": ..., "work": ...}) and prints one
Markdown table: DeepSharp, each anchor, the ratios, and the FLOP limit.
Usage: table.py RESULTS.jsonl"""
import json, sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def pick(side, **match):
    return [r for r in rows if r.get("side") == side and all(r.get(k) == v for k, v in match.items())]
def one(side, field, **match):
    found = pick(side, **match)
    return found[-1].get(field) if found else None

peak = one("deepsharp", "peakGflops", work="gemm")  # the 2-thread FMA peak measured in this run
# Training FLOPs per Fashion-MNIST epoch (60,000 samples): forward + weight and input gradients,
# no input gradient for the first layer: MLP 784-128-10 24.5 GFLOP, LeNet-5 136 GFLOP.
epoch_flops = {"mlp": 24.5e9, "lenet5": 136e9}

def fmt(v, unit=""):
    return "" if v is None else (f"{v:.3g}{unit}" if v < 100 else f"{v:.0f}{unit}")
def ratio(a, b, higher_better=False):
    if a is None or b is None or a == 0 or b == 0: return ""
    return f"{(a / b if higher_better else b / a):.2f}x"

print("| work | limit | DeepSharp | PyTorch 1.13 + OpenBLAS | TorchSharp (libtorch 2.10) | ONNX Runtime 1.31 | DeepSharp vs PyTorch / TorchSharp / ORT (>1 = DeepSharp faster) |")
print("|---|---|---|---|---|---|---|")
for r in pick("deepsharp", work="gemm"):
    n = r["n"]; d = r["gflops"]; p = one("pytorch", "gflops", work="gemm", n=n); t = one("torchsharp", "gflops", work="gemm", n=n)
    print(f"| SGEMM n={n}, {r['threads']} threads, GFLOP/s | {fmt(r['peakGflops'])} (FMA peak) | {fmt(d)} ({100 * d / r['peakGflops']:.0f}% of peak) | {fmt(p)} | {fmt(t)} | | {ratio(d, p, True)} / {ratio(d, t, True)} / |")
for model in ("mlp", "lenet5"):
    def epochs(side):
        if side == "deepsharp":
            r = pick("deepsharp", work="train", model=model)
            return r[-1]["epochSeconds"] if r else []
        return [r["seconds"] for r in pick(side, work="train", model=model)]
    d, p, t = epochs("deepsharp"), epochs("pytorch"), epochs("torchsharp")
    limit = epoch_flops[model] / (peak * 1e9) if peak else None
    for label, f in (("best epoch", min), ("first epoch", lambda e: e[0])):
        dv, pv, tv = (f(e) if e else None for e in (d, p, t))
        share = f" ({100 * limit / dv:.0f}% of limit)" if limit and dv else ""
        print(f"| {model} train, batch 64, {label}, s | {fmt(limit)} | {fmt(dv)}{share} | {fmt(pv)} | {fmt(tv)} | | {ratio(dv, pv)} / {ratio(dv, tv)} / |")
for model in ("mlp", "lenet5"):
    for r in pick("deepsharp", work="infer", model=model):
        b = r["batch"]; o = one("onnxruntime", "bestMs", work="infer", model=model, batch=b)
        print(f"| {model} inference, batch {b}, ms | | {fmt(r['bestMs'])} ({r['bytesPerCall']:.0f} B/call) | | | {fmt(o)} | / / {ratio(r['bestMs'], o)} |")
for r in pick("deepsharp", work="recurrent"):
    c = r["cell"]; p = one("pytorch", "forwardBackwardMs", work="recurrent", cell=c); t = one("torchsharp", "forwardBackwardMs", work="recurrent", cell=c)
    print(f"| {c} fwd+bwd, seq 50, batch 32, 64->128, ms | | {fmt(r['forwardBackwardMs'])} ({r['bytesPerForwardBackward'] / 1e6:.1f} MB) | {fmt(p)} | {fmt(t)} | | {ratio(r['forwardBackwardMs'], p)} / {ratio(r['forwardBackwardMs'], t)} / |")
