using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public class CallbackTests
{
    /// <summary>Records the events and the model weight after every epoch.</summary>
    private sealed class Recorder : TrainingCallback
    {
        public List<string> Events { get; } = [];
        public List<float> Weights { get; } = [];
        public int StopAfterEpoch { get; init; }
        public int CancelAtBatch { get; init; }
        public CancellationTokenSource? Source { get; init; }
        private int _batches;

        public override void OnTrainBegin(TrainingContext context) => Events.Add("train-begin");
        public override void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch-begin {epoch}");
        public override void OnBatchBegin(TrainingContext context, Batch batch) => Events.Add($"batch-begin {batch.Index}");

        public override void OnBatchEnd(TrainingContext context, Batch batch, double loss)
        {
            Events.Add($"batch-end {batch.Index}");
            if (++_batches == CancelAtBatch) Source!.Cancel();
        }

        public override void OnEpochEnd(TrainingContext context, EpochRecord record)
        {
            Events.Add($"epoch-end {record.Epoch}");
            Weights.Add(((AffineModel)context.Model).Weight.Item<float>());
            if (record.Epoch == StopAfterEpoch) context.RequestStop();
        }

        public override void OnTrainEnd(TrainingContext context) => Events.Add("train-end");
    }

    /// <summary>x in [-1, 1], targets y = a x.</summary>
    private static TensorDataset Line(float slope, int n = 16)
    {
        var x = Tensor.Linspace(-1, 1, n).Reshape(n, 1);
        return new TensorDataset(x, x * slope);
    }

    private static AffineModel ZeroModel()
    {
        var model = new AffineModel(1, 1, new RandomGenerator(0));
        using (GradMode.NoGrad()) model.Weight.Fill(0);
        return model;
    }

    [Fact]
    public void EventsRunInOrderAndACallbackCanStop()
    {
        var model = ZeroModel();
        var recorder = new Recorder { StopAfterEpoch = 2 };
        var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)), new DataLoader(Line(2, 4), 2),
            new FitOptions { Epochs = 5, Callbacks = [recorder] });
        Assert.Equal(StopReason.Callback, history.StopReason);
        Assert.Equal(2, history.Count);
        Assert.Equal(
            ["train-begin",
             "epoch-begin 1", "batch-begin 0", "batch-end 0", "batch-begin 1", "batch-end 1", "epoch-end 1",
             "epoch-begin 2", "batch-begin 0", "batch-end 0", "batch-begin 1", "batch-end 1", "epoch-end 2",
             "train-end"],
            recorder.Events);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestWeights()
    {
        // Training pulls the weight from 0 towards 2 (train slope), validation prefers 1: the
        // validation loss falls until the weight passes 1, then rises.
        var model = ZeroModel();
        var recorder = new Recorder();
        var early = new EarlyStopping(MonitoredQuantity.ValidationLoss, patience: 3, restoreBestWeights: true);
        var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(Line(2), 16),
            new FitOptions { Epochs = 100, Validation = new DataLoader(Line(1), 16), Callbacks = [recorder, early] });
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        var val = history.Epochs.Select(r => r.ValidationLoss!.Value).ToList();
        int best = val.IndexOf(val.Min()) + 1;
        Assert.Equal(best, early.BestEpoch);
        Assert.Equal(best + 3, history.Count);
        Assert.Equal(history.Count, early.StoppedEpoch);
        Assert.NotEqual(recorder.Weights[^1], recorder.Weights[best - 1]);
        Assert.Equal(recorder.Weights[best - 1], model.Weight.Item<float>());
        Assert.InRange(model.Weight.Item<float>(), 0.8f, 1.2f);
    }

    [Fact]
    public void EarlyStoppingWithoutRestoreKeepsTheLastWeightsAndHonoursMinDelta()
    {
        var model = ZeroModel();
        var recorder = new Recorder();
        // A huge minDelta means no epoch after the first counts as an improvement.
        var early = new EarlyStopping(MonitoredQuantity.TrainLoss, patience: 2, minDelta: 1e6);
        var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)), new DataLoader(Line(2), 16),
            new FitOptions { Epochs = 50, Callbacks = [recorder, early] });
        Assert.Equal(3, history.Count);
        Assert.Equal(1, early.BestEpoch);
        Assert.Equal(recorder.Weights[^1], model.Weight.Item<float>());
    }

    [Fact]
    public void EarlyStoppingNeedsWhatItMonitors()
    {
        var model = ZeroModel();
        var ex = Assert.Throws<InvalidOperationException>(() => Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(Line(2), 16), new FitOptions { Callbacks = [new EarlyStopping()] }));
        Assert.Contains("Validation", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 0));
    }

    [Fact]
    public void NanLossThrowsNamingEpochAndBatchOrIsSkipped()
    {
        int calls = 0;
        // The 7th loss evaluation (epoch 2, batch 3 with 4 batches per epoch) is NaN.
        Tensor Poisoned(Tensor p, Tensor t) => ++calls == 7 ? TestLosses.Mse(p, t) * double.NaN : TestLosses.Mse(p, t);
        var model = ZeroModel();
        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, Poisoned, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(Line(2), 4), new FitOptions { Epochs = 3 }));
        Assert.Equal(2, ex.Epoch);
        Assert.Equal(3, ex.Batch);
        Assert.True(double.IsNaN(ex.Loss));
        Assert.Contains("epoch 2, batch 3", ex.Message);
        Assert.True(model.IsTraining);

        calls = 0;
        model = ZeroModel();
        var history = Trainer.Fit(model, Poisoned, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(Line(2), 4), new FitOptions { Epochs = 3, NanPolicy = NanPolicy.SkipBatch });
        Assert.Equal([0, 1, 0], history.Epochs.Select(r => r.SkippedBatches));
        Assert.All(history.Epochs, r => Assert.True(double.IsFinite(r.TrainLoss)));
    }

    [Fact]
    public void CancellationStopsBetweenBatches()
    {
        using var source = new CancellationTokenSource();
        var recorder = new Recorder { CancelAtBatch = 5, Source = source };
        var model = ZeroModel();
        model.Eval();
        Assert.Throws<OperationCanceledException>(() => Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(Line(2), 4), new FitOptions { Epochs = 3, Callbacks = [recorder], CancellationToken = source.Token }));
        Assert.Equal(5, recorder.Events.Count(e => e.StartsWith("batch-end")));
        Assert.False(model.IsTraining);   // the caller's mode is restored
    }

    [Fact]
    public void ProgressIsReportedAfterEveryBatch()
    {
        var progress = new ListProgress<TrainingProgress>();
        var model = ZeroModel();
        Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)), new DataLoader(Line(2, 10), 4),
            new FitOptions { Epochs = 2, Progress = progress });
        Assert.Equal(6, progress.Reports.Count);
        Assert.Equal(new TrainingProgress(2, 2, 3, 3, progress.Reports[^1].Loss), progress.Reports[^1]);
        Assert.Equal((1, 1), (progress.Reports[0].Epoch, progress.Reports[0].Batch));
    }

    [Fact]
    public void CsvLoggerAndCheckpointsEveryTwoEpochsWriteAsTrainingGoes()
    {
        string dir = Directory.CreateTempSubdirectory("deepsharp-callbacks").FullName;
        try
        {
            string path = Path.Combine(dir, "history.csv");
            var saved = new List<(int Epoch, int Records)>();
            var model = ZeroModel();
            var checkpoints = new CheckpointCallback(new CheckpointOptions(dir) { Every = 2, SaveBest = false, Metadata = new Dictionary<string, string> { ["test.tag"] = "x" } });
            var watcher = new EpochWatcher(() =>
            {
                if (!File.Exists(checkpoints.LastPath)) saved.Add((0, 0));
                else
                {
                    var c = Checkpoint.Load(checkpoints.LastPath);
                    saved.Add((c.Epoch, c.HistoryRecords.Count));
                }
            });
            var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.1)), new DataLoader(Line(2), 8),
                new FitOptions { Epochs = 5, Callbacks = [checkpoints, new CsvLogger(path), watcher] });
            // after epochs 1..5 the file on disk holds: none yet, 2, 2, 4, 4; the end writes 5
            Assert.Equal([(0, 0), (2, 2), (2, 2), (4, 4), (4, 4)], saved);
            var final = Checkpoint.Load(checkpoints.LastPath);
            Assert.Equal((5, 5), (final.Epoch, final.HistoryRecords.Count));
            Assert.Equal("x", final.Metadata["test.tag"]);
            Assert.Equal(history.ToCsv(), File.ReadAllText(path));
            Assert.Equal(2, Directory.GetFiles(dir).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs an action after every epoch (after the callbacks before it).</summary>
    private sealed class EpochWatcher(Action onEpoch) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochRecord record) => onEpoch();
    }
}
