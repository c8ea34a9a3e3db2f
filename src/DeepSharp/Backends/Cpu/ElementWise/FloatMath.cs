using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Single-precision exp and tanh over spans (Vector512 → Vector256 → scalar), accurate where the
/// System.Numerics.Tensors ones are not: their exp(0) is 1.0000001 and their tanh near zero has an
/// absolute error of ~6e-8 (tanh(0) = -5.96e-8, tanh(1e-6) = 9.5368e-7), which the fused
/// Linear + Tanh epilogue and the recurrent layers inherit.
/// </summary>
/// <remarks>
/// exp: Cody–Waite reduction x = n ln2 + r, |r| ≤ ln2/2, and Cephes' degree-7 polynomial for e^r
/// (exact at 0: e^0 = 1), scaled by 2^n in two steps so results down to the subnormals are right;
/// overflow gives +∞, underflow 0, NaN stays NaN. tanh: Cephes' odd polynomial for |x| &lt; 0.625
/// (tanh(x) = x to working precision near 0, sign of zero kept), 1 − 2 / (e^(2|x|) + 1) with the
/// sign of x above. Both are within a few ulp of the correctly rounded result over the whole range
/// (tests/reference/numeric_defects.py checks them against PyTorch).
/// </remarks>
internal static class FloatMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;
    private const float MaxArg = 88.7228394f;   // ln(float.MaxValue)
    private const float MinArg = -103.972076f;  // below: e^x rounds to 0
    private const float E1 = 1.9875691500e-4f, E2 = 1.3981999507e-3f, E3 = 8.3334519073e-3f,
        E4 = 4.1665795894e-2f, E5 = 1.6666665459e-1f, E6 = 5.0000001201e-1f;
    private const float TanhSmall = 0.625f;
    private const float T1 = -5.70498872745e-3f, T2 = 2.06390887954e-2f, T3 = -5.37397155531e-2f,
        T4 = 1.33314422036e-1f, T5 = -3.33332819422e-1f;

    /// <summary>d[i] = e^x[i].</summary>
    public static void Exp(ReadOnlySpan<float> x, Span<float> d)
    {
        if (d.Length < x.Length) throw new ArgumentException("Exp: destination too short.", nameof(d));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ds = ref MemoryMarshal.GetReference(d);
        int i = 0, n = x.Length;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.LoadUnsafe(ref xs, (nuint)i).ExpVector().StoreUnsafe(ref ds, (nuint)i);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.LoadUnsafe(ref xs, (nuint)i).ExpVector().StoreUnsafe(ref ds, (nuint)i);
        for (; i < n; i++) d[i] = Exp(x[i]);
    }

    /// <summary>d[i] = tanh(x[i]).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> d)
    {
        if (d.Length < x.Length) throw new ArgumentException("Tanh: destination too short.", nameof(d));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ds = ref MemoryMarshal.GetReference(d);
        int i = 0, n = x.Length;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.LoadUnsafe(ref xs, (nuint)i).TanhVector().StoreUnsafe(ref ds, (nuint)i);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.LoadUnsafe(ref xs, (nuint)i).TanhVector().StoreUnsafe(ref ds, (nuint)i);
        for (; i < n; i++) d[i] = Tanh(x[i]);
    }

    /// <summary>d[i] = e^x[i]: <see cref="Exp(ReadOnlySpan{float}, Span{float})"/> for Float32, TensorPrimitives for Float64.</summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) Exp(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(d));
        else TensorPrimitives.Exp(x, d);
    }

    /// <summary>d[i] = tanh(x[i]): <see cref="Tanh(ReadOnlySpan{float}, Span{float})"/> for Float32, TensorPrimitives for Float64.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) Tanh(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(d));
        else TensorPrimitives.Tanh(x, d);
    }

    /// <summary>d[i] = e^x[i] − 1, accurate near 0 (where e^x − 1 cancels): the Taylor series for
    /// |x| &lt; 0.35 (7 terms in single precision, 13 in double, each below half an ulp), e^x − 1 above.</summary>
    public static void ExpM1<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, terms = typeof(T) == typeof(float) ? 7 : 13;
        T small = T.CreateTruncating(0.35);
        T[] rented = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Span<T> e = rented.AsSpan(0, n); // x and d may be the same span
            Exp<T>(x, e);
            for (int i = 0; i < n; i++)
            {
                T v = x[i];
                if (!(T.Abs(v) < small)) { d[i] = e[i] - T.One; continue; }
                T sum = T.Zero;
                for (int k = terms; k >= 1; k--) sum = (sum + T.One) * v / T.CreateTruncating(k); // x(1 + x/2(1 + x/3(...)))
                d[i] = sum;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>log(1 + w) accurate for small w (where 1 + w rounds): log(u) + (w − (u − 1)) / u with u = 1 + w.</summary>
    public static T Log1P<T>(T w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.One + w;
        return u == T.One ? w : T.Log(u) + (w - (u - T.One)) / u;
    }

    /// <summary>d[i] = log(1 + e^(−|z[i]|)), the non-linear part of softplus max(z, 0) + log(1 + e^(−|z|)),
    /// accurate where e^(−|z|) is far below 1 (softplus(−20) = 2.06e-9, not 0).</summary>
    public static void Log1PExpNegAbs<T>(ReadOnlySpan<T> z, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = z.Length;
        T[] rented = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Span<T> u = rented.AsSpan(0, n);
            TensorPrimitives.Abs(z, d);
            TensorPrimitives.Negate(d, d);
            Exp<T>(d, d);                       // w = e^(−|z|) in (0, 1]
            TensorPrimitives.Add(d, T.One, u);  // u = 1 + w
            TensorPrimitives.Log(u, u);         // log u
            for (int i = 0; i < n; i++)
            {
                T w = d[i], one = T.One + w;
                d[i] = one == T.One ? w : u[i] + (w - (one - T.One)) / one;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>The scalar twin of the vector exp (the same steps, so tails match the body).</summary>
    public static float Exp(float x)
    {
        if (float.IsNaN(x)) return x;
        if (x > MaxArg) return float.PositiveInfinity;
        if (x < MinArg) return 0f;
        float n = MathF.Round(x * Log2E);
        float r = MathF.FusedMultiplyAdd(-n, Ln2Lo, MathF.FusedMultiplyAdd(-n, Ln2Hi, x));
        float p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(
            MathF.FusedMultiplyAdd(E1, r, E2), r, E3), r, E4), r, E5), r, E6);
        p = MathF.FusedMultiplyAdd(p, r * r, r) + 1f;
        int k = (int)n, k1 = k >> 1;
        return p * Pow2(k1) * Pow2(k - k1);
    }

    /// <summary>The scalar twin of the vector tanh.</summary>
    public static float Tanh(float x)
    {
        float a = MathF.Abs(x);
        if (a < TanhSmall)
        {
            float z = x * x;
            float p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(T1, z, T2), z, T3), z, T4), z, T5);
            return MathF.CopySign(MathF.FusedMultiplyAdd(p * z, x, x), x); // keeps -0
        }
        float big = 1f - 2f / (Exp(a + a) + 1f);
        return float.IsNaN(x) ? x : MathF.CopySign(big, x);
    }

    private static float Pow2(int k) => BitConverter.Int32BitsToSingle((k + 127) << 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpVector(this Vector256<float> x)
    {
        var xc = Vector256.Min(Vector256.Max(x, Vector256.Create(MinArg)), Vector256.Create(MaxArg));
        var n = Vector256.Round(xc * Vector256.Create(Log2E));
        var r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Lo), Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Hi), xc));
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(E1), r, Vector256.Create(E2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E6));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var k = Vector256.ConvertToInt32(n);
        var k1 = Vector256.ShiftRightArithmetic(k, 1);
        var bias = Vector256.Create(127);
        var s1 = Vector256.ShiftLeft(k1 + bias, 23).AsSingle();
        var s2 = Vector256.ShiftLeft(k - k1 + bias, 23).AsSingle();
        var y = p * s1 * s2;
        y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxArg)), Vector256.Create(float.PositiveInfinity), y);
        y = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(MinArg)), Vector256<float>.Zero, y);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x); // NaN in, NaN out
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpVector(this Vector512<float> x)
    {
        var xc = Vector512.Min(Vector512.Max(x, Vector512.Create(MinArg)), Vector512.Create(MaxArg));
        var n = Vector512.Round(xc * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Lo), Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Hi), xc));
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(E1), r, Vector512.Create(E2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E6));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        var k = Vector512.ConvertToInt32(n);
        var k1 = Vector512.ShiftRightArithmetic(k, 1);
        var bias = Vector512.Create(127);
        var s1 = Vector512.ShiftLeft(k1 + bias, 23).AsSingle();
        var s2 = Vector512.ShiftLeft(k - k1 + bias, 23).AsSingle();
        var y = p * s1 * s2;
        y = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(MaxArg)), Vector512.Create(float.PositiveInfinity), y);
        y = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(MinArg)), Vector512<float>.Zero, y);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhVector(this Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var z = x * x;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(T1), z, Vector256.Create(T2));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T3));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T4));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T5));
        var small = Vector256.FusedMultiplyAdd(p * z, x, x);
        var e = (a + a).ExpVector();
        var big = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);
        var y = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(TanhSmall)), small, big);
        y = Vector256.ConditionalSelect(Vector256.Create(-0f), x, y); // the sign of x (tanh is odd; keeps -0)
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TanhVector(this Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var z = x * x;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(T1), z, Vector512.Create(T2));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T3));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T4));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T5));
        var small = Vector512.FusedMultiplyAdd(p * z, x, x);
        var e = (a + a).ExpVector();
        var big = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);
        var y = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhSmall)), small, big);
        y = Vector512.ConditionalSelect(Vector512.Create(-0f), x, y);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }
}
