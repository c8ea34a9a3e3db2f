using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Max and average pooling over NCHW data, forward and backward, split between threads by
/// (image, channel) planes. The 2x2 stride-2 window of LeNet takes a SIMD path for float.
/// </summary>
/// <remarks>
/// input (N, C, H, W) -> output (N, C, OH, OW). Windows are clipped to the input; padding never
/// wins a max. The max backward routes each output's gradient to the first element of its window
/// equal to the output (the first maximum, as PyTorch does), recomputed from the input so no
/// index tensor has to be kept between the passes.
/// </remarks>
internal static unsafe class Pool2dKernel
{
    /// <summary>Input elements a thread must receive before a second thread is woken.</summary>
    private const int ElementsPerThread = 1 << 15;

    /// <summary>Max pooling forward; <paramref name="output"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="output">(N, C, OH, OW).</param>
    public static void MaxForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(g, input, output, static (in Pool2dGeometry g, ReadOnlySpan<T> x, Span<T> y) =>
        {
            if (typeof(T) == typeof(float) && g.IsTwoByTwo && Pool2x2.Forward(g, Cast<T, float>(x), Cast<T, float>(y), max: true))
                return;
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    var (h0, h1, w0, w1) = Window(g, oy, ox);
                    T best = x[h0 * g.InWidth + w0];
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                        {
                            T v = x[ih * g.InWidth + iw];
                            if (v > best || (T.IsNaN(v) && !T.IsNaN(best))) best = v;
                        }
                    y[oy * g.OutWidth + ox] = best;
                }
        });

    /// <summary>Max pooling backward: <paramref name="gradInput"/> (overwritten) receives each output
    /// gradient at the first element of its window equal to the output.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">The forward input (N, C, H, W).</param>
    /// <param name="output">The forward output (N, C, OH, OW).</param>
    /// <param name="gradOutput">(N, C, OH, OW).</param>
    /// <param name="gradInput">(N, C, H, W).</param>
    public static void MaxBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> output,
        ReadOnlySpan<T> gradOutput, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(output.Length, g.OutputSize, "output");
        Check(gradOutput.Length, g.OutputSize, "gradOutput");
        fixed (T* po = output)
        {
            var outputs = new ConvPinned<T>(po, g.OutputSize);
            var geo = g;
            RunBackward(g, input, gradOutput, gradInput, (ReadOnlySpan<T> x, ReadOnlySpan<T> gy, Span<T> gx, int p) =>
                MaxBackwardPlane(geo, x, outputs.Span.Slice(p * geo.OutPlaneSize, geo.OutPlaneSize), gy, gx));
        }
    }

    private static void MaxBackwardPlane<T>(in Pool2dGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = g.InWidth, ow = g.OutWidth;
        if (typeof(T) == typeof(float) && g.IsTwoByTwo
            && Pool2x2.MaxBackward(g, Cast<T, float>(x), Cast<T, float>(y), Cast<T, float>(gy), Cast<T, float>(gx)))
            return;
        if (g.IsTwoByTwo)
        {
            // The windows tile the plane: every input element is written exactly once, no clearing.
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                ReadOnlySpan<T> r0 = x.Slice(2 * oy * w, w), r1 = x.Slice((2 * oy + 1) * w, w);
                Span<T> d0 = gx.Slice(2 * oy * w, w), d1 = gx.Slice((2 * oy + 1) * w, w);
                ReadOnlySpan<T> yr = y.Slice(oy * ow, ow), gr = gy.Slice(oy * ow, ow);
                for (int ox = 0; ox < ow; ox++)
                {
                    T t = yr[ox], grad = gr[ox];
                    int c = 2 * ox;
                    int pick = Same(r0[c], t) ? 0 : Same(r0[c + 1], t) ? 1 : Same(r1[c], t) ? 2 : 3;
                    d0[c] = pick == 0 ? grad : T.Zero;
                    d0[c + 1] = pick == 1 ? grad : T.Zero;
                    d1[c] = pick == 2 ? grad : T.Zero;
                    d1[c + 1] = pick == 3 ? grad : T.Zero;
                }
            }
            return;
        }
        gx.Clear();
        for (int oy = 0; oy < g.OutHeight; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                var (h0, h1, w0, w1) = Window(g, oy, ox);
                T target = y[oy * ow + ox];
                for (int ih = h0; ih < h1; ih++)
                    for (int iw = w0; iw < w1; iw++)
                        if (Same(x[ih * w + iw], target))
                        {
                            gx[ih * w + iw] += gy[oy * ow + ox];
                            goto next;
                        }
                next:;
            }
    }

    /// <summary>Whether an input element is the window's maximum: equal to it, or both NaN.</summary>
    private static bool Same<T>(T value, T max) where T : unmanaged, IFloatingPointIeee754<T> =>
        value == max || (T.IsNaN(max) && T.IsNaN(value));

    /// <summary>Average pooling forward; <paramref name="output"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="output">(N, C, OH, OW).</param>
    /// <param name="countIncludePad">Divide by the window size including padding (PyTorch's default) rather than by the input elements it covers.</param>
    public static void AvgForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output, bool countIncludePad = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (countIncludePad)
            Run(g, input, output, static (in Pool2dGeometry g, ReadOnlySpan<T> x, Span<T> y) => AvgPlane(g, x, y, true));
        else
            Run(g, input, output, static (in Pool2dGeometry g, ReadOnlySpan<T> x, Span<T> y) => AvgPlane(g, x, y, false));
    }

    /// <summary>Average pooling backward: each output gradient divided by its window's divisor is
    /// added to every element of the window. <paramref name="gradInput"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="gradOutput">(N, C, OH, OW).</param>
    /// <param name="gradInput">(N, C, H, W).</param>
    /// <param name="countIncludePad">As in <see cref="AvgForward{T}"/>.</param>
    public static void AvgBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> gradOutput, Span<T> gradInput, bool countIncludePad = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geo = g;
        RunBackward(g, default, gradOutput, gradInput, (ReadOnlySpan<T> _, ReadOnlySpan<T> gy, Span<T> gx, int _) =>
        {
            gx.Clear();
            for (int oy = 0; oy < geo.OutHeight; oy++)
                for (int ox = 0; ox < geo.OutWidth; ox++)
                {
                    var (h0, h1, w0, w1) = Window(geo, oy, ox);
                    T share = gy[oy * geo.OutWidth + ox] / T.CreateTruncating(Divisor(geo, oy, ox, countIncludePad));
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) gx[ih * geo.InWidth + iw] += share;
                }
        });
    }

    /// <summary>Adaptive average pooling forward: output (oy, ox) averages input rows
    /// [⌊oy·H/OH⌋, ⌈(oy+1)·H/OH⌉) and the matching columns (PyTorch's windows).</summary>
    /// <param name="planes">N · C.</param>
    /// <param name="inHeight">H.</param>
    /// <param name="inWidth">W.</param>
    /// <param name="outHeight">OH.</param>
    /// <param name="outWidth">OW.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="output">(N, C, OH, OW), overwritten.</param>
    public static void AdaptiveAvgForward<T>(int planes, int inHeight, int inWidth, int outHeight, int outWidth,
        ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckAdaptive(planes, inHeight, inWidth, outHeight, outWidth);
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<T> x = input.Slice(p * inHeight * inWidth, inHeight * inWidth);
            Span<T> y = output.Slice(p * outHeight * outWidth, outHeight * outWidth);
            for (int oy = 0; oy < outHeight; oy++)
            {
                var (h0, h1) = AdaptiveRange(oy, inHeight, outHeight);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    var (w0, w1) = AdaptiveRange(ox, inWidth, outWidth);
                    T sum = T.Zero;
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) sum += x[ih * inWidth + iw];
                    y[oy * outWidth + ox] = sum / T.CreateTruncating((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    /// <summary>Adaptive average pooling backward; <paramref name="gradInput"/> is overwritten.</summary>
    /// <param name="planes">N · C.</param>
    /// <param name="inHeight">H.</param>
    /// <param name="inWidth">W.</param>
    /// <param name="outHeight">OH.</param>
    /// <param name="outWidth">OW.</param>
    /// <param name="gradOutput">(N, C, OH, OW).</param>
    /// <param name="gradInput">(N, C, H, W).</param>
    public static void AdaptiveAvgBackward<T>(int planes, int inHeight, int inWidth, int outHeight, int outWidth,
        ReadOnlySpan<T> gradOutput, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckAdaptive(planes, inHeight, inWidth, outHeight, outWidth);
        gradInput[..(planes * inHeight * inWidth)].Clear();
        for (int p = 0; p < planes; p++)
        {
            ReadOnlySpan<T> gy = gradOutput.Slice(p * outHeight * outWidth, outHeight * outWidth);
            Span<T> gx = gradInput.Slice(p * inHeight * inWidth, inHeight * inWidth);
            for (int oy = 0; oy < outHeight; oy++)
            {
                var (h0, h1) = AdaptiveRange(oy, inHeight, outHeight);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    var (w0, w1) = AdaptiveRange(ox, inWidth, outWidth);
                    T share = gy[oy * outWidth + ox] / T.CreateTruncating((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) gx[ih * inWidth + iw] += share;
                }
            }
        }
    }

    /// <summary>Input range [⌊i·n/m⌋, ⌈(i+1)·n/m⌉) of adaptive output i (n inputs, m outputs).</summary>
    internal static (int Start, int End) AdaptiveRange(int i, int n, int m) =>
        ((int)((long)i * n / m), (int)(((long)(i + 1) * n + m - 1) / m));

    private static void CheckAdaptive(int planes, int inHeight, int inWidth, int outHeight, int outWidth)
    {
        if (planes < 0) throw new ArgumentOutOfRangeException(nameof(planes), planes, "planes must be non-negative.");
        if (inHeight <= 0) throw new ArgumentOutOfRangeException(nameof(inHeight), inHeight, "inHeight must be positive.");
        if (inWidth <= 0) throw new ArgumentOutOfRangeException(nameof(inWidth), inWidth, "inWidth must be positive.");
        if (outHeight <= 0) throw new ArgumentOutOfRangeException(nameof(outHeight), outHeight, "outHeight must be positive.");
        if (outWidth <= 0) throw new ArgumentOutOfRangeException(nameof(outWidth), outWidth, "outWidth must be positive.");
    }

    private static void AvgPlane<T>(in Pool2dGeometry g, ReadOnlySpan<T> x, Span<T> y, bool countIncludePad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && g.IsTwoByTwo && Pool2x2.Forward(g, Cast<T, float>(x), Cast<T, float>(y), max: false))
            return;
        for (int oy = 0; oy < g.OutHeight; oy++)
            for (int ox = 0; ox < g.OutWidth; ox++)
            {
                var (h0, h1, w0, w1) = Window(g, oy, ox);
                T sum = T.Zero;
                for (int ih = h0; ih < h1; ih++)
                    for (int iw = w0; iw < w1; iw++) sum += x[ih * g.InWidth + iw];
                y[oy * g.OutWidth + ox] = sum / T.CreateTruncating(Divisor(g, oy, ox, countIncludePad));
            }
    }

    /// <summary>The window of output (oy, ox) clipped to the input: rows [h0, h1), columns [w0, w1).</summary>
    private static (int H0, int H1, int W0, int W1) Window(in Pool2dGeometry g, int oy, int ox)
    {
        int h0 = oy * g.StrideHeight - g.PadHeight, w0 = ox * g.StrideWidth - g.PadWidth;
        return (Math.Max(h0, 0), Math.Min(h0 + g.KernelHeight, g.InHeight), Math.Max(w0, 0), Math.Min(w0 + g.KernelWidth, g.InWidth));
    }

    /// <summary>PyTorch's divisor: the window clipped to the padded input, or to the input itself.</summary>
    private static int Divisor(in Pool2dGeometry g, int oy, int ox, bool countIncludePad)
    {
        if (!countIncludePad)
        {
            var (h0, h1, w0, w1) = Window(g, oy, ox);
            return (h1 - h0) * (w1 - w0);
        }
        int hs = oy * g.StrideHeight - g.PadHeight, ws = ox * g.StrideWidth - g.PadWidth;
        int he = Math.Min(hs + g.KernelHeight, g.InHeight + g.PadHeight), we = Math.Min(ws + g.KernelWidth, g.InWidth + g.PadWidth);
        return (he - hs) * (we - ws);
    }

    private delegate void PlaneForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> inputPlane, Span<T> outputPlane);

    private delegate void PlaneBackward<T>(ReadOnlySpan<T> inputPlane, ReadOnlySpan<T> gradOutputPlane, Span<T> gradInputPlane, int plane);

    private static void Run<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output, PlaneForward<T> body)
        where T : unmanaged
    {
        Check(input.Length, g.InputSize, "input");
        Check(output.Length, g.OutputSize, "output");
        if (g.OutputSize == 0) return;
        var geo = g;
        fixed (T* px = input, py = output)
        {
            var x = new ConvPinned<T>(px, g.InputSize);
            var y = new ConvPinned<T>(py, g.OutputSize);
            Parallelism.ForChunks(g.Planes, PlanesPerChunk(g), (start, end) =>
            {
                for (int p = start; p < end; p++)
                    body(geo, x.Span.Slice(p * geo.InPlaneSize, geo.InPlaneSize), y.Span.Slice(p * geo.OutPlaneSize, geo.OutPlaneSize));
            });
        }
    }

    private static void RunBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradInput, PlaneBackward<T> body)
        where T : unmanaged
    {
        if (!input.IsEmpty) Check(input.Length, g.InputSize, "input");
        Check(gradOutput.Length, g.OutputSize, "gradOutput");
        Check(gradInput.Length, g.InputSize, "gradInput");
        if (g.InputSize == 0) return;
        var geo = g;
        bool hasInput = !input.IsEmpty;
        fixed (T* px = input, pgy = gradOutput, pgx = gradInput)
        {
            var x = new ConvPinned<T>(px, hasInput ? g.InputSize : 0);
            var gy = new ConvPinned<T>(pgy, g.OutputSize);
            var gx = new ConvPinned<T>(pgx, g.InputSize);
            Parallelism.ForChunks(g.Planes, PlanesPerChunk(g), (start, end) =>
            {
                for (int p = start; p < end; p++)
                    body(hasInput ? x.Span.Slice(p * geo.InPlaneSize, geo.InPlaneSize) : default,
                        gy.Span.Slice(p * geo.OutPlaneSize, geo.OutPlaneSize), gx.Span.Slice(p * geo.InPlaneSize, geo.InPlaneSize), p);
            });
        }
    }

    /// <summary>Planes per claimed chunk: enough elements to repay a thread, at most a quarter of each thread's share.</summary>
    private static int PlanesPerChunk(in Pool2dGeometry g) =>
        Math.Max(Math.Max(1, ElementsPerThread / Math.Max(1, g.InPlaneSize)), (g.Planes + 4 * Parallelism.MaxThreads - 1) / (4 * Parallelism.MaxThreads));

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> s) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);

    private static void Check(int actual, int needed, string name)
    {
        if (actual < needed)
            throw new ArgumentException($"Pool2d: the {name} span holds {actual} elements; the geometry needs {needed}.", name);
    }
}
