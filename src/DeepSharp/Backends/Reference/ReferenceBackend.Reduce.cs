namespace DeepSharp.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Reduce(ReduceOp op, StorageView x, AxisBlock block, StorageView dst)
    {
        RequireFloat(x.DType, op.ToString());
        var xs = StridedElements.Read(x);
        var result = new double[block.Outer * block.Inner];
        for (int o = 0; o < block.Outer; o++)
            for (int i = 0; i < block.Inner; i++)
            {
                // the empty reduction gives the identity: 0, -∞ or +∞
                double acc = op switch
                {
                    ReduceOp.Sum => 0,
                    ReduceOp.Max => double.NegativeInfinity,
                    ReduceOp.Min => double.PositiveInfinity,
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown reduction."),
                };
                for (int s = 0; s < block.Size; s++)
                {
                    double v = xs[(o * block.Size + s) * block.Inner + i];
                    acc = op switch
                    {
                        ReduceOp.Sum => acc + v,
                        ReduceOp.Max => Math.Max(acc, v), // NaN wins
                        _ => Math.Min(acc, v),
                    };
                }
                result[o * block.Inner + i] = acc;
            }
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void ArgReduce(bool max, StorageView x, int rows, int length, StorageView dst)
    {
        RequireFloat(x.DType, max ? "ArgMax" : "ArgMin");
        var xs = StridedElements.Read(x);
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int best = -1; // an empty row has no index
            for (int j = 0; j < length; j++)
            {
                double v = xs[r * length + j];
                if (double.IsNaN(v)) { best = j; break; } // the first NaN wins, as in PyTorch
                if (best < 0 || (max ? v > xs[r * length + best] : v < xs[r * length + best])) best = j;
            }
            result[r] = best;
        }
        StridedElements.WriteIndices(dst, result, max ? "ArgMax" : "ArgMin");
    }
}
