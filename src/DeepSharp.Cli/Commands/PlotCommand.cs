using DeepSharp.Cli.Plots;
using DeepSharp.Cli.Datasets;
using System.Globalization;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp plot</c>: training curves from a saved history, decision boundaries of MLPs of
/// several depths (or widths) side by side, the lectures' figures (loss landscape, gradient-descent
/// variants, activation gallery, softmax) and a convolutional model's first-layer filters.</summary>
internal sealed class PlotCommand : ICommand
{
    public string Name => "plot";

    public string Summary => "Curves from a history.csv, MLP decision boundaries, the lectures' figures (loss landscape, GD variants, activations, softmax), conv filters";

    // Each figure and the options it takes (besides --title and --out).
    private static readonly (string Mode, string[] Options)[] Modes =
    [
        ("history", []),
        ("decision-boundaries", ["vary", "width", "activation", "epochs", "lr", "seed", "dataset", "samples", "noise", "label-column"]),
        ("loss-landscape", ["lr", "epochs", "samples", "noise", "seed"]),
        ("gd-variants", ["lr", "epochs", "samples", "noise", "seed", "batch-size"]),
        ("activations", []),
        ("softmax", ["scores"]),
        ("filters", ["checkpoint"]),
        ("annealing", ["seed", "epochs"]),
        ("rbf", ["width", "epochs", "lr", "seed", "dataset", "samples", "noise", "label-column"]),
    ];

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("history", "A history.csv written by 'deepsharp train': plot its loss and accuracy curves", ValueName: "FILE"),
        new("decision-boundaries", "Train one MLP per value and draw their decision regions side by side, e.g. 1,3,50", ValueName: "N,N,..."),
        new("loss-landscape", "The MSE of y = a x + b over slope a in [-2, 4] and intercept b in [-6, 8], with gradient-descent paths (--lr, or too small / right / too large)", IsFlag: true),
        new("gd-variants", "Batch vs mini-batch vs stochastic gradient descent on the same regression: paths, loss against updates and epochs", IsFlag: true),
        new("activations", "The activation gallery (ReLU, leaky/shifted ReLU, maxout, softplus, ELU, sigmoid, tanh, swish, step, sign, arctan) with derivatives", IsFlag: true),
        new("softmax", "Score vectors and their softmax probabilities side by side", IsFlag: true),
        new("filters", "The learned first-layer filters of a convolutional model (give --checkpoint)", IsFlag: true),
        new("annealing", "Energy against sweep of a 16-unit Boltzmann machine started in a local minimum: settling at T = 0 vs simulated annealing", IsFlag: true),
        new("rbf", "An RBF network (k-means + least squares, then trained end to end) against an MLP of the same size: decision regions on a toy set", IsFlag: true),
        new("vary", "What the --decision-boundaries values are: layers (hidden layers of --width neurons; default) or width (neurons of one hidden layer)", ValueName: "WHAT"),
        new("width", "Neurons per hidden layer when varying layers (default 8); Gaussian units of --rbf (default 8)", ValueName: "N"),
        new("activation", $"Hidden activation: {string.Join(", ", ModelDescriptions.Activations)} (default relu)", ValueName: "NAME"),
        new("epochs", "Training epochs per model (default 100; loss-landscape 100, gd-variants 15; annealing: sweeps, 150)", ValueName: "N"),
        new("lr", "Learning rate (decision boundaries: Adam, default 0.01; landscape: one path at this rate; gd-variants: default a quarter of the critical rate)", ValueName: "X"),
        new("seed", "Seed (default 1)", ValueName: "N"),
        new("batch-size", "Mini-batch size for --gd-variants (default 10)", ValueName: "N"),
        new("scores", "Score vectors for --softmax, e.g. \"2,1,0.1;1,3,3,0\"", ValueName: "LIST"),
        new("checkpoint", "Checkpoint or weights file of a convolutional model, for --filters", ValueName: "FILE"),
        .. DatasetArguments.Options.Where(o => o.Name is "dataset" or "samples" or "noise" or "label-column"),
        new("title", "Figure title", ValueName: "TEXT"),
        new("out", "Output file, .png or .svg (default named after the figure, e.g. loss-landscape.png)", ValueName: "FILE"),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        var given = Modes.Where(m => args.Has(m.Mode)).ToArray();
        if (given.Length != 1)
            throw new CliUsageException("'plot': give one of --history <csv> or --decision-boundaries <list>, or a figure: --loss-landscape, --gd-variants, --activations, --softmax, --filters, --annealing, --rbf"
                + (given.Length > 1 ? $" (got {string.Join(" and ", given.Select(m => "--" + m.Mode))})." : "."));
        var (mode, allowed) = given[0];
        foreach (string option in Modes.SelectMany(m => m.Options).Distinct())
            if (args.Has(option) && !allowed.Contains(option))
                throw new CliUsageException($"'plot': --{option} applies to {string.Join(", ", Modes.Where(m => m.Options.Contains(option)).Select(m => "--" + m.Mode))}, not to --{mode}.");
        return mode switch
        {
            "history" => PlotHistory(args, context),
            "decision-boundaries" => PlotBoundaries(args, context),
            "loss-landscape" => PlotLandscape(args, context),
            "gd-variants" => PlotVariants(args, context),
            "activations" => Save(args, context, "activations.png", ActivationFigures.ActivationGallery(args.GetString("title"))),
            "softmax" => Save(args, context, "softmax.png", ActivationFigures.SoftmaxFigure(Scores(args), args.GetString("title"), context.Out)),
            "annealing" => Save(args, context, "annealing.png", AnnealingFigures.EnergyTrace((ulong)args.GetInt("seed", 1, 0),
                new DeepSharp.Classic.AnnealingSchedule { StartTemperature = 4, EndTemperature = 0.05, Sweeps = args.GetInt("epochs", 150, 2, 100_000) },
                args.GetString("title"), context.Out)),
            "rbf" => PlotRbf(args, context),
            _ => PlotFilters(args, context),
        };
    }

    private static int Save(ParsedArguments args, CliContext context, string defaultName, Plot plot)
    {
        string output = args.GetString("out", defaultName)!;
        plot.Save(output);
        context.Out.WriteLine($"wrote {output}");
        return 0;
    }

    private static int PlotLandscape(ParsedArguments args, CliContext context)
    {
        var problem = LandscapeFigures.Problem(args.GetInt("samples", 100, 2, 1_000_000), args.GetDouble("noise", 0.5, 0, 100), (ulong)args.GetInt("seed", 1, 0));
        (string Name, double Rate)[] rates = args.Has("lr") ? [("chosen", args.GetDouble("lr", 0, 1e-9, 100))] : LandscapeFigures.LectureRates(problem);
        var plot = LandscapeFigures.Landscape(problem, rates, args.GetInt("epochs", 100, 1, 100_000), args.GetString("title"), context.Out);
        return Save(args, context, "loss-landscape.png", plot);
    }

    private static int PlotVariants(ParsedArguments args, CliContext context)
    {
        int samples = args.GetInt("samples", 100, 2, 100_000);
        ulong seed = (ulong)args.GetInt("seed", 1, 0);
        var problem = LandscapeFigures.Problem(samples, args.GetDouble("noise", 0.5, 0, 100), seed);
        double rate = args.Has("lr") ? args.GetDouble("lr", 0, 1e-9, 100) : problem.CriticalLearningRate / 4;
        var plot = LandscapeFigures.Variants(problem, rate, args.GetInt("epochs", 15, 1, 10_000), args.GetInt("batch-size", 10, 1, samples), seed,
            args.GetString("title"), context.Out);
        return Save(args, context, "gd-variants.png", plot);
    }

    private static int PlotRbf(ParsedArguments args, CliContext context)
    {
        ulong seed = (ulong)args.GetInt("seed", 1, 0);
        var data = DatasetArguments.Load(args, "circles", seed);
        if (data.Features != 2 || data.Train.InputShape.Count != 1)
            throw new CliUsageException($"'plot': --rbf needs points with 2 features (e.g. {string.Join(", ", DatasetCatalog.ToyNames)}); dataset '{data.Name}' has {data.Features}.");
        int units = args.GetInt("width", 8, 1, Math.Min(512, data.Train.Count));
        var plot = RbfFigures.Compare(data, units, args.GetInt("epochs", 60, 1, 100_000), args.GetDouble("lr", 0.02, 1e-9, 10), seed,
            args.GetString("title"), context.Out, context.Cancellation);
        return Save(args, context, "rbf.png", plot);
    }

    private static double[][] Scores(ParsedArguments args)
    {
        if (args.GetString("scores") is not { } text) return ActivationFigures.DefaultScores;
        var vectors = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (vectors.Length is 0 or > 8) throw new CliUsageException($"'plot': --scores expects 1 to 8 vectors separated by ';', got {vectors.Length}.");
        return vectors.Select(v =>
        {
            var parts = v.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 20) throw new CliUsageException($"'plot': each --scores vector needs 2 to 20 numbers, got '{v}'.");
            return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) ? x
                : throw new CliUsageException($"'plot': --scores expects numbers, got '{p}'.")).ToArray();
        }).ToArray();
    }

    private static int PlotFilters(ParsedArguments args, CliContext context)
    {
        string path = args.GetString("checkpoint") ?? throw new CliUsageException("'plot': --filters needs --checkpoint <file>.");
        var stored = ModelStore.Load(path);
        var (name, layer) = FilterFigures.FirstConvolution(stored.Model.Module)
            ?? throw new CliUsageException($"'plot': model '{stored.Model.Name}' in '{path}' has no convolutional layer, so it has no filters to show.");
        var shape = layer.Weight.ShapeArray;
        context.Out.WriteLine($"{name}: {layer} ({shape[0]} filters of {shape[1]}x{shape[2]}x{shape[3]})");
        return Save(args, context, "filters.png", FilterFigures.Filters(layer, args.GetString("title") ?? $"First-layer filters of {stored.Model.Name} ({name})"));
    }

    private static int PlotHistory(ParsedArguments args, CliContext context)
    {
        string path = args.GetString("history")!;
        Setup.InputFiles.Require(path, "history file");
        var history = History.LoadCsv(path, "accuracy");
        if (history.Count == 0) throw new CliUsageException($"'plot': history file '{path}' has no epochs.");
        string output = args.GetString("out", "curves.png")!;
        HistoryPlots.Curves(history, new TrainingCurvesOptions { Title = args.GetString("title") }).Save(output);
        context.Out.WriteLine($"wrote {output} ({history.Count} epochs)");
        return 0;
    }

    private static int PlotBoundaries(ParsedArguments args, CliContext context)
    {
        int[] values = args.GetIntList("decision-boundaries", []);
        if (values.Length is 0 or > 12) throw new CliUsageException($"'plot': --decision-boundaries expects 1 to 12 values, got {values.Length}.");
        string vary = args.GetChoice("vary", "layers", "layers", "width");
        if (vary == "layers" && values.Max() > 200) throw new CliUsageException("'plot': at most 200 hidden layers.");
        if (vary == "width" && args.Has("width")) throw new CliUsageException("'plot': --width is the varied quantity with --vary width; leave it out.");
        int width = args.GetInt("width", 8, 1, 4096);
        string activation = args.GetString("activation", "relu")!;
        ModelDescriptions.Activation(activation);
        int epochs = args.GetInt("epochs", 100, 1, 100_000);
        double lr = args.GetDouble("lr", 0.01, 0, 10);
        ulong seed = (ulong)args.GetInt("seed", 1, 0);
        var data = DatasetArguments.Load(args, "circles", seed);
        if (data.Features != 2 || data.Train.InputShape.Count != 1)
            throw new CliUsageException($"'plot': decision boundaries need points with 2 features (e.g. {string.Join(", ", DatasetCatalog.ToyNames)}); dataset '{data.Name}' has {data.Features}.");

        float[] points = data.Train.Inputs.Contiguous().ToArray<float>();
        int[] labels = data.Train.Targets.ToArray<int>();
        var panels = new List<Plot>();
        foreach (int value in values)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int[] hidden = vary == "layers" ? Enumerable.Repeat(width, value).ToArray() : [value];
            var model = ModelDescriptions.Mlp(2, hidden, data.Classes, activation, new RandomGenerator(seed));
            var optimizer = new DeepSharp.Optim.Adam(model.Module.Parameters(), new DeepSharp.Optim.AdamOptions(lr));
            var loader = new DataLoader(data.Train, 32, shuffle: true, seed: seed);
            var fit = new FitOptions { Epochs = epochs, Metric = new AccuracyMetric(), CancellationToken = context.Cancellation };
            var history = Trainer.Fit(model.Module, (o, t) => DeepSharp.Nn.Functional.CrossEntropy(o, t), optimizer, loader, fit);
            double accuracy = data.Test is null ? history.Last!.TrainMetric ?? double.NaN
                : Evaluator.Evaluate(model.Module, new DataLoader(data.Test, 256)).Accuracy ?? double.NaN;
            string label = vary == "layers" ? $"{value} hidden layer{(value == 1 ? "" : "s")} of {width}" : $"{value} hidden neuron{(value == 1 ? "" : "s")}";
            string line = string.Create(CultureInfo.InvariantCulture, $"{label}: {(data.Test is null ? "train" : "test")} accuracy {accuracy:F3}");
            context.Out.WriteLine(line);
            panels.Add(ModelPlots.DecisionBoundary(model.Module, points, labels, new DecisionBoundaryOptions
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"{label}: {accuracy:F3}"),
                Width = 460,
                Height = 440,
                PointSize = 6,
            }));
        }
        string title = args.GetString("title") ?? $"MLP ({activation}) decision regions on {data.Name}";
        string output = args.GetString("out", "decision-boundaries.png")!;
        new PanelGrid(panels, panels.Count, title).Save(output);
        context.Out.WriteLine($"wrote {output}");
        return 0;
    }
}
