using DeepSharp.Data;

namespace DeepSharp.Training;

/// <summary>
/// Hooks into the training loop; override the events you need. Events run on the training
/// thread in this order: train begin, then per epoch: epoch begin, (batch begin, batch end)*,
/// epoch end (after validation); finally train end (also after early stopping).
/// </summary>
public abstract class TrainingCallback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before epoch <paramref name="epoch"/> (from 1), after the schedule set its learning rate.</summary>
    public virtual void OnEpochBegin(TrainingContext context, int epoch) { }

    /// <summary>Before the forward pass of a batch.</summary>
    public virtual void OnBatchBegin(TrainingContext context, Batch batch) { }

    /// <summary>After the update of a batch, with its loss.</summary>
    public virtual void OnBatchEnd(TrainingContext context, Batch batch, double loss) { }

    /// <summary>After an epoch and its validation; the record is already in the history.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochRecord record) { }

    /// <summary>After the last epoch (not when training throws).</summary>
    public virtual void OnTrainEnd(TrainingContext context) { }
}
