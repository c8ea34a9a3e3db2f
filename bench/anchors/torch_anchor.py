#!/usr/bin/python3
"""PyTorch (Debian python3-torch 1.13) on the work bench/compare.sh measures, 2 threads.
Every line printed is one JSON object {"side": "pytorch", "work": ..., ...}.

Usage: torch_anchor.py blas            check that torch and numpy run on a real BLAS (exit 3 if not)
       torch_anchor.py gemm N...       float32 torch.mm GFLOP/s (best call over ~1 s)
       torch_anchor.py train mlp|lenet5 EPOCHS   Fashion-MNIST epochs, SGD lr 0.05 momentum 0.9, batch 64
       torch_anchor.py recurrent       LSTM / GRU / RNN, seq 50, batch 32, 64 -> 128: forward + backward
       torch_anchor.py export DIR      write mlp.onnx and lenet5.onnx (opset 17, dynamic batch) for OrtAnchor
"""
import gzip, json, struct, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)
DATA = "/usr/share/datasets/fashion-mnist/"


def emit(**fields):
    print(json.dumps({"side": "pytorch", **fields}), flush=True)


def blas():
    # The Debian trap: without libopenblas0-pthread torch.mm runs on the reference BLAS (~4 GFLOP/s).
    import threadpoolctl
    info = threadpoolctl.threadpool_info()
    apis = sorted({i.get("internal_api", "?") for i in info if i.get("user_api") == "blas"})
    emit(work="blas", libraries=apis)
    if not any(a in ("openblas", "mkl", "blis") for a in apis):
        sys.exit("PyTorch/numpy run on the reference BLAS (found %s): install libopenblas0-pthread" % apis)


def best_of(fn, seconds=1.0, minimum=3):
    fn()
    best, calls, start = 1e9, 0, time.perf_counter()
    while time.perf_counter() - start < seconds or calls < minimum:
        t = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t); calls += 1
    return best


def gemm(sizes):
    for n in sizes:
        a, b = torch.randn(n, n), torch.randn(n, n)
        t = best_of(lambda: torch.mm(a, b))
        emit(work="gemm", n=n, gflops=2.0 * n ** 3 / t / 1e9)


def idx(name):
    with gzip.open(DATA + name) as f:
        magic, n = struct.unpack(">II", f.read(8)); dims = [n]
        for _ in range((magic & 0xff) - 1): dims.append(struct.unpack(">I", f.read(4))[0])
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))


def train(kind, epochs, bs=64):
    xtr = torch.tensor(idx("train-images-idx3-ubyte.gz"), dtype=torch.float32).div_(255).unsqueeze(1)
    ytr = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.long)
    xte = torch.tensor(idx("t10k-images-idx3-ubyte.gz"), dtype=torch.float32).div_(255).unsqueeze(1)
    yte = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
    net = model(kind)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    n = xtr.shape[0]
    for epoch in range(epochs):
        net.train(); perm = torch.randperm(n); t0 = time.perf_counter(); total = 0.0
        for i in range(0, n, bs):
            b = perm[i:i + bs]
            opt.zero_grad(); loss = F.cross_entropy(net(xtr[b]), ytr[b]); loss.backward(); opt.step()
            total += loss.item() * len(b)
        seconds = time.perf_counter() - t0
        net.eval()
        with torch.no_grad():
            acc = (net(xte).argmax(1) == yte).float().mean().item()
        emit(work="train", model=kind, epoch=epoch + 1, seconds=seconds, loss=total / n, testAccuracy=acc)


def recurrent():
    for kind, cls in (("lstm", nn.LSTM), ("gru", nn.GRU), ("rnn", nn.RNN)):
        layer = cls(64, 128)
        x = torch.randn(50, 32, 64, requires_grad=True)
        def step():
            layer(x)[0].sum().backward()
        t = best_of(step, 1.0, 10)
        emit(work="recurrent", cell=kind, forwardBackwardMs=t * 1e3)


def export(folder):
    for kind in ("mlp", "lenet5"):
        net = model(kind).eval()
        torch.onnx.export(net, torch.randn(1, 1, 28, 28), f"{folder}/{kind}.onnx", input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, opset_version=17)
    emit(work="export", folder=folder)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "blas": blas()
    elif what == "gemm": gemm([int(s) for s in sys.argv[2:]] or [1024])
    elif what == "train": train(sys.argv[2], int(sys.argv[3]))
    elif what == "recurrent": recurrent()
    elif what == "export": export(sys.argv[2])
    else: sys.exit(__doc__)
