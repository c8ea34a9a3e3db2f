// A variational autoencoder (Kingma & Welling) on Fashion-MNIST with a 2-D latent space: prints
// the negative ELBO (reconstruction + KL) per epoch and on the test set, and writes a grid of
// samples decoded from z ~ N(0, I), test images beside their reconstructions, and the test set's
// latent means coloured by class.
// Usage: dotnet run -c Release --project examples/VariationalAutoencoder [-- --train N --epochs E --latent K --out DIR]
using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int trainCount = 60000, epochs = 10, latent = 2;
string outDir = Path.Combine("runs", "vae");
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--train": trainCount = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--epochs": epochs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--latent": latent = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": outDir = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}; expected --train N, --epochs E, --latent K or --out DIR.");
    }
}
Directory.CreateDirectory(outDir);

var trainSet = FashionMnist.Load(FashionMnistSplit.Train);
var testSet = FashionMnist.Load(FashionMnistSplit.Test);
int n = Math.Min(trainCount, trainSet.Count);
var train = Tensor.FromArray(trainSet.Pixels.AsSpan(0, n * 784).ToArray(), n, 784);
var test = Tensor.FromArray(testSet.Pixels, testSet.Count, 784);
Console.WriteLine($"Fashion-MNIST: {n} training images, {testSet.Count} test images, pixels in [0, 1] (Bernoulli decoder)");

var vae = new VariationalAutoencoder(new VariationalAutoencoderOptions { HiddenSizes = [512, 256], LatentSize = latent }, new RandomGenerator(7));
Console.WriteLine($"{vae}: Adam 1e-3, batch 128, {epochs} epochs");
var history = Trainer.Fit(vae, vae.ElboLoss, new Adam(vae.Parameters(), new AdamOptions(1e-3)),
    new DataLoader(new TensorDataset(train, train), 128, shuffle: true, seed: 1), new FitOptions { Epochs = epochs });
foreach (var e in history.Epochs) Console.WriteLine($"  epoch {e.Epoch}: training -ELBO {e.TrainLoss:F2} nats per image  ({e.Seconds:F0} s)");

vae.Eval();
using (GradMode.NoGrad())
{
    var loss = vae.Loss(test);
    Console.WriteLine($"test: -ELBO {loss.Total.Item():F2} = reconstruction {loss.Reconstruction.Item():F2} + KL {loss.Kl.Item():F2} nats per image (z = mean)");

    string samples = Path.Combine(outDir, "vae-samples.png");
    new ImageGrid(vae.Sample(100, new RandomGenerator(3)).ToFloatArray(), 100, 28, 28,
        options: new ImageGridOptions { Columns = 10, Scale = 2, Title = "Decoded from z ~ N(0, I)" }).SavePng(samples);
    Console.WriteLine($"Wrote {samples}");

    var shown = Tensor.FromArray(Enumerable.Range(0, 20).Select(i => i * 37).ToArray());
    var inputs = test.IndexSelect(0, shown);
    var reconstructions = vae.DecodeMean(vae.Encode(inputs).Mean);
    string recon = Path.Combine(outDir, "vae-reconstructions.png");
    new ImageGrid([.. inputs.ToFloatArray(), .. reconstructions.ToFloatArray()], 40, 28, 28,
        captions: [.. Enumerable.Repeat("input", 20), .. Enumerable.Repeat("decoded", 20)],
        options: new ImageGridOptions { Columns = 20, Scale = 2, Title = "Test images (top) and their reconstructions (bottom)" }).SavePng(recon);
    Console.WriteLine($"Wrote {recon}");

    if (latent == 2)
    {
        float[] means = vae.Encode(test).Mean.ToFloatArray();
        int count = Math.Min(5000, testSet.Count);
        string scatter = Path.Combine(outDir, "vae-latent.png");
        new ScatterPlot(Enumerable.Range(0, count).Select(i => (double)means[2 * i]).ToArray(),
            Enumerable.Range(0, count).Select(i => (double)means[2 * i + 1]).ToArray(), testSet.Labels.AsSpan(0, count).ToArray(),
            new ScatterPlotOptions { Title = "Latent means of 5000 test images", XLabel = "z1", YLabel = "z2", ClassNames = FashionMnist.ClassNames, Width = 760, Height = 640 })
            .SavePng(scatter);
        Console.WriteLine($"Wrote {scatter}");
    }
}
