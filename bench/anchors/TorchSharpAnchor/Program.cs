// TorchSharp (libtorch 2.10, CPU, 2 threads) on the work bench/compare.sh measures; one JSON line
// per figure, {"side":"torchsharp",...}. Usage: gemm N... | train mlp|lenet5 EPOCHS | recurrent
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using Fn = TorchSharp.torch.nn.functional;
using Nn = TorchSharp.torch.nn;

torch.set_num_threads(2);
torch.manual_seed(0);

switch (args[0])
{
    case "gemm":
        foreach (var s in args.Skip(1).DefaultIfEmpty("1024"))
        {
            int n = int.Parse(s);
            var a = torch.randn(n, n);
            var b = torch.randn(n, n);
            double t = BestOf(() => { using (torch.mm(a, b)) { } }, 1.0, 3);
            Emit(new { work = "gemm", n, gflops = 2.0 * n * n * n / t / 1e9 });
        }
        break;
    case "recurrent":
        foreach (var cell in new[] { "lstm", "gru", "rnn" })
        {
            Nn.Module<Tensor, Tensor> layer = cell switch
            {
                "lstm" => new LastOutput(Nn.LSTM(64, 128)),
                "gru" => new LastOutput(Nn.GRU(64, 128)),
                _ => new LastOutput(Nn.RNN(64, 128)),
            };
            var x = torch.randn(50, 32, 64).requires_grad_();
            double t = BestOf(() => { using var scope = torch.NewDisposeScope(); layer.forward(x).sum().backward(); }, 1.0, 10);
            Emit(new { work = "recurrent", cell, forwardBackwardMs = t * 1e3 });
        }
        break;
    case "train":
        Train(args[1], int.Parse(args[2]));
        break;
    default:
        Console.Error.WriteLine("usage: gemm N... | train mlp|lenet5 EPOCHS | recurrent");
        return 2;
}
return 0;

static void Emit(object fields)
{
    var json = JsonSerializer.Serialize(fields);
    Console.WriteLine("{\"side\":\"torchsharp\"," + json[1..]);
}

static double BestOf(Action call, double seconds, int minimum)
{
    for (int i = 0; i < 3; i++) call();
    double best = double.MaxValue;
    int calls = 0;
    var total = Stopwatch.StartNew();
    while (total.Elapsed.TotalSeconds < seconds || calls < minimum)
    {
        var sw = Stopwatch.StartNew();
        call();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
        calls++;
    }
    return best;
}

static Tensor Idx(string name, long[] shape)
{
    using var file = new GZipStream(File.OpenRead("/usr/share/datasets/fashion-mnist/" + name), CompressionMode.Decompress);
    using var bytes = new MemoryStream();
    file.CopyTo(bytes);
    var b = bytes.ToArray();
    int dims = b[3];
    return torch.tensor(b[(4 + 4 * dims)..], torch.uint8).reshape(shape);
}

static void Train(string kind, int epochs)
{
    var xtr = Idx("train-images-idx3-ubyte.gz", [60000, 1, 28, 28]).to_type(ScalarType.Float32).div_(255);
    var ytr = Idx("train-labels-idx1-ubyte.gz", [60000]).to_type(ScalarType.Int64);
    var xte = Idx("t10k-images-idx3-ubyte.gz", [10000, 1, 28, 28]).to_type(ScalarType.Float32).div_(255);
    var yte = Idx("t10k-labels-idx1-ubyte.gz", [10000]).to_type(ScalarType.Int64);
    Nn.Module<Tensor, Tensor> net = kind == "mlp"
        ? Nn.Sequential(Nn.Flatten(), Nn.Linear(784, 128), Nn.ReLU(), Nn.Linear(128, 10))
        : Nn.Sequential(Nn.Conv2d(1, 6, 5, padding: 2), Nn.ReLU(), Nn.MaxPool2d(2), Nn.Conv2d(6, 16, 5), Nn.ReLU(), Nn.MaxPool2d(2),
            Nn.Flatten(), Nn.Linear(400, 120), Nn.ReLU(), Nn.Linear(120, 84), Nn.ReLU(), Nn.Linear(84, 10));
    var optimizer = torch.optim.SGD(net.parameters(), 0.05, momentum: 0.9);
    const int batch = 64, n = 60000;
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        net.train();
        var perm = torch.randperm(n);
        var clock = Stopwatch.StartNew();
        double total = 0;
        for (int i = 0; i < n; i += batch)
        {
            using var scope = torch.NewDisposeScope();
            var index = perm[TensorIndex.Slice(i, Math.Min(i + batch, n))];
            optimizer.zero_grad();
            var loss = Fn.cross_entropy(net.forward(xtr[index]), ytr[index]);
            loss.backward();
            optimizer.step();
            total += loss.item<float>() * index.shape[0];
        }
        double seconds = clock.Elapsed.TotalSeconds;
        net.eval();
        float accuracy;
        using (torch.no_grad())
            accuracy = (net.forward(xte).argmax(1) == yte).to_type(ScalarType.Float32).mean().item<float>();
        Emit(new { work = "train", model = kind, epoch, seconds, loss = total / n, testAccuracy = accuracy });
    }
}

/// <summary>A recurrent layer's output sequence (drops the final states).</summary>
sealed class LastOutput : Nn.Module<Tensor, Tensor>
{
    private readonly Nn.Module<Tensor, Tensor?, (Tensor, Tensor)>? _single;
    private readonly Nn.Module<Tensor, (Tensor, Tensor)?, (Tensor, Tensor, Tensor)>? _lstm;

    public LastOutput(TorchSharp.Modules.LSTM lstm) : base("lstm") { _lstm = lstm; RegisterComponents(); }
    public LastOutput(TorchSharp.Modules.GRU gru) : base("gru") { _single = gru; RegisterComponents(); }
    public LastOutput(TorchSharp.Modules.RNN rnn) : base("rnn") { _single = rnn; RegisterComponents(); }

    public override Tensor forward(Tensor x) => _lstm is not null ? _lstm.forward(x, null).Item1 : _single!.forward(x, null).Item1;
}
