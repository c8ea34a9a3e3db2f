using System.Diagnostics;
using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>
/// The training loop: for each epoch, set the scheduled learning rate, then for each batch
/// forward, loss, backward, optional clipping, optimizer step; then validate, record, call back
/// and check the stopping rules.
/// </summary>
/// <remarks>
/// With seeded data loaders and initialization, two runs on the same machine give bit-identical
/// histories apart from <see cref="EpochRecord.Seconds"/> (the kernels split work by output ranges,
/// so their results do not depend on thread timing).
/// </remarks>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> with a loss object (e.g. <see cref="CrossEntropy"/>, <see cref="MseLoss"/>)
    /// and returns the per-epoch history; see <see cref="Fit(Module, Func{Tensor, Tensor, Tensor}, Optimizer, DataLoader, FitOptions?)"/>.</summary>
    public static History Fit(Module model, ILoss loss, Optimizer optimizer, DataLoader train, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Fit(model, loss.Compute, optimizer, train, options);
    }

    /// <summary>Trains <paramref name="model"/> and returns the per-epoch history.</summary>
    /// <param name="model">The model; left in training mode if it was.</param>
    /// <param name="loss">Maps (model output, targets) to a scalar loss tensor (a batch mean).</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="train">The training batches.</param>
    /// <param name="options">Epochs, validation, callbacks, schedule, metric and stopping rules.</param>
    /// <exception cref="TrainingDivergedException">A loss was NaN or infinite under <see cref="NanPolicy.Throw"/>, or an
    /// epoch's loss exceeded <see cref="FitOptions.DivergenceFactor"/> times the first epoch's.</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was signalled.</exception>
    public static History Fit(Module model, Func<Tensor, Tensor, Tensor> loss, Optimizer optimizer, DataLoader train, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new FitOptions();
        if (options.TargetMetric is not null && options.Metric is null)
            throw new ArgumentException("FitOptions.TargetMetric needs FitOptions.Metric.", nameof(options));
        if ((options.History?.Last?.Epoch ?? 0) != options.InitialEpoch)
            throw new ArgumentException(
                $"FitOptions.History ends at epoch {options.History?.Last?.Epoch ?? 0}, but FitOptions.InitialEpoch is {options.InitialEpoch}; they must agree.", nameof(options));
        var history = options.History ?? new History(options.Metric?.Name);
        var context = new TrainingContext(model, optimizer, history, options);
        bool wasTraining = model.IsTraining;
        try
        {
            foreach (var cb in options.Callbacks) cb.OnTrainBegin(context);
            for (int epoch = options.InitialEpoch + 1; epoch <= options.Epochs && !context.StopRequested; epoch++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                context.Epoch = epoch;
                options.Schedule?.Apply(optimizer, epoch - 1);
                double learningRate = optimizer.LearningRate;
                foreach (var cb in options.Callbacks) cb.OnEpochBegin(context, epoch);
                var clock = Stopwatch.StartNew();
                var (trainLoss, trainMetric, skipped) = TrainEpoch(context, loss, train);
                double? valLoss = null, valMetric = null;
                if (options.Validation is { } validation)
                {
                    var r = Evaluator.Run(model, validation, loss, options.Metric, withConfusion: false);
                    (valLoss, valMetric) = (r.Loss, r.Metric);
                }
                CheckExplosion(options, history, epoch, trainLoss);
                var record = new EpochRecord(epoch, trainLoss, trainMetric, valLoss, valMetric, learningRate, clock.Elapsed.TotalSeconds, skipped);
                history.Add(record);
                options.Schedule?.Observe(epoch - 1, valLoss ?? trainLoss);
                foreach (var cb in options.Callbacks) cb.OnEpochEnd(context, record);
                CheckStoppingRules(context, record);
            }
            history.StopReason = context.StopReason ?? StopReason.MaxEpochs;
            foreach (var cb in options.Callbacks) cb.OnTrainEnd(context);
        }
        finally
        {
            model.Train(wasTraining);
        }
        return history;
    }

    // The loss-explosion rule (FitOptions.DivergenceFactor): checked before the epoch is recorded, so
    // the history and checkpoints keep the last epoch that was not exploding.
    private static void CheckExplosion(FitOptions options, History history, int epoch, double trainLoss)
    {
        if (options.DivergenceFactor is not { } factor || history.Count == 0) return;
        double first = history.Epochs[0].TrainLoss;
        if (double.IsFinite(first) && first > 0 && trainLoss > factor * first)
            throw new TrainingDivergedException(epoch, trainLoss, first, factor);
    }

    private static (double Loss, double? Metric, int Skipped) TrainEpoch(TrainingContext context, Func<Tensor, Tensor, Tensor> loss, DataLoader train)
    {
        var arena = new TensorArena();
        var (model, optimizer, options) = (context.Model, context.Optimizer, context.Options);
        model.Train();
        options.Metric?.Reset();
        double sum = 0;
        long count = 0;
        int skipped = 0, number = 0, batches = train.BatchCount;
        var device = ModelDevice.Of(model);
        foreach (var batch in train)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            number++;
            for (int c = 0; c < options.Callbacks.Count; c++) options.Callbacks[c].OnBatchBegin(context, batch);
            // Gradient buffers are kept and zeroed, and every other tensor of the step comes from
            // the arena, so a steady-state step allocates no tensor data.
            optimizer.ZeroGrad(setToNone: false);
            double value;
            using (arena.Begin())
            {
                var targets = batch.Targets.To(device);
                var output = model.Forward(batch.Inputs.To(device));
                var l = loss(output, targets);
                value = l.Item();
                if (!AllFinite(options.DataParallel, value))
                {
                    if (options.NanPolicy == NanPolicy.Throw) throw new TrainingDivergedException(context.Epoch, number, value);
                    skipped++;
                    continue;
                }
                l.Backward();
                options.DataParallel?.SynchronizeGradients();
                if (options.GradientClipNorm is { } maxNorm) GradClip.ByGlobalNorm(optimizer.Parameters, maxNorm);
                optimizer.Step();
                sum += value * batch.Count;
                count += batch.Count;
                if (options.Metric is { } metric)
                {
                    using var _ = GradMode.NoGrad();
                    metric.Update(output.Detach(), targets);
                }
            }
            for (int c = 0; c < options.Callbacks.Count; c++) options.Callbacks[c].OnBatchEnd(context, batch, value);
            options.Progress?.Report(new TrainingProgress(context.Epoch, options.Epochs, number, batches, sum / count));
        }
        if (options.DataParallel is { } parallel) (sum, count) = SumAcrossRanks(parallel, sum, count, options.Metric);
        double? metricValue = options.Metric is { } m ? m.Result : null;
        return (count == 0 ? double.NaN : sum / count, metricValue, skipped);
    }

    /// <summary>Whether the loss is finite on every rank: all ranks must skip (or fail) the same
    /// steps, or their gradient reductions would no longer pair up.</summary>
    private static bool AllFinite(IDataParallel? parallel, double value)
    {
        if (parallel is null) return double.IsFinite(value);
        Span<double> flag = [double.IsFinite(value) ? 0 : 1];
        parallel.SumAcrossRanks(flag);
        return flag[0] == 0;
    }

    /// <summary>The epoch's loss sum and sample count, and (when it can be merged) its metric, over
    /// all ranks (skipped steps are the same on every rank, see <see cref="AllFinite"/>).</summary>
    private static (double Sum, long Count) SumAcrossRanks(IDataParallel parallel, double sum, long count, IMetric? metric)
    {
        var mergeable = metric as IMergeableMetric;
        Span<double> values = stackalloc double[2 + (mergeable?.StateLength ?? 0)];
        (values[0], values[1]) = (sum, count);
        mergeable?.ExportState(values[2..]);
        parallel.SumAcrossRanks(values);
        mergeable?.ImportState(values[2..]);
        return (values[0], (long)values[1]);
    }

    private static void CheckStoppingRules(TrainingContext context, EpochRecord record)
    {
        var options = context.Options;
        var history = context.History;
        if (options.LossChangeTolerance is { } tolerance && history.Count >= 2
            && Math.Abs(record.TrainLoss - history[history.Count - 2].TrainLoss) < tolerance)
            context.RequestStop(StopReason.LossConverged);
        if (options.TargetMetric is { } target && options.Metric is { } metric
            && (record.ValidationMetric ?? record.TrainMetric) is { } value
            && (metric.HigherIsBetter ? value >= target : value <= target))
            context.RequestStop(StopReason.TargetMetricReached);
    }
}
