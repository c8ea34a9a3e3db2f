"""Trains PyTorch's LeNet-5 (the layout of DeepSharp's Models.LeNet5, modern variant) briefly on Fashion-MNIST,
writes its state dict as plain safetensors (by hand: no safetensors package needed) and prints its test accuracy.

    python3 torch_lenet5_weights.py OUT.safetensors /usr/share/datasets/fashion-mnist
"""
import gzip, json, struct, sys
import numpy as np
import torch
from torch import nn

out, folder = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
torch.set_num_threads(1)


def images(name):
    with gzip.open(f"{folder}/{name}", "rb") as f:
        data = f.read()
    n, rows, cols = struct.unpack(">III", data[4:16])
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=16).reshape(n, 1, rows, cols).astype(np.float32) / 255)


def labels(name):
    with gzip.open(f"{folder}/{name}", "rb") as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64))


model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
x, y = images("train-images-idx3-ubyte.gz")[:6000], labels("train-labels-idx1-ubyte.gz")[:6000]
opt = torch.optim.Adam(model.parameters(), lr=2e-3)
for i in range(0, len(x), 64):
    opt.zero_grad()
    nn.functional.cross_entropy(model(x[i:i + 64]), y[i:i + 64]).backward()
    opt.step()
model.eval()
with torch.no_grad():
    tx, ty = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    correct = int((model(tx).argmax(1) == ty).sum())

header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
for name, t in model.state_dict().items():
    b = t.contiguous().numpy().astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
    blobs.append(b)
    offset += len(b)
h = json.dumps(header).encode()
h += b" " * (-len(h) % 8)
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
print(json.dumps({"correct": correct, "samples": len(ty)}))
