namespace DeepSharp.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void MatMul(StorageView a, StorageView b, StorageView c)
    {
        RequireFloat(c.DType, "MatMul");
        int rank = c.Rank;
        if (rank < 2 || a.Rank != rank || b.Rank != rank)
            throw new ArgumentException($"MatMul: expected operands of c's rank {rank} (at least 2), found {a.Rank} and {b.Rank}.");
        int n = c.Shape[rank - 2], m = c.Shape[rank - 1], k = a.Shape[rank - 1];
        if (a.Shape[rank - 2] != n || b.Shape[rank - 2] != k || b.Shape[rank - 1] != m)
            throw new ArgumentException($"MatMul: a (..., {a.Shape[rank - 2]}, {k}) · b (..., {b.Shape[rank - 2]}, {b.Shape[rank - 1]}) does not give c (..., {n}, {m}).");
        // Read densely: the batch dimensions of a and b are already c's (stride 0 where broadcast).
        double[] x = StridedElements.Read(a), y = StridedElements.Read(b);
        int batches = n * m == 0 ? 0 : c.Numel / (n * m);
        var result = new double[c.Numel];
        for (int p = 0; p < batches; p++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++)
                {
                    double sum = 0;
                    for (int q = 0; q < k; q++) sum += x[(p * n + i) * k + q] * y[(p * k + q) * m + j];
                    result[(p * n + i) * m + j] = sum;
                }
        StridedElements.Write(c, result);
    }

    /// <inheritdoc/>
    public void Linear(StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        RequireFloat(x.DType, "Linear");
        int rows = x.Shape[0], inFeatures = x.Shape[1], outFeatures = w.Shape[0];
        if (w.Shape[1] != inFeatures)
            throw new ArgumentException($"Linear: x has {inFeatures} features, w (out, in) is ({outFeatures}, {w.Shape[1]}).");
        double[] xs = StridedElements.Read(x), ws = StridedElements.Read(w);
        double[]? bs = bias is { } b ? StridedElements.Read(b) : null;
        var result = new double[rows * outFeatures];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = bs is null ? 0 : bs[o];
                for (int i = 0; i < inFeatures; i++) sum += xs[r * inFeatures + i] * ws[o * inFeatures + i];
                result[r * outFeatures + o] = Activate(activation, sum);
            }
        StridedElements.Write(y, result);
    }

    /// <summary>A fused epilogue activation of one value.</summary>
    private static double Activate(Activation activation, double v) => activation switch
    {
        Activation.None => v,
        Activation.Relu => double.IsNaN(v) ? v : Math.Max(v, 0),
        Activation.Tanh => Math.Tanh(v),
        Activation.Sigmoid => ScalarMath.Sigmoid(v),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
