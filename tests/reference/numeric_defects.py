"""PyTorch reference values for the float32 numeric defects of issue 13, item 8.

Run from the repository root:  python3 tests/reference/numeric_defects.py
It rewrites tests/reference/numeric_defects.json, which
tests/DeepSharp.Tests/Backends/NumericDefectsTests.cs reads. Produced with torch 1.13 (CPU).
Float values are written with repr() of the float32 value widened to double, so they are exact.
"""
import json
import os

import torch

torch.set_num_threads(1)
f32 = torch.float32
ref = {"torch": torch.__version__}


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


# tanh near zero and across the range (vectorised path: length 37 covers SIMD body and tail)
tanh_x = torch.tensor([0.0, -0.0, 1e-6, -1e-6, 1e-4, 3e-3, 0.1, -0.3, 0.5, 0.6249, 0.6251, 0.9, -1.5,
                       2.0, 4.0, -7.5, 9.0, 15.0, 44.0, 100.0, 1e-30, 2.5e-8, -0.62, 0.63, 0.001,
                       0.0123, -0.0456, 0.25, 0.75, 1.0, -2.5, 3.3, 5.5, -8.8, 10.5, 0.3333, -0.7777], dtype=f32)
ref["tanh"] = {"x": floats(tanh_x), "y": floats(torch.tanh(tanh_x))}

# exp, including exp(0) = 1 exactly and the subnormal / overflow ends
exp_x = torch.tensor([0.0, -0.0, 1e-7, -1e-7, 1e-3, 0.5, -0.5, 1.0, -1.0, 2.0, 10.0, -10.0, 20.0, 50.0,
                      -50.0, 80.0, 88.0, 88.7, -87.0, -90.0, -100.0, -103.0, 0.34657359, -0.34657359,
                      3.14159, -2.71828, 0.01, 0.2, 5.5, -5.5, 42.0, -42.0, 7.77, 0.693147, -0.693147], dtype=f32)
ref["exp"] = {"x": floats(exp_x), "y": floats(torch.exp(exp_x))}

# elu (alpha 1) near 0 and below
elu_x = torch.tensor([0.0, -1e-7, -1e-4, -0.01, -0.3, -0.36, -1.0, -5.0, -20.0, 0.5, 2.0], dtype=f32)
# PyTorch 1.13's float32 CPU elu computes exp(x) - 1, so near 0 it is off by up to an ulp of 1
# (elu(-1e-7) = -1.19e-7); "exact" is elu in float64 rounded to float32, which DeepSharp must match.
ref["elu"] = {"x": floats(elu_x), "y": floats(torch.nn.functional.elu(elu_x)),
              "exact": floats(torch.nn.functional.elu(elu_x.double()).float())}

# softplus (beta 1, threshold 20) in the far negative tail, near 0 and up to the threshold
sp_x = torch.tensor([-20.0, -30.0, -50.0, -80.0, -5.0, -1.0, 0.0, 1e-4, 1.0, 5.0, 15.0, 19.9, 20.0, 25.0], dtype=f32)
ref["softplus"] = {"x": floats(sp_x), "y": floats(torch.nn.functional.softplus(sp_x))}

# an all-zero Elman RNN (tanh): output exactly 0
rnn = torch.nn.RNN(3, 4, batch_first=True)
with torch.no_grad():
    for p in rnn.parameters():
        p.zero_()
out, _ = rnn(torch.zeros(1, 2, 3))
ref["rnn_zero"] = floats(out)

# fused Linear + Tanh at pre-activations 0 and 1e-6
lin_x = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=f32)
lin_w = torch.tensor([[0.0, 0.0], [1e-6, 0.0], [0.0, -1e-6]], dtype=f32)
ref["linear_tanh"] = {"x": floats(lin_x), "w": floats(lin_w), "y": floats(torch.tanh(lin_x @ lin_w.t()))}

# Pow(Tensor) gradients at 0^0 (and neighbours)
a = torch.tensor([0.0, 0.0, 2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.0, 2.0, 0.0, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
torch.pow(a, b).sum().backward()
ref["pow"] = {"a": floats(a), "b": floats(b), "grad_a": floats(a.grad), "grad_b": floats(b.grad)}

# log_softmax / cross_entropy with large logits
logits = torch.tensor([[500.0, 501.0, 502.0], [1000.0, 1000.5, 999.0], [-300.0, -301.0, -299.5]], dtype=f32)
targets = torch.tensor([0, 2, 1])
ref["log_softmax"] = {"x": floats(logits), "y": floats(torch.log_softmax(logits, dim=1))}
ref["cross_entropy"] = {"targets": targets.tolist(),
                        "losses": floats(torch.nn.functional.cross_entropy(logits, targets, reduction="none")),
                        "smoothed": floats(torch.nn.functional.cross_entropy(logits, targets, reduction="none", label_smoothing=0.1))}

# cat of zero-dimensional tensors
try:
    torch.cat([torch.tensor(1.0), torch.tensor(2.0)])
    ref["cat_zero_dim_error"] = None
except RuntimeError as e:
    ref["cat_zero_dim_error"] = str(e)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numeric_defects.json")
with open(path + ".tmp", "w") as f:
    json.dump(ref, f, indent=1)
os.replace(path + ".tmp", path)
print("wrote", path)
