using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

/// <summary>The loss-explosion rule: an epoch whose mean training loss exceeds FitOptions.DivergenceFactor
/// times the first epoch's stops the run before it is recorded (issue 17: "--lr 100 trains to loss 1.3e12 with exit 0").</summary>
public sealed class DivergenceRuleTests
{
    // w <- w (1 - 2·lr) on loss w²: with lr 10 the loss grows 361-fold every step, finite for a few epochs.
    private static (Linear Model, DataLoader Loader) Exploding()
    {
        var model = new Linear(1, 1, bias: false);
        using (global::DeepSharp.Autograd.GradMode.NoGrad()) model.Weight.Fill(1f);
        var data = new TensorDataset(Tensor.FromArray([1f, 1f], 2, 1), Tensor.FromArray([0f, 0f], 2, 1));
        return (model, new DataLoader(data, 1));
    }

    [Fact]
    public void AnExplodingLossStopsTheRunBeforeTheEpochIsRecorded()
    {
        var (model, loader) = Exploding();
        var history = new History();
        var seen = new List<int>();
        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, (p, t) => Functional.MseLoss(p, t), new Sgd(model.Parameters(), new SgdOptions(10)), loader,
            new FitOptions { Epochs = 10, History = history, Callbacks = [new RecordingCallback(seen)] }));
        Assert.Equal(3, ex.Epoch);
        Assert.True(double.IsFinite(ex.Loss) && ex.Loss > 1e6 * history.Epochs[0].TrainLoss && history.Epochs[1].TrainLoss < 1e6 * history.Epochs[0].TrainLoss);
        Assert.Contains("more than 1E+06 times the first epoch's", ex.Message);
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public void TheRuleCanBeTurnedOffAndItsFactorIsValidated()
    {
        var (model, loader) = Exploding();
        var history = Trainer.Fit(model, (p, t) => Functional.MseLoss(p, t), new Sgd(model.Parameters(), new SgdOptions(10)), loader,
            new FitOptions { Epochs = 3, DivergenceFactor = null });
        Assert.Equal(3, history.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { DivergenceFactor = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { DivergenceFactor = double.PositiveInfinity });
    }

    private sealed class RecordingCallback(List<int> epochs) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochRecord record) => epochs.Add(record.Epoch);
    }
}
