using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// SIMD 2x2 stride-2 pooling of one float plane (LeNet's subsampling): a vertical max / sum of two
/// rows, then a de-interleave of even and odd columns (shufps) and a horizontal max / sum.
/// The last vector of a row overlaps the previous one instead of falling back to scalar.
/// </summary>
internal static class Pool2x2
{
    /// <summary>Pools one plane; returns false (doing nothing) when no SIMD path fits, so the caller
    /// runs its scalar loop. Max uses NaN-propagating <c>Vector.Max</c>, like the scalar path.</summary>
    public static bool Forward(in Pool2dGeometry g, ReadOnlySpan<float> x, Span<float> y, bool max)
    {
        int w = g.InWidth;
        bool wide = Avx2.IsSupported && w >= 16;
        if (!wide && !(Sse.IsSupported && w >= 8)) return false;
        int ow = g.OutWidth;
        ref float src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int step = wide ? 16 : 8;
        for (int oy = 0; oy < g.OutHeight; oy++)
        {
            ref float r0 = ref Unsafe.Add(ref src, 2 * oy * w);
            ref float r1 = ref Unsafe.Add(ref r0, w);
            ref float o = ref Unsafe.Add(ref dst, oy * ow);
            for (int ix = 0; ; ix += step)
            {
                if (ix > w - step) ix = w - step; // overlapping last vector (w and step are even)
                if (wide) Row256(ref Unsafe.Add(ref r0, ix), ref Unsafe.Add(ref r1, ix), ref Unsafe.Add(ref o, ix / 2), max);
                else Row128(ref Unsafe.Add(ref r0, ix), ref Unsafe.Add(ref r1, ix), ref Unsafe.Add(ref o, ix / 2), max);
                if (ix == w - step) break;
            }
        }
        return true;
    }

