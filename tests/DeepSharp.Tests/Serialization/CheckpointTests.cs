using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Training;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    public static TheoryData<string> Optimizers() => new("sgd-momentum", "adam", "adamw", "rmsprop", "adagrad");

    private static Optimizer CreateOptimizer(string kind, Module model) => kind switch
    {
        "sgd-momentum" => new Sgd(model.Parameters(), new SgdOptions(0.05, momentum: 0.9, dampening: 0.1, weightDecay: 1e-3)),
        "adam" => new Adam(model.Parameters(), new AdamOptions(0.01)),
        "adamw" => new AdamW(model.Parameters(), AdamOptions.AdamWDefaults(0.01)),
        "rmsprop" => new RmsProp(model.Parameters(), new RmsPropOptions(0.01, momentum: 0.3, centered: true)),
        _ => new AdaGrad(model.Parameters(), new AdaGradOptions(0.05, learningRateDecay: 0.01, initialAccumulatorValue: 0.1)),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void EveryOptimizerStateRoundTripsAndContinuesIdentically(string kind)
    {
        var data = Clouds(20);
        var model = SmallDescription().Build(new RandomGenerator(3));
        model.Eval(); // deterministic forward: the comparison is about the optimizer
        var optimizer = CreateOptimizer(kind, model);
        Train(model, optimizer, data, 4);
        optimizer.LearningRate = 0.0123; // a changed rate must be restored too
        Checkpoint.Save(PathOf("c.safetensors"), model, optimizer);

        var checkpoint = Checkpoint.Load(PathOf("c.safetensors"));
        Assert.Equal(optimizer.GetType().Name, checkpoint.OptimizerType);
        var restoredModel = checkpoint.BuildModel();
        restoredModel.Eval();
        var restored = CreateOptimizer(kind, restoredModel);
        checkpoint.RestoreOptimizer(restored);

        var (a, b) = (optimizer.GetState(), restored.GetState());
        Assert.Equal(a.StepCount, b.StepCount);
        Assert.Equal(a.ParameterSteps, b.ParameterSteps);
        Assert.Equal(a.LearningRates, b.LearningRates);
        Assert.Equal(a.Buffers.Keys.Order(), b.Buffers.Keys.Order());
        Assert.NotEmpty(a.Buffers);
        foreach (var key in a.Buffers.Keys) Assert.Equal(a.Buffers[key], b.Buffers[key]);

        Train(model, optimizer, data, 3);
        Train(restoredModel, restored, data, 3);
        AssertBitwiseEqual(Weights(model), Weights(restoredModel));
    }

    [Fact]
    public void RestoringIntoAnotherOptimizerTypeOrModelIsRefused()
    {
        var model = SmallDescription().Build(new RandomGenerator(3));
        var adam = new Adam(model.Parameters());
        Train(model, adam, Clouds(10), 1);
        var checkpoint = Checkpoint.Capture(model, adam);
        var ex = Assert.Throws<ArgumentException>(() => checkpoint.RestoreOptimizer(new Sgd(model.Parameters(), new SgdOptions(0.1))));
        Assert.Contains("holds Adam state; it cannot be restored into Sgd", ex.Message);
        Assert.Throws<ArgumentException>(() => checkpoint.RestoreOptimizer(new Adam(model.Parameters().Take(2))));
        Assert.Throws<InvalidOperationException>(() => Checkpoint.Capture(model).RestoreOptimizer(adam));
        Assert.Null(Checkpoint.Capture(model).GetOptimizerState());
    }

    [Fact]
    public void SchedulesHistoryLoaderAndGeneratorsRoundTrip()
    {
        var model = SmallDescription().Build(new RandomGenerator(3));
        var schedule = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 0));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1));
        schedule.Apply(optimizer, 0);
        schedule.Observe(0, 2.0);
        schedule.Observe(1, 3.0);
        var history = new History("accuracy") { StopReason = StopReason.EarlyStopping };
        history.Add(new EpochRecord(1, double.NaN, null, 1.5, 0.25, 0.1, 0.5, SkippedBatches: 3));
        history.Add(new EpochRecord(2, 0.1 + 0.2, 1.0 / 3, null, null, 1e-300, double.Epsilon, 0));
        var loader = new DataLoader(Clouds(5), 4, shuffle: true, seed: ulong.MaxValue) { Epoch = 7 };
        var extra = new RandomGenerator(99);
        extra.NextGaussian(); // leaves a spare Gaussian in the state
        Checkpoint.Save(PathOf("c.safetensors"), model, optimizer, schedule, history, loader, new Dictionary<string, RandomGenerator> { ["default"] = extra });

        var checkpoint = Checkpoint.Load(PathOf("c.safetensors"));
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(nameof(ReduceOnPlateauSchedule), checkpoint.ScheduleType);
        var restoredSchedule = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 0));
        checkpoint.RestoreSchedule(restoredSchedule);
        Assert.Equal(schedule.GetState(), restoredSchedule.GetState());
        Assert.Equal(1, restoredSchedule.Reductions);
        Assert.Throws<ArgumentException>(() => checkpoint.RestoreSchedule(new CosineSchedule(5)));

        var restoredHistory = checkpoint.CreateHistory()!;
        Assert.Equal(history.Epochs, restoredHistory.Epochs);
        Assert.Equal("accuracy", restoredHistory.MetricName);
        Assert.Equal(StopReason.EarlyStopping, restoredHistory.StopReason);
        Assert.NotSame(restoredHistory, checkpoint.CreateHistory());

        var restoredLoader = new DataLoader(Clouds(5), 4, shuffle: true, seed: ulong.MaxValue);
        checkpoint.RestoreLoader(restoredLoader);
        Assert.Equal(7, restoredLoader.Epoch);
        Assert.Equal(7, checkpoint.LoaderEpoch);
        var ex = Assert.Throws<ArgumentException>(() => checkpoint.RestoreLoader(new DataLoader(Clouds(5), 4, shuffle: true, seed: 1)));
        Assert.Contains("another order", ex.Message);

        var generator = new RandomGenerator(1);
        checkpoint.RestoreGenerator("default", generator);
        Assert.Equal(extra.GetState(), generator.GetState());
        Assert.Equal(extra.NextGaussian(), generator.NextGaussian());
        Assert.Contains("model.2", checkpoint.GeneratorNames); // the dropout layer's generator
        Assert.Throws<KeyNotFoundException>(() => checkpoint.RestoreGenerator("nope", generator));
        Assert.Throws<ArgumentException>(() => Checkpoint.Capture(model, generators: new Dictionary<string, RandomGenerator> { ["model.x"] = extra }));
    }

    [Fact]
    public void BuildModelRestoresWeightsAndDropoutMasks()
    {
        var model = SmallDescription().Build(new RandomGenerator(3));
        var x = Tensor.Randn([4, 2], new RandomGenerator(1));
        model.Forward(x); // advance the dropout generator
        var checkpoint = Checkpoint.Capture(model);
        var rebuilt = checkpoint.BuildModel();
        AssertBitwiseEqual(Weights(model), Weights(rebuilt));
        // Training mode: the next masks match because the dropout generator state was restored.
        Assert.Equal(model.Forward(x).ToFloatArray(), rebuilt.Forward(x).ToFloatArray());
        Assert.Equal(model.Forward(x).ToFloatArray(), rebuilt.Forward(x).ToFloatArray());
    }

    [Fact]
    public void ModelsWithoutADescriptionRestoreIntoCodeBuiltModels()
    {
        var model = new Sequential(new Linear(2, 3, rng: new RandomGenerator(1)), new Sequential(new Tanh()));
        var checkpoint = Checkpoint.Capture(model, epoch: 4);
        Assert.Null(checkpoint.Description);
        Assert.Equal(4, checkpoint.Epoch);
        Assert.Null(checkpoint.CreateHistory());
        Assert.Empty(checkpoint.HistoryRecords);
        Assert.Throws<InvalidOperationException>(() => checkpoint.BuildModel());
        var twin = new Sequential(new Linear(2, 3), new Sequential(new Tanh()));
        Assert.True(checkpoint.RestoreModel(twin).IsExactMatch);
        AssertBitwiseEqual(Weights(model), Weights(twin));
        var report = checkpoint.RestoreModel(new Sequential(new Linear(2, 3)), strict: false);
        Assert.True(report.IsExactMatch);
        report = checkpoint.RestoreModel(new Sequential(new Linear(2, 3), new Linear(3, 1)), strict: false);
        Assert.Equal(["1.weight", "1.bias"], report.Missing);
    }

    [Fact]
    public void SavingALoadedCheckpointReproducesTheFileByteForByte()
    {
        var model = SmallDescription().Build(new RandomGenerator(3));
        var optimizer = new Adam(model.Parameters());
        Train(model, optimizer, Clouds(10), 2);
        Checkpoint.Save(PathOf("a.safetensors"), model, optimizer, epoch: 2);
        Checkpoint.Load(PathOf("a.safetensors")).Save(PathOf("b.safetensors"));
        Assert.Equal(File.ReadAllBytes(PathOf("a.safetensors")), File.ReadAllBytes(PathOf("b.safetensors")));
        Checkpoint.Capture(model, optimizer, epoch: 2).Save(PathOf("c.safetensors"));
        Assert.Equal(File.ReadAllBytes(PathOf("a.safetensors")), File.ReadAllBytes(PathOf("c.safetensors")));
    }

    [Fact]
    public void TheCheckpointLayoutIsPlainSafetensors()
    {
        var model = ModelDescription.Mlp(2, [3], 3).Build(new RandomGenerator(3));
        var optimizer = new Adam(model.Parameters());
        Train(model, optimizer, Clouds(5), 1);
        Checkpoint.Save(PathOf("c.safetensors"), model, optimizer, epoch: 1);
        var (header, _) = ParseIndependently(File.ReadAllBytes(PathOf("c.safetensors")));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Subset(names, new HashSet<string> { "model.0.weight", "model.2.bias", "optimizer.0.exp_avg", "optimizer.3.exp_avg_sq" });
        Assert.Equal([3, 2], header.RootElement.GetProperty("optimizer.0.exp_avg").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var metadata = header.RootElement.GetProperty("__metadata__");
        Assert.Equal("checkpoint", metadata.GetProperty("deepsharp.format").GetString());
        Assert.Equal("1", metadata.GetProperty("deepsharp.epoch").GetString());
        Assert.StartsWith("{\"type\":\"Adam\",\"stepCount\":1,", metadata.GetProperty("deepsharp.optimizer").GetString());
    }

    [Fact]
    public void TheCallbackKeepsTheLastAndTheBestCheckpoint()
    {
        var model = SmallDescription().Build(new RandomGenerator(3));
        var optimizer = new Adam(model.Parameters(), new AdamOptions(0.05));
        var train = new DataLoader(Clouds(20), 16, shuffle: true, seed: 1);
        var validation = new DataLoader(Clouds(10, seed: 9), 64);
        var callback = new CheckpointCallback(_dir, MonitoredQuantity.ValidationMetric, trainLoader: train);
        var snapshots = new Dictionary<int, float[][]>();
        var recorder = new Recorder(r => snapshots[r] = Weights(model));
        var history = Trainer.Fit(model, Loss, optimizer, train,
            new FitOptions { Epochs = 5, Validation = validation, Metric = new AccuracyMetric(), Callbacks = [callback, recorder] });

        var last = Checkpoint.Load(callback.LastPath);
        Assert.Equal(5, last.Epoch);
        Assert.Equal(history.Epochs, last.HistoryRecords);
        AssertBitwiseEqual(Weights(model), Weights(last.BuildModel()));
        var bestRecord = history.Epochs.First(e => e.ValidationMetric == history.Epochs.Max(r => r.ValidationMetric));
        Assert.Equal(bestRecord.Epoch, callback.BestEpoch);
        Assert.Equal(bestRecord.ValidationMetric, callback.Best);
        var best = Checkpoint.Load(callback.BestPath);
        Assert.Equal(bestRecord.Epoch, best.Epoch);
        AssertBitwiseEqual(snapshots[bestRecord.Epoch], Weights(best.BuildModel()));
        Assert.Equal(["best.safetensors", "last.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TheCallbackChecksWhatItMonitors()
    {
        var model = ModelDescription.Perceptron(2, 3).Build(new RandomGenerator(3));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1));
        var train = new DataLoader(Clouds(5), 8);
        var callback = new CheckpointCallback(_dir, MonitoredQuantity.ValidationLoss);
        Assert.Throws<InvalidOperationException>(() => Trainer.Fit(model, Loss, optimizer, train, new FitOptions { Epochs = 1, Callbacks = [callback] }));
        var byDefault = new CheckpointCallback(_dir, saveBest: false);
        Trainer.Fit(model, Loss, optimizer, train, new FitOptions { Epochs = 2, Callbacks = [byDefault] });
        Assert.Equal(MonitoredQuantity.TrainLoss, byDefault.Monitor);
        Assert.True(File.Exists(byDefault.LastPath));
        Assert.False(File.Exists(byDefault.BestPath));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointCallback(_dir, (MonitoredQuantity)42));
    }

    private sealed class Recorder(Action<int> onEpochEnd) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochRecord record) => onEpochEnd(record.Epoch);
    }
}
