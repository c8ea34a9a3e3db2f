// Dense, denoising (masking and Gaussian noise) and sparse autoencoders on Fashion-MNIST, with an
// image grid of inputs, noisy inputs and reconstructions.
// Usage: dotnet run -c Release --project examples/Autoencoder [-- --train N --epochs E --out DIR]
using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int trainCount = 20000, epochs = 5;
string outDir = Path.Combine("runs", "autoencoder");
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--train": trainCount = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--epochs": epochs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": outDir = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}; expected --train N, --epochs E or --out DIR.");
    }
}
Directory.CreateDirectory(outDir);

var trainSet = FashionMnist.Load(FashionMnistSplit.Train);
var testSet = FashionMnist.Load(FashionMnistSplit.Test);
int n = Math.Min(trainCount, trainSet.Count);
var train = Tensor.FromArray(trainSet.Pixels.AsSpan(0, n * 784).ToArray(), n, 784);
var test = Tensor.FromArray(testSet.Pixels, testSet.Count, 784);
Console.WriteLine($"Fashion-MNIST: {n} training images, {testSet.Count} test images, pixels in [0, 1]");
Console.WriteLine();

var masking = AutoencoderNoise.Masking(0.3);
var gaussian = AutoencoderNoise.Gaussian(0.3);
var variants = new (string Name, AutoencoderOptions Options)[]
{
    ("dense", new AutoencoderOptions { HiddenSizes = [256], CodeSize = 32 }),
    ("denoising, masking 30%", new AutoencoderOptions { HiddenSizes = [256], CodeSize = 32, Noise = masking }),
    ("denoising, Gaussian σ=0.3", new AutoencoderOptions { HiddenSizes = [256], CodeSize = 32, Noise = gaussian }),
    ("sparse, ReLU code, L1 0.003", new AutoencoderOptions { HiddenSizes = [256], CodeSize = 32, CodeActivation = AutoencoderActivation.Relu, SparsityWeight = 0.003 }),
};
var models = new Dictionary<string, Autoencoder>();
var noiseRng = new RandomGenerator(11);
var testMasked = masking.Apply(test, noiseRng);
var testGaussian = gaussian.Apply(test, noiseRng);
foreach (var (name, options) in variants)
{
    var ae = new Autoencoder(options, new RandomGenerator(7));
    Console.WriteLine($"{ae}, {name}: Adam 3e-3, batch 64, {epochs} epochs");
    var history = Trainer.Fit(ae, ae.ReconstructionLoss, new Adam(ae.Parameters(), new AdamOptions(3e-3)),
        new DataLoader(new TensorDataset(train, train), 64, shuffle: true, seed: 1), new FitOptions { Epochs = epochs });
    foreach (var e in history.Epochs) Console.WriteLine($"  epoch {e.Epoch}: training loss {e.TrainLoss:F4}  ({e.Seconds:F0} s)");
    ae.Eval();
    using (GradMode.NoGrad())
    {
        Console.WriteLine($"  test MSE: clean input {Mse(ae.Forward(test), test):F4}; masked input {Mse(ae.Forward(testMasked), test):F4} " +
            $"(the masked input itself {Mse(testMasked, test):F4}); Gaussian-noisy input {Mse(ae.Forward(testGaussian), test):F4} (itself {Mse(testGaussian, test):F4})");
        var code = ae.Encode(test).ToFloatArray();
        Console.WriteLine($"  code: mean |z| {code.Average(Math.Abs):F3}, exactly zero {code.Count(v => v == 0f) / (double)code.Length:P1}");
    }
    models[name] = ae;
    Console.WriteLine();
}

using (GradMode.NoGrad())
{
    var shown = Enumerable.Range(0, 10).Select(i => i * 7).ToArray(); // ten test images of mixed classes
    var idx = Tensor.FromArray(shown);
    Tensor Pick(Tensor t) => t.IndexSelect(0, idx);
    var rows = new (string Caption, Tensor Images)[]
    {
        ("input", Pick(test)),
        ("dense AE", models["dense"].Forward(Pick(test))),
        ("masked 30%", Pick(testMasked)),
        ("denoised", models["denoising, masking 30%"].Forward(Pick(testMasked))),
        ("Gauss 0.3", Pick(testGaussian)),
        ("denoised", models["denoising, Gaussian σ=0.3"].Forward(Pick(testGaussian))),
        ("sparse AE", models["sparse, ReLU code, L1 0.003"].Forward(Pick(test))),
    };
    string path = Path.Combine(outDir, "autoencoder-reconstructions.png");
    new ImageGrid([.. rows.SelectMany(r => r.Images.ToFloatArray())], rows.Length * 10, 28, 28,
        captions: [.. rows.SelectMany(r => Enumerable.Repeat(r.Caption, 10))],
        options: new ImageGridOptions { Columns = 10, Scale = 2, Title = "Autoencoders on Fashion-MNIST" }).SavePng(path);
    Console.WriteLine($"Wrote {path}");
}

static double Mse(Tensor a, Tensor b) => Functional.MseLoss(a, b).Item();
