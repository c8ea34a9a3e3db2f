namespace DeepSharp.Lab.Playground;

/// <summary>
/// What the page asks for, as it arrives in JSON (names as strings). <see cref="LabSettings.From"/>
/// checks it against <see cref="LabLimits"/> and turns the names into enums.
/// </summary>
public sealed record LabConfig
{
    /// <summary>Data set name (see <see cref="LabNames"/>).</summary>
    public string Dataset { get; init; } = "circles";

    /// <summary>Points generated, train and test together.</summary>
    public int Points { get; init; } = 400;

    /// <summary>Standard deviation of the Gaussian noise, in the units of the plot (the data fills about [-1, 1]²).</summary>
    public double Noise { get; init; } = 0.05;

    /// <summary>Share of the points used for training, the rest for testing.</summary>
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>The input features, e.g. ["x1", "x2"].</summary>
    public string[] Features { get; init; } = ["x1", "x2"];

    /// <summary>Neurons per hidden layer, first to last (may be empty: a single output neuron).</summary>
    public int[] Hidden { get; init; } = [4, 2];

    /// <summary>Activation of every hidden neuron.</summary>
    public string Activation { get; init; } = "tanh";

    /// <summary>Loss of the output neuron.</summary>
    public string Loss { get; init; } = "cross-entropy";

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>Samples per update: 1 is stochastic, the training-set size is batch gradient descent.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Weight penalty: none, l1 or l2.</summary>
    public string Regularization { get; init; } = "none";

    /// <summary>Penalty strength λ.</summary>
    public double RegularizationRate { get; init; }

    /// <summary>Optimizer name.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Seed of the data, the initial weights and the batch order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training steps (updates) per streamed frame while playing.</summary>
    public int StepsPerFrame { get; init; } = 5;
}
