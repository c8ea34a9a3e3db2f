using System.Globalization;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Optimizer, learning rate, schedule and loss options of train and bench, and what they build.</summary>
internal static class OptimizerArguments
{
    public static readonly string[] Optimizers = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"];
    public static readonly string[] Losses = ["cross-entropy", "mse", "l1", "perceptron"];

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("optimizer", "sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad (default adam)", ValueName: "NAME"),
        new("lr", "Learning rate (default: 0.01 for toy sets, 0.001 otherwise; 0.1 for sgd, 0.05 for momentum/nesterov)", ValueName: "X"),
        new("momentum", "Momentum of sgd, momentum, nesterov, rmsprop (default 0.9 for momentum/nesterov)", ValueName: "X"),
        new("weight-decay", "L2 weight decay (decoupled for adamw; default 0, 0.01 for adamw)", ValueName: "X"),
        new("schedule", "Learning-rate schedule (default cosine; constant for --model perceptron): constant, step:<every>[:<gamma>], exponential:<gamma>, cosine, inverse-time:<decay>, plateau[:<patience>[:<factor>]]", ValueName: "SPEC"),
        new("loss", "cross-entropy (default), mse or l1 (on one-hot targets), perceptron (the perceptron criterion; default of --model perceptron)", ValueName: "NAME"),
    ];

    /// <summary>The learning rate: --lr, or a default suited to the optimizer and the data.</summary>
    public static double LearningRate(ParsedArguments args, string optimizer, bool toyData) =>
        args.GetDouble("lr", optimizer switch
        {
            "sgd" => 0.1,
            "momentum" or "nesterov" => 0.05,
            _ => toyData ? 0.01 : 0.001,
        }, 0, 100);

    public static Optimizer Build(ParsedArguments args, Module model, string name, double lr)
    {
        var parameters = model.Parameters().ToList();
        double decay = args.GetDouble("weight-decay", name == "adamw" ? 0.01 : 0, 0, 10);
        double momentum = args.GetDouble("momentum", name is "momentum" or "nesterov" ? 0.9 : 0, 0, 0.999999);
        if (name is "momentum" or "nesterov" && momentum == 0)
            throw new CliUsageException($"'train': optimizer '{name}' needs --momentum above 0.");
        return name switch
        {
            "sgd" or "momentum" or "nesterov" => new Sgd(parameters, new SgdOptions(lr, momentum, name == "nesterov", decay)),
            "adam" => new Adam(parameters, new AdamOptions(lr, weightDecay: decay)),
            "adamw" => new AdamW(parameters, new AdamOptions(lr, weightDecay: decay)),
            "rmsprop" => new RmsProp(parameters, new RmsPropOptions(lr, weightDecay: decay, momentum: momentum)),
            "adagrad" => new AdaGrad(parameters, new AdaGradOptions(lr, weightDecay: decay)),
            _ => throw new CliUsageException($"unknown optimizer '{name}'; accepted: {string.Join(", ", Optimizers)}."),
        };
    }

    /// <summary>The schedule of --schedule, or null for a constant rate.</summary>
    public static LearningRateSchedule? Schedule(ParsedArguments args, int epochs, string defaultSpec = "cosine")
    {
        string spec = args.GetString("schedule", defaultSpec)!;
        var parts = spec.Split(':');
        string kind = parts[0].ToLowerInvariant();
        double Arg(int i, double fallback) => parts.Length > i
            ? double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
                : throw new CliUsageException($"'train': --schedule '{spec}': '{parts[i]}' is not a number.")
            : fallback;
        int MaxArgs(int n) => parts.Length <= n + 1 ? 0
            : throw new CliUsageException($"'train': --schedule '{spec}' has too many parts; {kind} takes at most {n}.");
        try
        {
            return kind switch
            {
                "constant" when MaxArgs(0) == 0 => null,
                "step" when MaxArgs(2) == 0 => new StepDecaySchedule(parts.Length > 1 ? (int)Arg(1, 10) : Math.Max(1, epochs / 3), Arg(2, 0.1)),
                "exponential" when MaxArgs(1) == 0 => new ExponentialSchedule(Arg(1, 0.95)),
                "cosine" when MaxArgs(1) == 0 => new CosineSchedule(epochs, Arg(1, 0)),
                "inverse-time" when MaxArgs(1) == 0 => new InverseTimeSchedule(Arg(1, 0.1)),
                "plateau" when MaxArgs(2) == 0 => new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: Arg(2, 0.1), patience: (int)Arg(1, 5))),
                _ => throw new CliUsageException(
                    $"'train': unknown --schedule '{spec}'; accepted: constant, step:<every>[:<gamma>], exponential:<gamma>, cosine, inverse-time:<decay>, plateau[:<patience>[:<factor>]]."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliUsageException($"'train': --schedule '{spec}': {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The loss of --loss: cross-entropy on logits, or mse / l1 against one-hot targets.</summary>
    public static (string Name, Func<Tensor, Tensor, Tensor> Loss) Loss(ParsedArguments args, int classes, string defaultLoss = "cross-entropy")
    {
        string name = args.GetChoice("loss", defaultLoss, Losses);
        Func<Tensor, Tensor, Tensor> loss = name switch
        {
            "mse" => (output, target) => Functional.MseLoss(output, OneHot(target, classes)),
            "l1" => (output, target) => Functional.L1Loss(output, OneHot(target, classes)),
            "perceptron" => (output, target) => Functional.PerceptronCriterion(output, target),
            _ => (output, target) => Functional.CrossEntropy(output, target),
        };
        return (name, loss);
    }

    private static Tensor OneHot(Tensor target, int classes) => target.DType == DType.Int32 ? Tensor.OneHot(target, classes) : target;
}