    /// <summary>Max-pool backward of one plane: each output's gradient goes to the first element of
    /// its window equal to the output (NaN matching NaN), zeros elsewhere; every input is written.
    /// Returns false when no SIMD path fits (the caller's scalar loop then runs).</summary>
    public static bool MaxBackward(in Pool2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx)
    {
        int w = g.InWidth, ow = g.OutWidth;
        if (!Avx2.IsSupported || w < 8) return false;
        // Blocks of 16 columns (8 outputs), or of 8 (4 outputs) for planes 8..15 wide such as
        // LeNet's second subsampling (10 wide).
        int step = w >= 16 ? 16 : 8;
        ref float xs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float ys = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        ref float gs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gy);
        ref float ds = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gx);
        var lowHalf = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
        var highHalf = Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7);
        var odd = Vector256.Create(0, -1, 0, -1, 0, -1, 0, -1).AsSingle();
        for (int oy = 0; oy < g.OutHeight; oy++)
        {
            ref float r0 = ref Unsafe.Add(ref xs, 2 * oy * w);
            ref float r1 = ref Unsafe.Add(ref r0, w);
            ref float d0 = ref Unsafe.Add(ref ds, 2 * oy * w);
            ref float d1 = ref Unsafe.Add(ref d0, w);
            for (int ix = 0; ; ix += step)
            {
                if (ix > w - step) ix = w - step; // overlapping last block recomputes the same values
                nuint at = (nuint)(oy * ow + ix / 2);
                if (step == 16)
                {
                    var yv = Vector256.LoadUnsafe(ref ys, at);
                    var gv = Vector256.LoadUnsafe(ref gs, at);
                    Route(ref Unsafe.Add(ref r0, ix), ref Unsafe.Add(ref r1, ix), ref Unsafe.Add(ref d0, ix), ref Unsafe.Add(ref d1, ix),
                        Avx2.PermuteVar8x32(yv, lowHalf), Avx2.PermuteVar8x32(gv, lowHalf), odd);
                    Route(ref Unsafe.Add(ref r0, ix + 8), ref Unsafe.Add(ref r1, ix + 8), ref Unsafe.Add(ref d0, ix + 8), ref Unsafe.Add(ref d1, ix + 8),
                        Avx2.PermuteVar8x32(yv, highHalf), Avx2.PermuteVar8x32(gv, highHalf), odd);
                }
                else
                {
                    // Four outputs: 128-bit loads, so nothing past the plane's last output is read.
                    var yv = Vector128.LoadUnsafe(ref ys, at).ToVector256Unsafe();
                    var gv = Vector128.LoadUnsafe(ref gs, at).ToVector256Unsafe();
                    Route(ref Unsafe.Add(ref r0, ix), ref Unsafe.Add(ref r1, ix), ref Unsafe.Add(ref d0, ix), ref Unsafe.Add(ref d1, ix),
                        Avx2.PermuteVar8x32(yv, lowHalf), Avx2.PermuteVar8x32(gv, lowHalf), odd);
                }
                if (ix == w - step) break;
            }
        }
        return true;
    }

    /// <summary>Four 2x2 windows (8 columns of two rows) whose outputs and gradients are given once per column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Route(ref float r0, ref float r1, ref float d0, ref float d1, Vector256<float> y, Vector256<float> g, Vector256<float> odd)
    {
        var a = Vector256.LoadUnsafe(ref r0);
        var b = Vector256.LoadUnsafe(ref r1);
        var yNaN = ~Vector256.Equals(y, y);
        var ea = Vector256.Equals(a, y) | (~Vector256.Equals(a, a) & yNaN);
        var eb = Vector256.Equals(b, y) | (~Vector256.Equals(b, b) & yNaN);
        // Swap the lanes of each column pair: an odd lane sees whether its even partner matched.
        var sa = Avx.Permute(ea, 0b10_11_00_01);
        var sb = Avx.Permute(eb, 0b10_11_00_01);
        var pickA = Vector256.AndNot(ea, sa & odd);
        var pickB = Vector256.AndNot(Vector256.AndNot(eb, sb & odd), ea | sa);
        (pickA & g).StoreUnsafe(ref d0);
        (pickB & g).StoreUnsafe(ref d1);
    }

    /// <summary>16 inputs of two rows -> 8 outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row256(ref float r0, ref float r1, ref float o, bool max)
    {
        var a0 = Vector256.LoadUnsafe(ref r0);
        var a1 = Vector256.LoadUnsafe(ref r0, 8);
        var b0 = Vector256.LoadUnsafe(ref r1);
        var b1 = Vector256.LoadUnsafe(ref r1, 8);
        var v0 = max ? Vector256.Max(a0, b0) : a0 + b0;
        var v1 = max ? Vector256.Max(a1, b1) : a1 + b1;
        // Within each 128-bit lane: even = [v0 0 2, v1 0 2], odd = [v0 1 3, v1 1 3].
        var even = Avx.Shuffle(v0, v1, 0b10_00_10_00);
        var odd = Avx.Shuffle(v0, v1, 0b11_01_11_01);
        var m = max ? Vector256.Max(even, odd) : (even + odd) * 0.25f;
        // Lanes hold outputs [0 1 4 5 | 2 3 6 7]: swap the middle 64-bit pairs.
        Avx2.Permute4x64(m.AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref o);
    }

    /// <summary>8 inputs of two rows -> 4 outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row128(ref float r0, ref float r1, ref float o, bool max)
    {
        var a0 = Vector128.LoadUnsafe(ref r0);
        var a1 = Vector128.LoadUnsafe(ref r0, 4);
        var b0 = Vector128.LoadUnsafe(ref r1);
        var b1 = Vector128.LoadUnsafe(ref r1, 4);
        var v0 = max ? Vector128.Max(a0, b0) : a0 + b0;
        var v1 = max ? Vector128.Max(a1, b1) : a1 + b1;
        var even = Sse.Shuffle(v0, v1, 0b10_00_10_00);
        var odd = Sse.Shuffle(v0, v1, 0b11_01_11_01);
        (max ? Vector128.Max(even, odd) : (even + odd) * 0.25f).StoreUnsafe(ref o);
    }
}
