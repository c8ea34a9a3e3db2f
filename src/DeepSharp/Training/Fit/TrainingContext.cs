using DeepSharp.Nn;
using DeepSharp.Optim;

namespace DeepSharp.Training;

/// <summary>What callbacks see of a running <see cref="Trainer.Fit(Module, Func{DeepSharp.Tensors.Tensor, DeepSharp.Tensors.Tensor, DeepSharp.Tensors.Tensor}, Optimizer, DeepSharp.Data.DataLoader, FitOptions?)"/>,
/// and how they ask it to stop.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(Module model, Optimizer optimizer, History history, FitOptions options)
    {
        Model = model;
        Optimizer = optimizer;
        History = history;
        Options = options;
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The records so far.</summary>
    public History History { get; }

    /// <summary>The fit options.</summary>
    public FitOptions Options { get; }

    /// <summary>The current epoch, from 1 (0 before the first).</summary>
    public int Epoch { get; internal set; }

    /// <summary>True once a stop was requested: training ends after the current epoch.</summary>
    public bool StopRequested => StopReason is not null;

    /// <summary>The reason of the first stop request, or null.</summary>
    public StopReason? StopReason { get; private set; }

    /// <summary>Asks training to end after the current epoch (the first reason given is kept).</summary>
    public void RequestStop(StopReason reason = Training.StopReason.Callback) => StopReason ??= reason;
}
