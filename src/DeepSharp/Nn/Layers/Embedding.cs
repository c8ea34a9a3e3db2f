using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A lookup table of learned vectors (PyTorch's <c>nn.Embedding</c>): index i selects row i of the
/// weight. The row at <see cref="PaddingIndex"/>, when set, starts at zero and receives no gradient.
/// </summary>
/// <remarks>input (*) of indices in [0, numEmbeddings) -> output (*, embeddingDim); weight
/// (numEmbeddings, embeddingDim) ~ N(0, 1). Floating-point indices (as a data loader delivers
/// them) are truncated to integers.</remarks>
public sealed class Embedding : Module
{
    /// <summary>Creates the table and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="numEmbeddings">Rows (vocabulary size, at least 1).</param>
    /// <param name="embeddingDim">Size of each vector (at least 1).</param>
    /// <param name="paddingIndex">A row kept at zero gradient (negative counts from the end), or null.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIndex = null, RandomGenerator? rng = null)
    {
        if (numEmbeddings < 1) throw new ArgumentOutOfRangeException(nameof(numEmbeddings), numEmbeddings, "Embedding: numEmbeddings must be at least 1.");
        if (embeddingDim < 1) throw new ArgumentOutOfRangeException(nameof(embeddingDim), embeddingDim, "Embedding: embeddingDim must be at least 1.");
        if (paddingIndex is { } p)
        {
            if (p < -numEmbeddings || p >= numEmbeddings)
                throw new ArgumentOutOfRangeException(nameof(paddingIndex), p, $"Embedding: paddingIndex must be in [-{numEmbeddings}, {numEmbeddings}).");
            PaddingIndex = p < 0 ? p + numEmbeddings : p;
        }
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = RegisterParameter("weight", Tensor.Zeros(numEmbeddings, embeddingDim));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Rows of the table.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Size of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding row (non-negative), or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>The table (numEmbeddings, embeddingDim).</summary>
    public Tensor Weight { get; }

    /// <summary>Draws the table from N(0, 1) and zeroes the padding row.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight.CopyFrom(Tensor.Randn(Weight.ShapeArray, rng, Weight.DType));
        if (PaddingIndex is { } p) Weight.Narrow(0, p, 1).Fill(0);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, numEmbeddings).</exception>
    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight, PaddingIndex);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Embedding({NumEmbeddings}, {EmbeddingDim}{(PaddingIndex is { } p ? $", padding_idx={p}" : "")})");
}
