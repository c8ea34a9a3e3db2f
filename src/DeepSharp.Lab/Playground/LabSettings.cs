using System.Globalization;

namespace DeepSharp.Lab.Playground;

/// <summary>A checked <see cref="LabConfig"/>: every value within <see cref="LabLimits"/>, every name an enum.</summary>
public sealed record LabSettings(
    LabDatasetKind Dataset,
    int Points,
    double Noise,
    double TrainFraction,
    IReadOnlyList<InputFeature> Features,
    IReadOnlyList<int> Hidden,
    LabActivation Activation,
    LabLossKind Loss,
    double LearningRate,
    int BatchSize,
    LabRegularization Regularization,
    double RegularizationRate,
    LabOptimizerKind Optimizer,
    int Seed,
    int StepsPerFrame)
{
    /// <summary>Checks <paramref name="config"/>.</summary>
    /// <exception cref="LabRequestException">A value is missing, unknown or out of range; the message names the field, what was expected and what was found.</exception>
    public static LabSettings From(LabConfig? config)
    {
        if (config is null) throw new LabRequestException("expected a JSON object with the lab settings, got an empty body.");
        var features = config.Features ?? throw new LabRequestException("features: expected a list of feature names, got null.");
        if (features.Length == 0) throw new LabRequestException($"features: expected at least one of {string.Join(", ", LabNames.Of<InputFeature>())}, got none.");
        var parsed = features.Select(f => LabNames.Parse<InputFeature>(f, "features")).ToArray();
        if (parsed.Distinct().Count() != parsed.Length) throw new LabRequestException("features: a feature is listed twice.");
        var hidden = config.Hidden ?? throw new LabRequestException("hidden: expected a list of neuron counts, got null.");
        if (hidden.Length > LabLimits.MaxHiddenLayers)
            throw new LabRequestException($"hidden: at most {LabLimits.MaxHiddenLayers} hidden layers, got {hidden.Length}.");
        for (int i = 0; i < hidden.Length; i++)
            if (hidden[i] < 1 || hidden[i] > LabLimits.MaxNeurons)
                throw new LabRequestException($"hidden: layer {i + 1} has {hidden[i]} neurons; expected 1 to {LabLimits.MaxNeurons}.");
        Range(config.Points, LabLimits.MinPoints, LabLimits.MaxPoints, "points");
        Range(config.Noise, 0, 1, "noise");
        Range(config.TrainFraction, 0.1, 0.9, "trainFraction");
        if (!(config.LearningRate > 0) || config.LearningRate > 10)
            throw new LabRequestException($"learningRate: expected a number in (0, 10], got {Format(config.LearningRate)}.");
        int train = TrainCount(config.Points, config.TrainFraction);
        Range(config.BatchSize, 1, train, "batchSize (at most the training points)");
        Range(config.RegularizationRate, 0, 10, "regularizationRate");
        Range(config.StepsPerFrame, 1, LabLimits.MaxStepsPerFrame, "stepsPerFrame");
        if (config.Seed < 0) throw new LabRequestException($"seed: expected a non-negative integer, got {config.Seed}.");
        return new LabSettings(
            LabNames.Parse<LabDatasetKind>(config.Dataset, "dataset"), config.Points, config.Noise, config.TrainFraction, parsed, [.. hidden],
            LabNames.Parse<LabActivation>(config.Activation, "activation"), LabNames.Parse<LabLossKind>(config.Loss, "loss"),
            config.LearningRate, config.BatchSize, LabNames.Parse<LabRegularization>(config.Regularization, "regularization"),
            config.RegularizationRate, LabNames.Parse<LabOptimizerKind>(config.Optimizer, "optimizer"), config.Seed, config.StepsPerFrame);
    }

    /// <summary>Training points for a total and a train fraction (at least one each side).</summary>
    public static int TrainCount(int points, double trainFraction) =>
        Math.Clamp((int)Math.Round(points * trainFraction, MidpointRounding.AwayFromZero), 1, Math.Max(1, points - 1));

    /// <summary>Training points of these settings.</summary>
    public int TrainPoints => TrainCount(Points, TrainFraction);

    /// <summary>True when <paramref name="other"/> needs new data or a new network (not only new hyperparameters).</summary>
    public bool NeedsRebuild(LabSettings other) =>
        Dataset != other.Dataset || Points != other.Points || Noise != other.Noise || TrainFraction != other.TrainFraction
        || !Features.SequenceEqual(other.Features) || !Hidden.SequenceEqual(other.Hidden) || Activation != other.Activation
        || Seed != other.Seed;

    /// <summary>Back to the JSON form.</summary>
    public LabConfig ToConfig() => new()
    {
        Dataset = LabNames.Name(Dataset), Points = Points, Noise = Noise, TrainFraction = TrainFraction,
        Features = [.. Features.Select(LabNames.Name)], Hidden = [.. Hidden], Activation = LabNames.Name(Activation),
        Loss = LabNames.Name(Loss), LearningRate = LearningRate, BatchSize = BatchSize, Regularization = LabNames.Name(Regularization),
        RegularizationRate = RegularizationRate, Optimizer = LabNames.Name(Optimizer), Seed = Seed, StepsPerFrame = StepsPerFrame,
    };

    private static void Range(double value, double min, double max, string field)
    {
        if (!(value >= min && value <= max))
            throw new LabRequestException($"{field}: expected a number from {Format(min)} to {Format(max)}, got {Format(value)}.");
    }

    private static void Range(int value, int min, int max, string field)
    {
        if (value < min || value > max) throw new LabRequestException($"{field}: expected an integer from {min} to {max}, got {value}.");
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
