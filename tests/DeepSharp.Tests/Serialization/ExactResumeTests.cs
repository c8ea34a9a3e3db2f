using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Training;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>
/// Training 6 epochs in one go, and training 3, checkpointing, then resuming for 3 more from the
/// file alone, give bit-identical weights and histories (apart from the wall-clock seconds).
/// </summary>
/// <remarks>"In a new process" is modelled in-process: the resumed run builds every object afresh
/// from the checkpoint file (model from the stored description, a new optimizer, schedule, data
/// loader and datasets) and shares nothing with the first run; the library keeps no global state
/// that training reads (dropout layers own forked generators, loaders derive each epoch's order
/// from seed and epoch number), so a separate process would start from the same inputs.</remarks>
public sealed class ExactResumeTests : IDisposable
{
    private const int TotalEpochs = 6;
    private const int FirstEpochs = 3;
    private readonly string _dir = TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Everything a run needs, created from scratch (the datasets are re-generated from seeds).</summary>
    private sealed record Run(Sequential Model, Optimizer Optimizer, LearningRateSchedule Schedule, DataLoader Train, DataLoader Validation)
    {
        public FitOptions Options(int epochs, IReadOnlyList<TrainingCallback>? callbacks = null) => new()
        {
            Epochs = epochs,
            Validation = Validation,
            Schedule = Schedule,
            Metric = new AccuracyMetric(),
            Callbacks = callbacks ?? [],
        };
    }

    private static Run Create(string optimizerKind, Sequential? model = null)
    {
        model ??= SmallDescription().Build(new RandomGenerator(11));
        Optimizer optimizer = optimizerKind switch
        {
            "adam" => new Adam(model.Parameters(), new AdamOptions(0.01)),
            "momentum" => new Sgd(model.Parameters(), new SgdOptions(0.05, momentum: 0.9, nesterov: true)),
            _ => new RmsProp(model.Parameters(), new RmsPropOptions(0.005, momentum: 0.5, centered: true)),
        };
        LearningRateSchedule schedule = optimizerKind == "adam"
            ? new CosineSchedule(TotalEpochs, etaMin: 1e-4)
            : new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions { Patience = 1, Factor = 0.5 });
        var train = new DataLoader(Clouds(40, seed: 5), batchSize: 16, shuffle: true, seed: 77);
        var validation = new DataLoader(Clouds(10, seed: 6), batchSize: 64);
        return new Run(model, optimizer, schedule, train, validation);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    [InlineData("rmsprop")]
    public void ResumingFromTheFileMatchesAnUninterruptedRunBitForBit(string optimizerKind)
    {
        var straight = Create(optimizerKind);
        var straightHistory = Trainer.Fit(straight.Model, Loss, straight.Optimizer, straight.Train, straight.Options(TotalEpochs));

        var first = Create(optimizerKind);
        var firstHistory = Trainer.Fit(first.Model, Loss, first.Optimizer, first.Train, first.Options(FirstEpochs));
        string path = Path.Combine(_dir, $"{optimizerKind}.safetensors");
        Checkpoint.Save(path, first.Model, first.Optimizer, first.Schedule, firstHistory, first.Train);

        // From here on only the file is used.
        var checkpoint = Checkpoint.Load(path);
        Assert.Equal(FirstEpochs, checkpoint.Epoch);
        var resumed = Create(optimizerKind, checkpoint.BuildModel());
        checkpoint.Restore(resumed.Model, resumed.Optimizer, resumed.Schedule, resumed.Train);
        var options = resumed.Options(TotalEpochs) with { InitialEpoch = checkpoint.Epoch, History = checkpoint.CreateHistory() };
        var resumedHistory = Trainer.Fit(resumed.Model, Loss, resumed.Optimizer, resumed.Train, options);

        AssertBitwiseEqual(Weights(straight.Model), Weights(resumed.Model));
        AssertSameHistory(straightHistory, resumedHistory);
        Assert.Equal(straight.Optimizer.StepCount, resumed.Optimizer.StepCount);
        Assert.Equal(straight.Schedule.GetState(), resumed.Schedule.GetState());
        // Guard against a vacuous pass: training did move the weights after the checkpoint.
        Assert.NotEqual(Weights(checkpoint.BuildModel())[0], Weights(resumed.Model)[0]);
    }

