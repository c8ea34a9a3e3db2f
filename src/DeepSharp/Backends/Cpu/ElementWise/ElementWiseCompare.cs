using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

internal static partial class ElementWise
{
    /// <summary>mask[i] = x[i] op y[i] ? 1 : 0 (the mask has the operands' type, as masks are multiplied into gradients).</summary>
    public static void Compare<T>(ComparisonOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length, mask.Length);
        switch (op)
        {
            case ComparisonOp.Equal: Compare<T, EqualOp<T>>(x, y, mask); break;
            case ComparisonOp.NotEqual: Compare<T, NotEqualOp<T>>(x, y, mask); break;
            case ComparisonOp.Greater: Compare<T, GreaterOp<T>>(x, y, mask); break;
            case ComparisonOp.GreaterOrEqual: Compare<T, GreaterOrEqualOp<T>>(x, y, mask); break;
            case ComparisonOp.Less: Compare<T, GreaterOp<T>>(y, x, mask); break;
            case ComparisonOp.LessOrEqual: Compare<T, GreaterOrEqualOp<T>>(y, x, mask); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>mask[i] = x[i] op y ? 1 : 0.</summary>
    public static void Compare<T>(ComparisonOp op, ReadOnlySpan<T> x, T y, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, x.Length, mask.Length);
        switch (op)
        {
            case ComparisonOp.Equal: CompareScalar<T, EqualOp<T>>(x, y, false, mask); break;
            case ComparisonOp.NotEqual: CompareScalar<T, NotEqualOp<T>>(x, y, false, mask); break;
            case ComparisonOp.Greater: CompareScalar<T, GreaterOp<T>>(x, y, false, mask); break;
            case ComparisonOp.GreaterOrEqual: CompareScalar<T, GreaterOrEqualOp<T>>(x, y, false, mask); break;
            case ComparisonOp.Less: CompareScalar<T, GreaterOp<T>>(x, y, true, mask); break;
            case ComparisonOp.LessOrEqual: CompareScalar<T, GreaterOrEqualOp<T>>(x, y, true, mask); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>The scalar reference of a comparison: 1 when it holds, else 0.</summary>
    public static T Scalar<T>(ComparisonOp op, T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        ComparisonOp.Equal => x == y,
        ComparisonOp.NotEqual => x != y,
        ComparisonOp.Greater => x > y,
        ComparisonOp.GreaterOrEqual => x >= y,
        ComparisonOp.Less => x < y,
        ComparisonOp.LessOrEqual => x <= y,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    } ? T.One : T.Zero;

    /// <summary>One comparison as a pair of vector and scalar functions, so the loop is specialized per op.</summary>
    private interface ICompareOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract Vector<T> Vector(Vector<T> x, Vector<T> y);
        static abstract bool Scalar(T x, T y);
    }

    private readonly struct EqualOp<T> : ICompareOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector<T> Vector(Vector<T> x, Vector<T> y) => System.Numerics.Vector.Equals(x, y);
        public static bool Scalar(T x, T y) => x == y;
    }

    private readonly struct NotEqualOp<T> : ICompareOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector<T> Vector(Vector<T> x, Vector<T> y) => ~System.Numerics.Vector.Equals(x, y);
        public static bool Scalar(T x, T y) => x != y;
    }

    private readonly struct GreaterOp<T> : ICompareOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector<T> Vector(Vector<T> x, Vector<T> y) => System.Numerics.Vector.GreaterThan(x, y);
        public static bool Scalar(T x, T y) => x > y;
    }

    private readonly struct GreaterOrEqualOp<T> : ICompareOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector<T> Vector(Vector<T> x, Vector<T> y) => System.Numerics.Vector.GreaterThanOrEqual(x, y);
        public static bool Scalar(T x, T y) => x >= y;
    }

    private static void Compare<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, ICompareOp<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(mask);
            // all-ones lanes AND the bits of 1.0 give 1.0; all-zero lanes give 0.0
            for (int v = 0; v < xv.Length; v++) mv[v] = TOp.Vector(xv[v], yv[v]) & Vector<T>.One;
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) mask[i] = TOp.Scalar(x[i], y[i]) ? T.One : T.Zero;
    }

    /// <summary>x op y, or y op x when <paramref name="swap"/> (so Less is Greater with the operands exchanged).</summary>
    private static void CompareScalar<T, TOp>(ReadOnlySpan<T> x, T y, bool swap, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, ICompareOp<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(mask);
            var yv = new Vector<T>(y);
            if (swap) for (int v = 0; v < xv.Length; v++) mv[v] = TOp.Vector(yv, xv[v]) & Vector<T>.One;
            else for (int v = 0; v < xv.Length; v++) mv[v] = TOp.Vector(xv[v], yv) & Vector<T>.One;
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) mask[i] = (swap ? TOp.Scalar(y, x[i]) : TOp.Scalar(x[i], y)) ? T.One : T.Zero;
    }
}
