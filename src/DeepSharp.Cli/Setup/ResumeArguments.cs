using DeepSharp.Training;
using System.Globalization;
using DeepSharp.Data;
using DeepSharp.Optim;
using DeepSharp.Serialization;

namespace DeepSharp.Cli.Setup;

/// <summary>A checkpoint to continue training from, with its model rebuilt.</summary>
/// <param name="Path">The checkpoint file.</param>
/// <param name="Checkpoint">The validated checkpoint (optimizer state, schedule, loader position, history).</param>
/// <param name="Model">The model from the checkpoint's description, with its weights.</param>
/// <param name="Dataset">The dataset name the run was trained on (the default of --dataset).</param>
internal sealed record ResumePoint(string Path, Checkpoint Checkpoint, BuiltModel Model, string Dataset)
{
    /// <summary>Epochs done in the checkpoint's run.</summary>
    public int Epoch => Checkpoint.Epoch;
}

/// <summary>
/// The --resume option of train. The checkpoint records the model (description and weights), the
/// optimizer's type and state (step counts, current rates, buffers; not its hyperparameters), the
/// schedule's type and position, the data loader's seed and position, and the history. What it
/// records comes from it and may not be contradicted; what it does not (learning rate, momentum,
/// weight decay, schedule parameters, loss, batch size, data options) is taken from the options
/// as for a fresh run and checked against the saved state where the state tells.
/// </summary>
internal static class ResumeArguments
{
    public static OptionSpec Option { get; } = new("resume",
        "Continue the run of a checkpoint (or its run directory): model, optimizer state, schedule position, data order and history "
        + "come from it; --epochs is then the total. Repeat the training options of the first run", ValueName: "FILE");

    private static readonly string[] ModelOptions = ["model", "hidden", "activation", "variant"];

    private static readonly Dictionary<string, string> OptimizerNames = new(StringComparer.Ordinal)
    {
        ["Sgd"] = "sgd, momentum or nesterov", ["Adam"] = "adam", ["AdamW"] = "adamw", ["RmsProp"] = "rmsprop", ["AdaGrad"] = "adagrad",
    };

    private static readonly Dictionary<string, string> ScheduleNames = new(StringComparer.Ordinal)
    {
        ["CosineSchedule"] = "cosine", ["StepDecaySchedule"] = "step", ["ExponentialSchedule"] = "exponential",
        ["InverseTimeSchedule"] = "inverse-time", ["ReduceOnPlateauSchedule"] = "plateau",
    };

    /// <summary>Reads --resume (null when absent) and checks that the checkpoint can be continued.</summary>
    public static ResumePoint? Load(ParsedArguments args)
    {
        if (args.GetString("resume") is not { } path) return null;
        foreach (string option in ModelOptions)
            if (args.Has(option)) throw new CliUsageException($"'train': --{option} cannot be used with --resume; the checkpoint defines the model.");
        if (Directory.Exists(path)) path = System.IO.Path.Combine(path, ModelStore.FileName);
        var (checkpoint, stored) = ModelStore.LoadCheckpoint(path);
        string Missing(string what) => $"'train': checkpoint '{path}' holds no {what}, so it cannot be resumed (evaluate and predict can still use it).";
        if (checkpoint.OptimizerType is null) throw new CliUsageException(Missing("optimizer state"));
        if (checkpoint.LoaderSeed is null) throw new CliUsageException(Missing("data loader position"));
        int historyEnd = checkpoint.HistoryRecords.Count == 0 ? 0 : checkpoint.HistoryRecords[^1].Epoch;
        if (historyEnd != checkpoint.Epoch)
            throw new CliUsageException($"'train': checkpoint '{path}' records {checkpoint.Epoch} epochs done but its history ends at epoch {historyEnd}.");
        return new ResumePoint(path, checkpoint, stored.Model, stored.Dataset);
    }

