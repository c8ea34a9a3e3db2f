using System.Globalization;

namespace DeepSharp.Training;

/// <summary>A training loss became NaN or infinite, or grew past <see cref="FitOptions.DivergenceFactor"/> times the first epoch's.</summary>
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

    /// <summary>Creates the exception for the loss-explosion rule (<see cref="FitOptions.DivergenceFactor"/>).</summary>
    /// <param name="epoch">The epoch whose loss exploded, from 1.</param>
    /// <param name="loss">Its mean training loss.</param>
    /// <param name="firstLoss">The first epoch's mean training loss.</param>
    /// <param name="factor">The factor that was exceeded.</param>
    public TrainingDivergedException(int epoch, double loss, double firstLoss, double factor)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the training loss of epoch {epoch} is {loss:G4}, more than {factor:G3} times the first epoch's {firstLoss:G4}; the last checkpoint is the epoch before. Lower the learning rate, clip gradients (FitOptions.GradientClipNorm) or raise FitOptions.DivergenceFactor."))
    {
        Epoch = epoch;
        Loss = loss;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, from 1 (0 when the whole epoch's loss exploded).</summary>
    public int Batch { get; }

    /// <summary>The loss value (NaN or ±infinity, or the exploded epoch's mean).</summary>
    public double Loss { get; }
}
