using DeepSharp.Serialization;

namespace DeepSharp.Cli.Setup;

/// <summary>train's --init-from: start from existing weights (a plain PyTorch-style safetensors file, a DeepSharp weights
/// file or checkpoint) loaded strictly into the model --model builds.</summary>
internal static class InitFrom
{
    public static OptionSpec Option { get; } = new("init-from",
        "Start from these weights: safetensors with the model's names (e.g. PyTorch's 0.weight ... for lenet5), or a DeepSharp checkpoint", ValueName: "FILE");

    public static void Apply(ParsedArguments args, BuiltModel model, bool resuming)
    {
        if (args.GetString("init-from") is not { } path) return;
        if (resuming) throw new CliUsageException("'train': give either --resume or --init-from, not both.");
        if (!File.Exists(path)) throw new FileNotFoundException($"weights file '{path}' does not exist.", path);
        model.Module.Load(path, strict: true);
    }
}