    [Fact]
    public void ResumingFromTheCallbacksLastCheckpointMatchesToo()
    {
        var straight = Create("adam");
        var straightHistory = Trainer.Fit(straight.Model, Loss, straight.Optimizer, straight.Train, straight.Options(TotalEpochs));

        var first = Create("adam");
        var callback = new CheckpointCallback(_dir, trainLoader: first.Train);
        Trainer.Fit(first.Model, Loss, first.Optimizer, first.Train, first.Options(FirstEpochs, [callback]));

        var checkpoint = Checkpoint.Load(callback.LastPath);
        var resumed = Create("adam", checkpoint.BuildModel());
        checkpoint.Restore(resumed.Model, resumed.Optimizer, resumed.Schedule, resumed.Train);
        var resumedCallback = new CheckpointCallback(_dir, trainLoader: resumed.Train);
        var options = resumed.Options(TotalEpochs, [resumedCallback]) with { InitialEpoch = checkpoint.Epoch, History = checkpoint.CreateHistory() };
        var resumedHistory = Trainer.Fit(resumed.Model, Loss, resumed.Optimizer, resumed.Train, options);

        AssertBitwiseEqual(Weights(straight.Model), Weights(resumed.Model));
        AssertSameHistory(straightHistory, resumedHistory);
        Assert.Equal(TotalEpochs, Checkpoint.Load(callback.LastPath).Epoch);
        // The resumed callback knew the best value of the first three epochs.
        var best = straightHistory.Epochs.MinBy(e => e.ValidationLoss!.Value)!;
        Assert.Equal(best.Epoch, resumedCallback.BestEpoch);
        Assert.Equal(best.Epoch, Checkpoint.Load(callback.BestPath).Epoch);
    }

    [Fact]
    public void WithoutTheSavedRandomStateTheResumedRunDiverges()
    {
        var straight = Create("adam");
        Trainer.Fit(straight.Model, Loss, straight.Optimizer, straight.Train, straight.Options(TotalEpochs));
        var first = Create("adam");
        var history = Trainer.Fit(first.Model, Loss, first.Optimizer, first.Train, first.Options(FirstEpochs));
        var checkpoint = Checkpoint.Capture(first.Model, first.Optimizer, first.Schedule, history, first.Train);

        // Loader left at epoch 0: the resumed epochs replay the first shuffles.
        var noLoader = Create("adam", checkpoint.BuildModel());
        checkpoint.Restore(noLoader.Model, noLoader.Optimizer, noLoader.Schedule);
        Trainer.Fit(noLoader.Model, Loss, noLoader.Optimizer, noLoader.Train,
            noLoader.Options(TotalEpochs) with { InitialEpoch = 3, History = checkpoint.CreateHistory() });
        Assert.NotEqual(Weights(straight.Model)[0], Weights(noLoader.Model)[0]);

        // Dropout generators left at their fresh state: other masks.
        var model = SmallDescription().Build(new RandomGenerator(11));
        model.Load(WriteWeights(first.Model));
        var noDropoutState = Create("adam", model);
        checkpoint.RestoreOptimizer(noDropoutState.Optimizer);
        checkpoint.RestoreSchedule(noDropoutState.Schedule);
        checkpoint.RestoreLoader(noDropoutState.Train);
        Trainer.Fit(noDropoutState.Model, Loss, noDropoutState.Optimizer, noDropoutState.Train,
            noDropoutState.Options(TotalEpochs) with { InitialEpoch = 3, History = checkpoint.CreateHistory() });
        Assert.NotEqual(Weights(straight.Model)[0], Weights(noDropoutState.Model)[0]);
    }

    private string WriteWeights(Sequential model)
    {
        string path = Path.Combine(_dir, "weights.safetensors");
        model.Save(path);
        return path;
    }

    [Fact]
    public void AHistoryThatDisagreesWithTheInitialEpochIsRefused()
    {
        var run = Create("adam");
        var history = Trainer.Fit(run.Model, Loss, run.Optimizer, run.Train, run.Options(2));
        var ex = Assert.Throws<ArgumentException>(() => Trainer.Fit(run.Model, Loss, run.Optimizer, run.Train, run.Options(4) with { History = history }));
        Assert.Contains("ends at epoch 2, but FitOptions.InitialEpoch is 0", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { InitialEpoch = -1 });
    }

    private static void AssertSameHistory(History expected, History actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i] with { Seconds = 0 }, actual[i] with { Seconds = 0 });
        Assert.Equal(expected.StopReason, actual.StopReason);
        Assert.Equal(expected.MetricName, actual.MetricName);
    }
}
