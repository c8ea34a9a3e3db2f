using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Adds the fixed sinusoidal position code of "Attention Is All You Need":
/// PE[p, 2i] = sin(p / 10000^(2i/E)), PE[p, 2i+1] = cos(p / 10000^(2i/E)).
/// </summary>
/// <remarks>input (N, L, E) batch-first, else (L, N, E), with L ≤ maxLength -> output of the same
/// shape. The table is computed, not learned, and not saved.</remarks>
public sealed class SinusoidalPositionalEncoding : Module
{
    [NotAMember] private readonly Tensor _table;

    /// <summary>Creates the table.</summary>
    /// <param name="dModel">Model width E (at least 1).</param>
    /// <param name="maxLength">Longest sequence (at least 1).</param>
    /// <param name="batchFirst">Inputs are (N, L, E) instead of (L, N, E).</param>
    public SinusoidalPositionalEncoding(int dModel, int maxLength = 5000, bool batchFirst = false)
    {
        if (dModel < 1) throw new ArgumentOutOfRangeException(nameof(dModel), dModel, "SinusoidalPositionalEncoding: dModel must be at least 1.");
        if (maxLength < 1 || (long)maxLength * dModel > 1 << 26)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "SinusoidalPositionalEncoding: maxLength must be at least 1 and maxLength · dModel at most 2^26.");
        DModel = dModel;
        MaxLength = maxLength;
        BatchFirst = batchFirst;
        _table = Table(maxLength, dModel);
    }

    /// <summary>Model width E.</summary>
    public int DModel { get; }

    /// <summary>Longest sequence accepted.</summary>
    public int MaxLength { get; }

    /// <summary>Inputs are (N, L, E).</summary>
    public bool BatchFirst { get; }

    /// <summary>The code (length, dModel) in Float64, converted to the input's dtype when added.</summary>
    public static Tensor Table(int length, int dModel)
    {
        var data = new double[length * dModel];
        for (int p = 0; p < length; p++)
            for (int i = 0; i < dModel; i++)
            {
                double angle = p / Math.Pow(10000, (i - i % 2) / (double)dModel);
                data[p * dModel + i] = i % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
        return Tensor.FromArray(data, length, dModel);
    }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not (N, L, E) / (L, N, E) with E = dModel and L ≤ maxLength.</exception>
    public override Tensor Forward(Tensor input)
    {
        int seqDim = BatchFirst ? 1 : 0;
        if (input.Rank != 3 || input.Shape[2] != DModel || input.Shape[seqDim] > MaxLength)
            throw new ShapeMismatchException($"{this} expected input {(BatchFirst ? "(N, L, E)" : "(L, N, E)")} with E = {DModel} and L <= {MaxLength}, got {Shapes.Format(input.Shape)}.");
        var code = _table.Narrow(0, 0, input.Shape[seqDim]).To(input.DType).To(input.Device);
        return input + (BatchFirst ? code.Unsqueeze(0) : code.Unsqueeze(1));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SinusoidalPositionalEncoding(d_model={DModel}, max_len={MaxLength}{(BatchFirst ? ", batch_first=True" : "")})");
}
