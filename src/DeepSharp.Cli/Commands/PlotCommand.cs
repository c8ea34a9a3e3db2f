using DeepSharp.Cli.Plots;
using DeepSharp.Cli.Datasets;
using System.Globalization;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp plot</c>: training curves from a saved history, or decision boundaries of
/// MLPs of several depths (or widths) side by side.</summary>
internal sealed class PlotCommand : ICommand
{
    public string Name => "plot";

    public string Summary => "Curves from a saved history.csv, or decision boundaries of several MLPs side by side";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("history", "A history.csv written by 'deepsharp train': plot its loss and accuracy curves", ValueName: "FILE"),
        new("decision-boundaries", "Train one MLP per value and draw their decision regions side by side, e.g. 1,3,50", ValueName: "N,N,..."),
        new("vary", "What the --decision-boundaries values are: layers (hidden layers of --width neurons; default) or width (neurons of one hidden layer)", ValueName: "WHAT"),
        new("width", "Neurons per hidden layer when varying layers (default 8)", ValueName: "N"),
        new("activation", $"Hidden activation: {string.Join(", ", ModelDescriptions.Activations)} (default relu)", ValueName: "NAME"),
        new("epochs", "Training epochs per model (default 100)", ValueName: "N"),
        new("lr", "Adam learning rate (default 0.01)", ValueName: "X"),
        new("seed", "Seed (default 1)", ValueName: "N"),
        .. DatasetArguments.Options.Where(o => o.Name is "dataset" or "samples" or "noise" or "label-column"),
        new("title", "Figure title", ValueName: "TEXT"),
        new("out", "Output file, .png or .svg (default curves.png or decision-boundaries.png)", ValueName: "FILE"),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        bool history = args.Has("history"), boundaries = args.Has("decision-boundaries");
        if (history == boundaries)
            throw new CliUsageException("'plot': give one of --history <csv> or --decision-boundaries <list>.");
        if (history)
        {
            foreach (string option in new[] { "vary", "width", "activation", "epochs", "lr", "seed", "dataset", "samples", "noise", "label-column" })
                if (args.Has(option)) throw new CliUsageException($"'plot': --{option} applies to --decision-boundaries, not to --history.");
            return PlotHistory(args, context);
        }
        return PlotBoundaries(args, context);
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
