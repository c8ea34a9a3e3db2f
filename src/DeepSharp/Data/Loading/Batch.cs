using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// One batch produced by a <see cref="DataLoader"/>: inputs (B, ...) and targets (B, ...).
/// </summary>
/// <remarks>
/// The tensors are buffers the loader reuses: they stay valid until the enumerator moves to the
/// next batch (with prefetching, the one after). Reading them later throws
/// <see cref="ObjectDisposedException"/> rather than showing a later batch's values; call
/// <c>Clone()</c> on them to keep their values longer.
/// </remarks>
public readonly struct Batch
{
    /// <summary>Creates a batch.</summary>
    public Batch(Tensor inputs, Tensor targets, int index)
    {
        Inputs = inputs;
        Targets = targets;
        Index = index;
    }

    /// <summary>The inputs, shape (B, ...InputShape).</summary>
    public Tensor Inputs { get; }

    /// <summary>The targets, shape (B, ...TargetShape).</summary>
    public Tensor Targets { get; }

    /// <summary>The position of this batch within its epoch (0-based).</summary>
    public int Index { get; }

    /// <summary>The number of samples B.</summary>
    public int Count => Inputs.Size(0);
}
