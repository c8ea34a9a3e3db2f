using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// A finite collection of (input, target) samples with random access, which a
/// <see cref="DataLoader"/> gathers into batches.
/// </summary>
/// <remarks>
/// Implementations must allow <see cref="GetBatch"/> to be called from a background thread while
/// the caller trains (the loader prefetches), so they should be read-only once built.
/// </remarks>
public interface IDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>The shape of one input sample (without the batch dimension).</summary>
    IReadOnlyList<int> InputShape { get; }

    /// <summary>The element type of the inputs.</summary>
    DType InputDType { get; }

    /// <summary>The shape of one target (without the batch dimension); empty for a class index or scalar.</summary>
    IReadOnlyList<int> TargetShape { get; }

    /// <summary>The element type of the targets: Int32 for class indices, floating point otherwise.</summary>
    DType TargetDType { get; }

    /// <summary>Sample <paramref name="index"/> as new tensors shaped <see cref="InputShape"/> and <see cref="TargetShape"/>.</summary>
    (Tensor Input, Tensor Target) this[int index] { get; }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/>, in order, into the contiguous buffers
    /// <paramref name="inputs"/> (shape (B, ...InputShape)) and <paramref name="targets"/>
    /// (shape (B, ...TargetShape)), where B is the number of indices. Allocates nothing.
    /// </summary>
    void GetBatch(ReadOnlySpan<int> indices, Tensor inputs, Tensor targets);
}
