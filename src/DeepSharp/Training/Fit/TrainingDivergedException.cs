using System.Globalization;

namespace DeepSharp.Training;

/// <summary>A training loss became NaN or infinite.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="loss">The non-finite loss value.</param>
    public TrainingDivergedException(int epoch, int batch, double loss)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the loss is {loss} at epoch {epoch}, batch {batch}; expected a finite loss. Lower the learning rate, clip gradients (FitOptions.GradientClipNorm) or set FitOptions.NanPolicy = SkipBatch."))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, from 1.</summary>
    public int Batch { get; }

    /// <summary>The loss value (NaN or ±infinity).</summary>
    public double Loss { get; }
}
