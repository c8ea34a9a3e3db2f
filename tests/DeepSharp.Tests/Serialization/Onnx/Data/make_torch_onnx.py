"""Writes the PyTorch ONNX exports that OnnxImportTests load (run with Debian's python3-torch 1.13):

    /usr/bin/python3 make_torch_onnx.py

Each model is seeded, put in eval mode (BatchNorm with non-trivial running statistics) and exported by
torch.onnx.export at opset 17 with a dynamic batch dimension (and a dynamic sequence for the LSTM)."""
import os
import torch
from torch import nn

torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))


class LstmClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(5, 8, num_layers=2, batch_first=True)
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def cnn_batchnorm():
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.AvgPool2d(2),
        nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(8, 10))
    model.train()
    with torch.no_grad():  # a few batches so the running statistics differ from 0 / 1
        for _ in range(5):
            model(torch.randn(16, 1, 28, 28) * 2 + 0.5)
    return model


def export(name, model, sample, axes):
    model.eval()
    path = os.path.join(here, name + ".onnx")
    torch.onnx.export(model, sample, path, opset_version=17, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": axes, "output": {0: "batch"}})
    print(path, os.path.getsize(path))


export("torch_mlp", nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 16), nn.Tanh(), nn.Linear(16, 5)),
       torch.randn(2, 20), {0: "batch"})
export("torch_lenet5", lenet5(), torch.randn(2, 1, 28, 28), {0: "batch"})
export("torch_cnn_batchnorm", cnn_batchnorm(), torch.randn(2, 1, 28, 28), {0: "batch"})
export("torch_lstm", LstmClassifier(), torch.randn(2, 7, 5), {0: "batch", 1: "sequence"})
