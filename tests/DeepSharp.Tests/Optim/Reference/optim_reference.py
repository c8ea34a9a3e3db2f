# Generates the PyTorch reference values pinned in OptimizerReferenceTests.cs.
# Run: python3 optim_reference.py   (PyTorch 1.13 was used; CPU, float32)
# Problem: 9 parameters (one SIMD vector of 8 plus a scalar tail) with the gradient of
# L(p) = sum(0.5 a p^2 + b p), i.e. g = a * p + b, recomputed from the current p at every step.
import torch

P0 = [0.5, -1.5, 2.0, 0.0, 3.0, -0.25, 1.0, -2.0, 0.75]
A = [1.0, 2.0, 0.5, 3.0, 1.5, 4.0, 0.25, 1.0, 2.5]
B = [0.1, -0.2, 0.3, -0.4, 0.5, 0.0, -0.1, 0.2, -0.3]
STEPS = 5

CASES = {
    "Sgd": (torch.optim.SGD, dict(lr=0.1)),
    "SgdMomentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.9)),
    "SgdDampeningDecay": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    "SgdNesterov": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    "Adam": (torch.optim.Adam, dict(lr=0.1)),
    "AdamDecay": (torch.optim.Adam, dict(lr=0.1, weight_decay=0.1)),
    "AdamW": (torch.optim.AdamW, dict(lr=0.1, weight_decay=0.1)),
    "RmsProp": (torch.optim.RMSprop, dict(lr=0.01)),
    "RmsPropCenteredMomentum": (torch.optim.RMSprop, dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.01)),
    "AdaGrad": (torch.optim.Adagrad, dict(lr=0.1)),
    "AdaGradDecay": (torch.optim.Adagrad, dict(lr=0.1, lr_decay=0.1, weight_decay=0.01, initial_accumulator_value=0.1)),
}

def fmt(t):
    return "[" + ", ".join(repr(float(v)) + "f" for v in t.tolist()) + "]"

a = torch.tensor(A, dtype=torch.float32)
b = torch.tensor(B, dtype=torch.float32)
for name, (cls, kw) in CASES.items():
    p = torch.tensor(P0, dtype=torch.float32, requires_grad=True)
    opt = cls([p], **kw)
    print(f"// {name}: {kw}")
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        p.grad = a * p.detach() + b
        opt.step()
        if step in (1, 2, STEPS):
            print(f'["{name}", {step}] = {fmt(p.detach())},')
