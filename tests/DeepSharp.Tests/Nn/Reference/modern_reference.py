# Generates ModernReferenceData.cs, the PyTorch values pinned in ModernReferenceTests.cs
# (normalization, embedding, attention, Transformer encoder layer, ResNet basic block).
# Run: /usr/bin/python3 modern_reference.py  (the Debian python3 that has python3-torch) > ../ModernReferenceData.cs   (PyTorch 1.13 was used; CPU, float64)
# Every value is a closed-form function of its position, so the C# test rebuilds the same
# weights and inputs without reading any file:
#   parameters, one counter k over all parameters in named_parameters() order: 0.5 sin(0.37 k + 0.2)
#   input (flat row-major index k): sin(0.5 k) + 0.1 k / n (n = element count);  loss = sum(output * cos(0.3 k))
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def filled(shape, f):
    n = math.prod(shape)
    return torch.tensor([f(k) for k in range(n)], dtype=torch.float64).reshape(shape)


def x_input(shape):
    n = math.prod(shape)
    return filled(shape, lambda k: math.sin(0.5 * k) + 0.1 * k / n).requires_grad_()


def weigh(out):
    return (out * filled(out.shape, lambda k: math.cos(0.3 * k))).sum()


def set_params(m):
    k = 0
    with torch.no_grad():
        for _, p in m.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(0.37 * (k + i) + 0.2) for i in range(p.numel())]).reshape(p.shape))
            k += p.numel()


def arr(t):
    return "[" + ", ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist()) + "]"


values, names = [], []


def emit(key, t):
    values.append((key, arr(t)))


def grads(case, m, x):
    emit(f"{case} grad input", x.grad)
    for n, p in m.named_parameters():
        emit(f"{case} grad {n}", p.grad)
    names.append((case, [n for n, _ in m.named_parameters()] + [n for n, _ in m.named_buffers()]))


# ---- BatchNorm2d: a training step (output, gradients, running statistics), then evaluation
m = torch.nn.BatchNorm2d(3)
set_params(m)
x = x_input((4, 3, 2, 3))
y = m(x)
weigh(y).backward()
emit("BatchNorm2d output", y)
grads("BatchNorm2d", m, x)
emit("BatchNorm2d running_mean", m.running_mean)
emit("BatchNorm2d running_var", m.running_var)
m.eval()
emit("BatchNorm2d eval output", m(x))

# ---- BatchNorm1d on (N, C, L), cumulative average (momentum None), two training steps
m = torch.nn.BatchNorm1d(3, momentum=None)
set_params(m)
x = x_input((4, 3, 5))
m(x * 2 + 1)
y = m(x)
weigh(y).backward()
emit("BatchNorm1d output", y)
grads("BatchNorm1d", m, x)
emit("BatchNorm1d running_mean", m.running_mean)
emit("BatchNorm1d running_var", m.running_var)

# ---- LayerNorm over the last two dimensions
m = torch.nn.LayerNorm([3, 4])
set_params(m)
x = x_input((2, 3, 4))
y = m(x)
weigh(y).backward()
emit("LayerNorm output", y)
grads("LayerNorm", m, x)

# ---- GroupNorm, 2 groups of 2 channels
m = torch.nn.GroupNorm(2, 4)
set_params(m)
x = x_input((2, 4, 3, 2))
y = m(x)
weigh(y).backward()
emit("GroupNorm output", y)
grads("GroupNorm", m, x)

# ---- Embedding with a padding row (its gradient stays zero)
m = torch.nn.Embedding(6, 3, padding_idx=1)
set_params(m)
idx = torch.tensor([[0, 1, 4], [4, 5, 1]])
y = m(idx)
weigh(y).backward()
emit("Embedding output", y)
emit("Embedding grad weight", m.weight.grad)

# ---- MultiheadAttention, batch first, causal + key padding masks, averaged weights
m = torch.nn.MultiheadAttention(6, 2, batch_first=True)
set_params(m)
q = x_input((2, 4, 6))
kv = filled((2, 4, 6), lambda k: math.cos(0.7 * k)).requires_grad_()
causal = torch.triu(torch.full((4, 4), float("-inf")), diagonal=1)
padding = torch.tensor([[False, False, False, False], [False, False, False, True]])
out, w = m(q, kv, kv, key_padding_mask=padding, attn_mask=causal, need_weights=True)
(weigh(out) + (w * filled(w.shape, lambda k: math.sin(0.2 * k + 1))).sum()).backward()
emit("MultiheadAttention output", out)
emit("MultiheadAttention weights", w)
emit("MultiheadAttention grad key", kv.grad)
grads("MultiheadAttention", m, q)

# ---- TransformerEncoderLayer: post-norm ReLU (sequence first) and pre-norm GELU (batch first)
for case, kw, shape in [("TransformerPostNorm", dict(), (3, 2, 8)),
                        ("TransformerPreNorm", dict(batch_first=True, norm_first=True, activation="gelu"), (2, 3, 8))]:
    m = torch.nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, **kw)
    set_params(m)
    x = x_input(shape)
    y = m(x)
    weigh(y).backward()
    emit(f"{case} output", y)
    grads(case, m, x)


# ---- ResNet basic block (torchvision's layout), stride 2 with a projection shortcut, training mode
class BasicBlock(torch.nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(cout)
        self.conv2 = torch.nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(cout)
        self.downsample = torch.nn.Sequential(torch.nn.Conv2d(cin, cout, 1, stride, bias=False), torch.nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.downsample(x))


m = BasicBlock(3, 4, 2)
set_params(m)
x = x_input((2, 3, 6, 5))
y = m(x)
weigh(y).backward()
emit("BasicBlock output", y)
grads("BasicBlock", m, x)

# ---- activations on inputs away from their kinks (x = -3.3 + 0.55 k + 0.013 k^2, 12 values)
xs = filled((2, 2, 3), lambda k: -3.3 + 0.55 * k + 0.013 * k * k)
for case, f in [("ReLU6", F.relu6), ("Hardtanh", lambda t: F.hardtanh(t, -2.0, 0.5)), ("Hardswish", F.hardswish),
                ("Mish", F.mish), ("SELU", F.selu), ("GLU", lambda t: F.glu(t, 1))]:
    x = xs.clone().requires_grad_()
    y = f(x)
    weigh(y).backward()
    emit(f"{case} output", y)
    emit(f"{case} grad input", x.grad)
m = torch.nn.PReLU(2, init=0.1)
set_params(m)
x = xs.clone().requires_grad_()
y = m(x)
weigh(y).backward()
emit("PReLU output", y)
grads("PReLU", m, x)

print("// <auto-generated> by Reference/modern_reference.py (PyTorch %s, float64); do not edit by hand." % torch.__version__.split("+")[0])
print("namespace DeepSharp.Tests.Nn;")
print()
print("internal static class ModernReferenceData")
print("{")
print("    public static readonly Dictionary<string, double[]> Values = new()")
print("    {")
for key, text in values:
    print(f'        ["{key}"] = {text},')
print("    };")
print()
print("    /// <summary>PyTorch's parameter names then buffer names, in order, per case.</summary>")
print("    public static readonly Dictionary<string, string[]> Names = new()")
print("    {")
for case, ns in names:
    print(f'        ["{case}"] = [{", ".join(chr(34) + n + chr(34) for n in ns)}],')
print("    };")
print("}")
