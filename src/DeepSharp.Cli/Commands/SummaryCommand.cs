using System.Globalization;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp summary</c>: the layer table of a model with output shapes and parameter counts.</summary>
internal sealed class SummaryCommand : ICommand
{
    public string Name => "summary";

    public string Summary => "Layer table of a model: output shapes and parameter counts";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. ModelArguments.Options,
        new("input-shape", "Shape of one input sample, e.g. 784 or 1,28,28 (default: from --dataset, else 784 or 1,28,28 for lenet5)", ValueName: "N,..."),
        new("classes", "Output size where no dataset gives it (default 10)", ValueName: "N"),
        .. DatasetArguments.Options,
        new("json", "Print one JSON object with the layers and totals", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        string model = ModelArguments.ModelName(args);
        bool images = ModelArguments.WantsImages(model);
        int[] shape;
        int classes;
        string source;
        if (args.Has("dataset"))
        {
            if (args.Has("input-shape") || args.Has("classes"))
                throw new CliUsageException("'summary': give either --dataset or --input-shape/--classes, not both.");
            var data = DatasetArguments.Load(args, "spirals", 1, flattenImages: !images);
            (shape, classes, source) = (data.Train.InputShape.ToArray(), data.Classes, data.Name);
        }
        else
        {
            // A JSON description carries its own input shape.
            int[] fallback = (ModelArguments.IsFile(model) && File.Exists(model) ? ModelDescriptions.ReadInputShape(model) : null)
                ?? (images ? [1, 28, 28] : [784]);
            shape = args.GetIntList("input-shape", fallback);
            // A JSON description also fixes its output size: only check it against an explicit --classes.
            classes = args.GetInt("classes", ModelArguments.IsFile(model) ? 0 : 10, 1, 1_000_000);
            source = "--input-shape";
        }
        var built = ModelArguments.Build(args, source, shape, classes, [128], new RandomGenerator(0), args.Has("dataset") ? "dataset" : "option");
        var summary = built.Module.Summary(built.InputShape);
        if (args.Has("json"))
        {
            var json = new JsonLine()
                .Add("model", built.Name)
                .Add("inputShape", built.InputShape.Select(d => (double)d))
                .Add("totalParameters", summary.TotalParameters)
                .Add("trainableParameters", summary.TrainableParameters)
                .Add("layerParameters", summary.Rows.Select(r => (double)r.ParameterCount));
            context.Out.WriteLine(json.ToString());
            return 0;
        }
        context.Out.WriteLine($"{built.Name}: {string.Join("x", built.InputShape)} -> {built.Outputs} ({summary.TotalParameters.ToString("N0", CultureInfo.InvariantCulture)} parameters)");
        context.Out.WriteLine(summary.ToString());
        return 0;
    }
}
