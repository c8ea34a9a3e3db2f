using System.Globalization;
using DeepSharp.Cli.Setup;
using DeepSharp.Serialization;
using DeepSharp.Serialization.Onnx;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp export</c>: a checkpoint as an ONNX model, or as a plain safetensors state dict with PyTorch's names.</summary>
internal sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "Write a checkpoint as ONNX (opset 17) or as PyTorch-style safetensors weights";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        CheckpointArguments.Option,
        new("format", "onnx (default) or safetensors-torch (names PyTorch's load_state_dict(strict=True) accepts)", ValueName: "NAME"),
        new("out", "The file to write", ValueName: "FILE"),
        new("force", "Overwrite --out if it exists", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        var stored = CheckpointArguments.Load(args, Name);
        string format = args.GetChoice("format", "onnx", "onnx", "safetensors-torch");
        string output = args.GetString("out") ?? throw new CliUsageException("'export': --out <file> is required.");
        if (File.Exists(output) && !args.Has("force"))
            throw new CliUsageException($"'export': '{output}' exists; pass --force to overwrite it.");
        var module = stored.Model.Module;
        if (format == "onnx")
            module.ExportOnnx(output, stored.Model.InputShape);
        else
            TorchWeights.Save(module, output);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stored.Model.Name}: wrote {output} ({format}, {new FileInfo(output).Length:N0} bytes)"));
        return 0;
    }
}