    /// <summary>The seed: the checkpoint's (it fixed the data, the split and the shuffling); a different --seed is refused.</summary>
    public static ulong Seed(ParsedArguments args, ResumePoint resume)
    {
        ulong saved = resume.Checkpoint.LoaderSeed!.Value;
        if (!args.Has("seed")) return saved;
        ulong given = (ulong)args.GetInt("seed", 1, 0);
        return given == saved ? given
            : throw new CliUsageException($"'train': --seed {given} differs from the checkpoint's seed {saved}, which fixes the data, the validation split and the shuffling; leave --seed out with --resume.");
    }

    /// <summary>--epochs, required with --resume: the total, above the epochs already done.</summary>
    public static int TotalEpochs(ParsedArguments args, ResumePoint resume)
    {
        if (!args.Has("epochs"))
            throw new CliUsageException($"'train': --resume needs --epochs <total>; the checkpoint has {resume.Epoch} epochs done.");
        int total = args.GetInt("epochs", 0, 1, 1_000_000);
        return total > resume.Epoch ? total
            : throw new CliUsageException($"'train': with --resume, --epochs is the total, and checkpoint '{resume.Path}' already has {resume.Epoch} epochs done; give --epochs above {resume.Epoch}.");
    }

    /// <summary>Restores the optimizer, schedule and loader of <paramref name="plan"/> from the checkpoint;
    /// a mismatch is a usage error naming the option to change.</summary>
    public static void Restore(ResumePoint resume, TrainingPlan plan, DataLoader loader)
    {
        var checkpoint = resume.Checkpoint;
        string saved = checkpoint.OptimizerType!, built = plan.Optimizer.GetType().Name;
        if (saved != built)
            throw new CliUsageException($"'train': the checkpoint holds {saved} state (--optimizer {OptimizerNames.GetValueOrDefault(saved, saved)}) "
                + $"but --optimizer {plan.OptimizerName} builds {built}; give the --optimizer of the first run.");
        CheckMomentum(checkpoint, plan.Optimizer);
        string? savedSchedule = checkpoint.ScheduleType, builtSchedule = plan.Schedule?.GetType().Name;
        if (savedSchedule != builtSchedule)
            throw new CliUsageException($"'train': the checkpoint's run used --schedule {ScheduleName(savedSchedule)} but this one has --schedule {ScheduleName(builtSchedule)}; give the --schedule of the first run.");
        try
        {
            checkpoint.RestoreOptimizer(plan.Optimizer);
            if (plan.Schedule is not null) checkpoint.RestoreSchedule(plan.Schedule);
            checkpoint.RestoreLoader(loader);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"'train': checkpoint '{resume.Path}' does not fit this run: {e.Message}");
        }
    }

    // SGD and RMSprop keep a momentum buffer only when momentum is on; the state tells which it was.
    private static void CheckMomentum(Checkpoint checkpoint, Optimizer optimizer)
    {
        double? momentum = optimizer switch
        {
            Sgd sgd => sgd.Options.Momentum,
            RmsProp rmsProp => rmsProp.Options.Momentum,
            _ => null,
        };
        var state = checkpoint.GetOptimizerState()!;
        if (momentum is not { } m || state.StepCount == 0) return;
        bool savedMomentum = state.Buffers.Keys.Any(k => k.EndsWith(".momentum_buffer", StringComparison.Ordinal));
        if (savedMomentum != m > 0)
            throw new CliUsageException(savedMomentum
                ? $"'train': the checkpoint's {optimizer.GetType().Name} state has momentum buffers but the momentum is 0; give the --optimizer and --momentum of the first run."
                : $"'train': the checkpoint's {optimizer.GetType().Name} state has no momentum buffers but the momentum is {m.ToString(CultureInfo.InvariantCulture)}; give the --optimizer and --momentum of the first run.");
    }

    private static string ScheduleName(string? type) => type is null ? "constant" : ScheduleNames.GetValueOrDefault(type, type);
}
