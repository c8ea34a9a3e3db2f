using System.Numerics;
using System.Numerics.Tensors;

namespace DeepSharp.Backends.Cpu;

/// <summary>Reductions over spans and over the rows / columns of row-major blocks.</summary>
internal static class ReduceKernels
{
    /// <summary>Sum of all elements.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.IsEmpty ? T.Zero : TensorPrimitives.Sum(x);

    /// <summary>Largest element (NaN if any is NaN); -infinity for an empty span.</summary>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.IsEmpty ? T.NegativeInfinity : TensorPrimitives.Max(x);

    /// <summary>Smallest element (NaN if any is NaN); +infinity for an empty span.</summary>
    public static T Min<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.IsEmpty ? T.PositiveInfinity : TensorPrimitives.Min(x);

    /// <summary>Index of the first largest element; -1 for an empty span.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return -1;
        int best = 0;
        T bestValue = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            T v = x[i];
            if (T.IsNaN(bestValue)) break;
            if (v > bestValue || T.IsNaN(v)) { best = i; bestValue = v; }
        }
        return best;
    }

    /// <summary>Index of the first smallest element; -1 for an empty span.</summary>
    public static int ArgMin<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return -1;
        int best = 0;
        T bestValue = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            T v = x[i];
            if (T.IsNaN(bestValue)) break;
            if (v < bestValue || T.IsNaN(v)) { best = i; bestValue = v; }
        }
        return best;
    }

    /// <summary>
    /// Reduces the middle axis of a row-major block <c>x (outer, reduce, inner)</c> into
    /// <c>d (outer, inner)</c> with <paramref name="reduceOp"/>.
    /// </summary>
    public static void Axis<T>(ReduceOp reduceOp, ReadOnlySpan<T> x, int outer, int reduce, int inner, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var op = reduceOp switch { ReduceOp.Sum => BinaryOp.Add, ReduceOp.Max => BinaryOp.Maximum, _ => BinaryOp.Minimum };
        if (x.Length < (long)outer * reduce * inner || d.Length < (long)outer * inner)
            throw new ArgumentException($"ReduceKernels.Axis: spans too short for ({outer}, {reduce}, {inner}): x {x.Length}, destination {d.Length}.");
        for (int o = 0; o < outer; o++)
        {
            Span<T> dst = d.Slice(o * inner, inner);
            if (inner == 1)
            {
                ReadOnlySpan<T> row = x.Slice(o * reduce, reduce);
                dst[0] = op switch
                {
                    BinaryOp.Add => Sum(row),
                    BinaryOp.Maximum => Max(row),
                    BinaryOp.Minimum => Min(row),
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Reduce.Axis supports Add, Maximum, Minimum."),
                };
                continue;
            }
            if (reduce == 0)
            {
                dst.Fill(op switch { BinaryOp.Add => T.Zero, BinaryOp.Maximum => T.NegativeInfinity, _ => T.PositiveInfinity });
                continue;
            }
            x.Slice(o * reduce * inner, inner).CopyTo(dst);
            for (int r = 1; r < reduce; r++)
                ElementWise.Binary(op, dst, x.Slice((o * reduce + r) * inner, inner), dst);
        }
    }
}
