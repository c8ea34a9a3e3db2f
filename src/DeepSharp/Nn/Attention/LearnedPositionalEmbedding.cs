using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Adds a learned vector per position (BERT / GPT style): output = x + weight[position].</summary>
/// <remarks>input (N, L, E) batch-first, else (L, N, E), with L ≤ maxLength -> output of the same
/// shape; weight (maxLength, E) ~ N(0, 1) as <see cref="Embedding"/>.</remarks>
public sealed class LearnedPositionalEmbedding : Module
{
    /// <summary>Creates the table.</summary>
    /// <param name="maxLength">Positions (at least 1).</param>
    /// <param name="dModel">Model width E (at least 1).</param>
    /// <param name="batchFirst">Inputs are (N, L, E) instead of (L, N, E).</param>
    /// <param name="rng">Initial weights; <see cref="RandomGenerator.Default"/> when null.</param>
    public LearnedPositionalEmbedding(int maxLength, int dModel, bool batchFirst = false, RandomGenerator? rng = null)
    {
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "LearnedPositionalEmbedding: maxLength must be at least 1.");
        if (dModel < 1) throw new ArgumentOutOfRangeException(nameof(dModel), dModel, "LearnedPositionalEmbedding: dModel must be at least 1.");
        MaxLength = maxLength;
        DModel = dModel;
        BatchFirst = batchFirst;
        Weight = RegisterParameter("weight", Tensor.Zeros(maxLength, dModel));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Positions.</summary>
    public int MaxLength { get; }

    /// <summary>Model width E.</summary>
    public int DModel { get; }

    /// <summary>Inputs are (N, L, E).</summary>
    public bool BatchFirst { get; }

    /// <summary>The table (maxLength, E).</summary>
    public Tensor Weight { get; }

    /// <summary>Draws the table from N(0, 1).</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight.CopyFrom(Tensor.Randn(Weight.ShapeArray, rng, Weight.DType));
    }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not (N, L, E) / (L, N, E) with E = dModel and L ≤ maxLength.</exception>
    public override Tensor Forward(Tensor input)
    {
        int seqDim = BatchFirst ? 1 : 0;
        if (input.Rank != 3 || input.Shape[2] != DModel || input.Shape[seqDim] > MaxLength)
            throw new ShapeMismatchException($"{this} expected input {(BatchFirst ? "(N, L, E)" : "(L, N, E)")} with E = {DModel} and L <= {MaxLength}, got {Shapes.Format(input.Shape)}.");
        var code = Weight.Narrow(0, 0, input.Shape[seqDim]);
        return input + (BatchFirst ? code.Unsqueeze(0) : code.Unsqueeze(1));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LearnedPositionalEmbedding({MaxLength}, {DModel}{(BatchFirst ? ", batch_first=True" : "")})");
}
