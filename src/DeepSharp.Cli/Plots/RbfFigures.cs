using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Cli.Plots;

/// <summary>An RBF network against an MLP of the same size on a 2-D toy set: decision regions of the
/// classic fit (k-means centres, least-squares readout), of the same network trained end to end, and
/// of a one-hidden-layer tanh MLP with as many hidden units.</summary>
internal static class RbfFigures
{
    /// <summary>Fits the three models, prints their held-out accuracies and returns the three panels side by side.</summary>
    public static PanelGrid Compare(NamedDataset data, int units, int epochs, double lr, ulong seed, string? title, TextWriter output, CancellationToken cancellation)
    {
        var x = data.Train.Inputs;
        var y = data.Train.Targets;
        float[] points = x.Contiguous().ToArray<float>();
        int[] labels = y.ToArray<int>();
        var panels = new List<Plot>();

        var rbf = new RbfNetwork(2, units, data.Classes, new RandomGenerator(seed));
        rbf.FitFromData(x, y, rng: new RandomGenerator(seed + 1));
        panels.Add(Panel(rbf, $"RBF, {units} Gaussians: k-means + least squares", data, points, labels, output));

        Train(rbf, data, epochs, lr, seed, cancellation);
        panels.Add(Panel(rbf, $"the same RBF trained end to end ({epochs} epochs)", data, points, labels, output));

        var mlp = Models.Mlp(2, [units], data.Classes, () => new Tanh(), new RandomGenerator(seed));
        Train(mlp, data, epochs, lr, seed, cancellation);
        panels.Add(Panel(mlp, $"MLP, {units} tanh units ({epochs} epochs)", data, points, labels, output));
        return new PanelGrid(panels, 3, title ?? $"RBF network vs MLP of the same size on {data.Name}");
    }

    private static void Train(Module model, NamedDataset data, int epochs, double lr, ulong seed, CancellationToken cancellation) =>
        Trainer.Fit(model, (o, t) => Functional.CrossEntropy(o, t), new Adam(model.Parameters(), new AdamOptions(lr)),
            new DataLoader(data.Train, 32, shuffle: true, seed: seed), new FitOptions { Epochs = epochs, CancellationToken = cancellation });

    private static Plot Panel(Module model, string label, NamedDataset data, float[] points, int[] labels, TextWriter output)
    {
        var test = data.Test ?? data.Train;
        double accuracy = Evaluator.Evaluate(model, new DataLoader(test, 256)).Accuracy ?? double.NaN;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {(data.Test is null ? "train" : "test")} accuracy {accuracy:F3}"));
        return ModelPlots.DecisionBoundary(model, points, labels, new DecisionBoundaryOptions
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"{label}: {accuracy:F3}"),
            Width = 560,
            Height = 500,
            PointSize = 5,
            TextScale = 1,
        });
    }
}
