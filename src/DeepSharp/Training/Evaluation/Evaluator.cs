using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>Evaluation and prediction: no graph is recorded and the model is in evaluation mode
/// (its previous mode is restored afterwards).</summary>
public static class Evaluator
{
    /// <summary>
    /// Runs the model over <paramref name="data"/> and reports the mean loss, an optional metric,
    /// and for Int32 class-index targets the accuracy and confusion matrix (classes: the number of
    /// output columns, or 2 for a single score thresholded at 0.5).
    /// </summary>
    public static EvaluationResult Evaluate(Module model, DataLoader data, Func<Tensor, Tensor, Tensor>? loss = null, IMetric? metric = null) =>
        Run(model, data, loss, metric, withConfusion: true);

    /// <summary>As <see cref="Evaluate(Module, DataLoader, Func{Tensor, Tensor, Tensor}?, IMetric?)"/> with a loss object.</summary>
    public static EvaluationResult Evaluate(Module model, DataLoader data, ILoss loss, IMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Run(model, data, loss.Compute, metric, withConfusion: true);
    }

    internal static EvaluationResult Run(Module model, DataLoader data, Func<Tensor, Tensor, Tensor>? loss, IMetric? metric, bool withConfusion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        bool classes = withConfusion && data.Dataset.TargetDType == DType.Int32;
        ConfusionMatrix? confusion = null;
        double lossSum = 0;
        int samples = 0;
        metric?.Reset();
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            var arena = new TensorArena();
            var device = ModelDevice.Of(model);
            foreach (var batch in data)
            {
                using var scope = arena.Begin();
                var targets = batch.Targets.To(device);
                var output = model.Forward(batch.Inputs.To(device));
                if (loss is not null) lossSum += loss(output, targets).Item() * batch.Count;
                metric?.Update(output, targets);
                if (classes)
                {
                    confusion ??= new ConfusionMatrix(Math.Max(ClassLabels.Layout(output, "Evaluate").Columns, 2));
                    confusion.Add(output, targets);
                }
                samples += batch.Count;
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return new EvaluationResult(
            loss is null ? null : samples == 0 ? double.NaN : lossSum / samples,
            metric?.Result,
            confusion?.Accuracy,
            samples,
            confusion);
    }

    /// <summary>The model's outputs for <paramref name="inputs"/> (N, ...), computed in batches and
    /// concatenated along the first dimension.</summary>
    public static Tensor Predict(Module model, Tensor inputs, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1.");
        if (inputs.Rank == 0) throw new ArgumentException("Predict expected inputs (N, ...), got a zero-dimensional tensor.", nameof(inputs));
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            int n = inputs.Size(0);
            if (n <= batchSize) return model.Forward(inputs);
            var parts = new List<Tensor>();
            for (int start = 0; start < n; start += batchSize)
                parts.Add(model.Forward(inputs.Narrow(0, start, Math.Min(batchSize, n - start))));
            return Tensor.Cat(parts, 0);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
