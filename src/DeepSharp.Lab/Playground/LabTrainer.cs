using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>
/// Trains a <see cref="LabNetwork"/> one update at a time with the library: a <see cref="DataLoader"/>
/// batch, forward, loss (+ penalty), <c>Backward</c>, <see cref="Optimizer.Step"/>. Not thread-safe:
/// the session serializes calls.
/// </summary>
public sealed class LabTrainer
{
    private readonly LabNetwork _network;
    private readonly TensorDataset _train;
    private readonly TensorDataset _test;
    private LabSettings _settings;
    private Optimizer _optimizer;
    private DataLoader _loader;
    private IEnumerator<Batch>? _batches;

    /// <summary>Creates the trainer of <paramref name="network"/> on the two splits.</summary>
    public LabTrainer(LabNetwork network, TensorDataset train, TensorDataset test, LabSettings settings)
    {
        _network = network;
        _train = train;
        _test = test;
        _settings = settings;
        _optimizer = CreateOptimizer(network.Model, settings);
        _loader = CreateLoader(train, settings);
    }

    /// <summary>Updates applied so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Training samples seen so far divided by the training-set size.</summary>
    public double Epochs { get; private set; }

    /// <summary>The optimizer in use.</summary>
    public Optimizer Optimizer => _optimizer;

    /// <summary>Takes new hyperparameters (learning rate, batch size, loss, penalty, optimizer) without touching the weights.</summary>
    public void Apply(LabSettings settings)
    {
        if (settings.Optimizer != _settings.Optimizer) _optimizer = CreateOptimizer(_network.Model, settings);
        else _optimizer.LearningRate = settings.LearningRate;
        if (settings.BatchSize != _settings.BatchSize)
        {
            _batches?.Dispose();
            _batches = null;
            _loader = CreateLoader(_train, settings);
        }
        _settings = settings;
    }

    /// <summary>One update on the next batch; returns its loss (data term plus penalty).</summary>
    public double Step()
    {
        if (_batches is null || !_batches.MoveNext())
        {
            _batches?.Dispose();
            _batches = _loader.GetEnumerator();
            if (!_batches.MoveNext()) throw new InvalidOperationException("the training set is empty");
        }
        var batch = _batches.Current;
        _optimizer.ZeroGrad();
        var loss = Loss(_network.Model.Forward(batch.Inputs), batch.Targets, _settings.Loss) + Penalty();
        double value = loss.Item();
        loss.Backward();
        _optimizer.Step();
        Steps++;
        Epochs += (double)batch.Count / _train.Count;
        return value;
    }

    /// <summary>Mean data loss and accuracy on the training and the test points (no penalty, as TensorFlow Playground shows).</summary>
    public (double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy) Evaluate()
    {
        using var _ = GradMode.NoGrad();
        var (trainLoss, trainAccuracy) = Evaluate(_train);
        var (testLoss, testAccuracy) = Evaluate(_test);
        return (trainLoss, testLoss, trainAccuracy, testAccuracy);
    }

    private (double Loss, double Accuracy) Evaluate(TensorDataset data)
    {
        var logits = _network.Model.Forward(data.Inputs);
        double loss = Loss(logits, data.Targets, _settings.Loss).Item();
        var predicted = logits.Ge(0).ToArray<float>();
        var labels = data.Targets.ToArray<float>();
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
            if (predicted[i] == labels[i]) correct++;
        return (loss, labels.Length == 0 ? double.NaN : (double)correct / labels.Length);
    }

    /// <summary>The data loss of logits z (N, 1) against labels t (N, 1): binary cross-entropy on z, or
    /// the mean over samples of ½ (σ(z) - t)².</summary>
    public static Tensor Loss(Tensor logits, Tensor targets, LabLossKind kind) => kind switch
    {
        LabLossKind.CrossEntropy => Functional.BinaryCrossEntropyWithLogits(logits, targets),
        LabLossKind.SquaredError => SquaredError(logits.Sigmoid(), targets),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    /// <summary>The mean over samples of ½ (o - t)² for probabilities o (N, 1).</summary>
    public static Tensor SquaredError(Tensor probabilities, Tensor targets) =>
        Functional.SumSquaredError(probabilities, targets, Reduction.Mean);

    private Tensor Penalty() => _settings.Regularization switch
    {
        LabRegularization.L1 => Regularization.L1(Regularization.Weights(_network.Model), _settings.RegularizationRate),
        LabRegularization.L2 => Regularization.L2(Regularization.Weights(_network.Model), _settings.RegularizationRate),
        _ => Tensor.Scalar(0),
    };

    private static DataLoader CreateLoader(TensorDataset train, LabSettings settings) =>
        new(train, Math.Min(settings.BatchSize, train.Count), shuffle: true, seed: (ulong)settings.Seed + 2);

    private static Optimizer CreateOptimizer(Module model, LabSettings settings)
    {
        var p = model.Parameters();
        double lr = settings.LearningRate;
        return settings.Optimizer switch
        {
            LabOptimizerKind.Sgd => new Sgd(p, new SgdOptions(lr)),
            LabOptimizerKind.Momentum => new Sgd(p, new SgdOptions(lr, momentum: 0.9)),
            LabOptimizerKind.Adam => new Adam(p, new AdamOptions(lr)),
            LabOptimizerKind.RmsProp => new RmsProp(p, new RmsPropOptions(lr)),
            LabOptimizerKind.AdaGrad => new AdaGrad(p, new AdaGradOptions(lr)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Optimizer, "unknown optimizer"),
        };
    }
}
