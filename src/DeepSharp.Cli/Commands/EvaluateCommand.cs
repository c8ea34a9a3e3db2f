using DeepSharp.Cli.Plots;
using System.Globalization;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Plotting;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp evaluate</c>: loss, accuracy, confusion matrix and per-class precision / recall of a checkpoint on a dataset.</summary>
internal sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";

    public string Summary => "Loss, accuracy, confusion matrix and per-class precision/recall of a checkpoint";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        CheckpointArguments.Option,
        .. CheckpointArguments.ModelOptions,
        .. DatasetArguments.Options,
        new("split", "test (default when the dataset has one) or train", ValueName: "NAME"),
        new("loss", "cross-entropy (default), mse or l1", ValueName: "NAME"),
        new("seed", "Seed of the toy-data generators (default 1, as in train)", ValueName: "N"),
        new("batch-size", "Samples per batch (default 256)", ValueName: "N"),
        new("plot", "Also write the confusion matrix heat map to this .png or .svg file", ValueName: "FILE"),
        new("json", "Print one JSON object {\"loss\",\"accuracy\",\"samples\",...}", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        var stored = CheckpointArguments.Load(args, Name);
        var data = CheckpointArguments.LoadData(args, stored, (ulong)args.GetInt("seed", 1, 0));
        string split = args.GetChoice("split", data.Test is null ? "train" : "test", "test", "train");
        var samples = split == "test"
            ? data.Test ?? throw new CliUsageException($"'evaluate': dataset '{data.Name}' has no test split; use --split train or --test-dataset.")
            : data.Train;
        var (_, loss) = OptimizerArguments.Loss(args, data.Classes);
        var result = Evaluator.Evaluate(stored.Model.Module, new DataLoader(samples, args.GetInt("batch-size", 256, 1, 1 << 20)), loss);
        var confusion = result.Confusion!;
        var names = stored.ClassNames.Count == confusion.Classes ? stored.ClassNames : data.ClassNames;
        if (args.GetString("plot") is { } plot)
            ModelPlots.Confusion(confusion, names.Count == confusion.Classes ? names : null).Save(plot);

        if (args.Has("json"))
        {
            context.Out.WriteLine(new JsonLine()
                .Add("loss", result.Loss)
                .Add("accuracy", result.Accuracy)
                .Add("samples", result.Samples)
                .Add("dataset", data.Name)
                .Add("split", split)
                .Add("precision", Enumerable.Range(0, confusion.Classes).Select(confusion.Precision))
                .Add("recall", Enumerable.Range(0, confusion.Classes).Select(confusion.Recall))
                .ToString());
            return 0;
        }
        var c = CultureInfo.InvariantCulture;
        context.Out.WriteLine($"{stored.Model.Name} ({stored.Model.Module.ParameterCount.ToString("N0", c)} parameters, trained on {stored.Dataset}) on {data.Name}, {split} split: {result.Samples} samples");
        context.Out.WriteLine(string.Create(c, $"loss {result.Loss:F4}  accuracy {result.Accuracy:F4}"));
        context.Out.WriteLine();
        context.Out.Write(ConfusionTable.Format(confusion, names));
        return 0;
    }
}
