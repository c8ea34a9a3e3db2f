using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The fast 2-D convolution: each group of each image is lowered with <see cref="Im2Col"/> and
/// multiplied by the packed GEMM (<see cref="Gemm"/>: SGEMM, or DGEMM for double); float on AVX-512
/// machines takes <see cref="Conv2dAvx512"/>, which multiplies without packing.
/// Chunks of images are claimed by the threads (<see cref="Parallelism.ForChunks"/>); every scratch matrix is rented from
/// <see cref="ArrayPool{T}.Shared"/> by the thread that uses it and returned before the call ends,
/// so after warm-up a call allocates no large buffers.
/// </summary>
/// <remarks>
/// input (N, C, H, W), weight (K, C/groups, KH, KW), bias (K) -> output (N, K, OH, OW).
/// Results do not depend on the number of threads: images are independent in the forward and
/// input-gradient passes, and the weight gradient is reduced over a fixed partition of the batch.
/// </remarks>
internal static unsafe class Conv2dKernel
{
    /// <summary>Multiply-adds a thread must receive before a second thread is woken.</summary>
    private const long WorkPerThread = 1 << 17;

    /// <summary>The batch is cut into at most this many fixed chunks for the weight-gradient reduction.</summary>
    private const int WeightChunks = 8;

    /// <summary>Forward pass; <paramref name="output"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="bias">(K), or empty for no bias.</param>
    /// <param name="output">(N, K, OH, OW).</param>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> => Forward(g, input, weight, bias, output, ConvPath.Best, Activation.None);

    /// <summary>Forward pass followed by <paramref name="activation"/>, applied to each image while it
    /// is still in cache; <paramref name="output"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="bias">(K), or empty for no bias.</param>
    /// <param name="output">(N, K, OH, OW): activation(convolution + bias).</param>
    /// <param name="activation">Applied element-wise after the bias.</param>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output,
        Activation activation)
        where T : unmanaged, IFloatingPointIeee754<T> => Forward(g, input, weight, bias, output, ConvPath.Best, activation);

    /// <summary><see cref="Forward{T}(in Conv2dGeometry, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> with the path chosen (tests run both).</summary>
    internal static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, ConvPath path,
        Activation activation = Activation.None)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!UseAvx512<T>()) path = ConvPath.Generic;
        CheckLength(input.Length, g.InputSize, "input");
        CheckLength(weight.Length, g.WeightSize, "weight");
        if (!bias.IsEmpty) CheckLength(bias.Length, g.OutChannels, "bias");
        CheckLength(output.Length, g.OutputSize, "output");
        if (g.Batch == 0) return;
        var geo = g;
        fixed (T* px = input, pw = weight, pb = bias, py = output)
        {
            nint x = (nint)px, w = (nint)pw, b = (nint)pb, y = (nint)py;
            int biasLength = bias.Length;
            Parallelism.ForChunks(g.Batch, ImagesPerChunk(g), (start, end) =>
                ForwardImages<T>(geo, new(x, geo.InputSize), new(w, geo.WeightSize), new(b, biasLength), new(y, geo.OutputSize), start, end, path, activation));
        }
    }

    /// <summary>Gradient with respect to the input; <paramref name="gradInput"/> is overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="gradOutput">(N, K, OH, OW).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="gradInput">(N, C, H, W).</param>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T> => BackwardInput(g, gradOutput, weight, gradInput, ConvPath.Best);

    /// <summary><see cref="BackwardInput{T}(in Conv2dGeometry, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> with the path chosen.</summary>
    internal static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, ConvPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!UseAvx512<T>()) path = ConvPath.Generic;
        CheckLength(gradOutput.Length, g.OutputSize, "gradOutput");
        CheckLength(weight.Length, g.WeightSize, "weight");
        CheckLength(gradInput.Length, g.InputSize, "gradInput");
        if (g.Batch == 0) return;
        var geo = g;
        fixed (T* pgy = gradOutput, pw = weight, pgx = gradInput)
        {
            nint gy = (nint)pgy, w = (nint)pw, gx = (nint)pgx;
            Parallelism.ForChunks(g.Batch, ImagesPerChunk(g), (start, end) =>
                BackwardInputImages<T>(geo, new(gy, geo.OutputSize), new(w, geo.WeightSize), new(gx, geo.InputSize), start, end, path));
        }
    }

    /// <summary>Gradients with respect to the weight and the bias; both are overwritten.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="gradOutput">(N, K, OH, OW).</param>
    /// <param name="gradWeight">(K, C/groups, KH, KW).</param>
    /// <param name="gradBias">(K), or empty to skip the bias gradient.</param>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias)
        where T : unmanaged, IFloatingPointIeee754<T> => BackwardWeight(g, input, gradOutput, gradWeight, gradBias, ConvPath.Best);

    /// <summary><see cref="BackwardWeight{T}(in Conv2dGeometry, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T})"/> with the path chosen.</summary>
    internal static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, ConvPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!UseAvx512<T>()) path = ConvPath.Generic;
        CheckLength(input.Length, g.InputSize, "input");
        CheckLength(gradOutput.Length, g.OutputSize, "gradOutput");
        CheckLength(gradWeight.Length, g.WeightSize, "gradWeight");
        if (!gradBias.IsEmpty) CheckLength(gradBias.Length, g.OutChannels, "gradBias");
        gradWeight = gradWeight[..g.WeightSize];
        gradBias = gradBias.IsEmpty ? gradBias : gradBias[..g.OutChannels];
        if (g.Batch == 0)
        {
            gradWeight.Clear();
            gradBias.Clear();
            return;
        }
        // Chunk 0 accumulates straight into the result; the others into rented partials that are
        // added in chunk order, so the sum's order is fixed whatever the thread count.
        int chunks = Math.Min(g.Batch, WeightChunks);
        int partialSize = g.WeightSize + g.OutChannels;
        T[] partials = ArrayPool<T>.Shared.Rent(partialSize * chunks);
        try
        {
            var geo = g;
            bool withBias = !gradBias.IsEmpty;
            fixed (T* px = input, pgy = gradOutput, pgw = gradWeight, pgb = gradBias, pp = partials)
            {
                nint x = (nint)px, gy = (nint)pgy, gw = (nint)pgw, gb = (nint)pgb, p = (nint)pp;
                long chunkWork = Math.Max(1, geo.MultiplyAdds / chunks);
                int chunksPerThread = (int)Math.Clamp(WorkPerThread / chunkWork, 1, chunks);
                Parallelism.ForChunks(chunks, chunksPerThread, (start, end) =>
                {
                    for (int chunk = start; chunk < end; chunk++)
                    {
                        int n0 = (int)((long)geo.Batch * chunk / chunks), n1 = (int)((long)geo.Batch * (chunk + 1) / chunks);
                        Span<T> partial = new ConvPinned<T>(p + chunk * partialSize * sizeof(T), partialSize).Span;
                        BackwardWeightImages<T>(geo, new(x, geo.InputSize), new(gy, geo.OutputSize),
                            partial[..geo.WeightSize], withBias ? partial.Slice(geo.WeightSize, geo.OutChannels) : default, n0, n1, path);
                    }
                });
            }
            var all = partials.AsSpan(0, partialSize * chunks);
            all[..g.WeightSize].CopyTo(gradWeight);
            if (withBias) all.Slice(g.WeightSize, g.OutChannels).CopyTo(gradBias);
            for (int chunk = 1; chunk < chunks; chunk++)
            {
                var part = all.Slice(chunk * partialSize, partialSize);
                TensorPrimitives.Add(gradWeight, part[..g.WeightSize], gradWeight);
                if (withBias) TensorPrimitives.Add(gradBias, part.Slice(g.WeightSize, g.OutChannels), gradBias);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    private static void ForwardImages<T>(Conv2dGeometry g, ConvPinned<T> input, ConvPinned<T> weight, ConvPinned<T> bias, ConvPinned<T> output, int start, int end, ConvPath path, Activation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (path != ConvPath.Generic)
        {
            Conv2dAvx512.ForwardImages(g, (float*)input.Pointer, (float*)weight.Pointer, (float*)bias.Pointer, (float*)output.Pointer, start, end, path == ConvPath.Best);
            for (int n = start; n < end; n++) Activate(output.Slice(n * g.OutImageSize, g.OutImageSize), activation);
            return;
        }
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, groupOut = g.GroupOutChannels * g.ColCols;
        int kg = g.GroupOutChannels, rows = g.ColRows, cols = g.ColCols;
        T[]? col = g.IsPointwise ? null : ArrayPool<T>.Shared.Rent(rows * cols);
        try
        {
            ReadOnlySpan<T> x = input.Span, w = weight.Span, b = bias.Span;
            Span<T> y = output.Span;
            for (int n = start; n < end; n++)
            {
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    ReadOnlySpan<T> image = x.Slice(n * g.InImageSize + grp * groupIn, groupIn);
                    ReadOnlySpan<T> lowered = image;
                    if (col is not null)
                    {
                        Im2Col.Forward(g, image, col);
                        lowered = col.AsSpan(0, rows * cols);
                    }
                    MatMul(false, false, kg, cols, rows, w.Slice(grp * kg * rows, kg * rows), rows,
                        lowered, cols, false, y.Slice(n * g.OutImageSize + grp * groupOut, groupOut), cols);
                }
                if (!b.IsEmpty)
                    for (int k = 0; k < g.OutChannels; k++)
                    {
                        Span<T> plane = y.Slice(n * g.OutImageSize + k * cols, cols);
                        TensorPrimitives.Add(plane, b[k], plane);
                    }
                Activate(output.Slice(n * g.OutImageSize, g.OutImageSize), activation);
            }
        }
        finally
        {
            if (col is not null) ArrayPool<T>.Shared.Return(col);
        }
    }

    private static void BackwardInputImages<T>(Conv2dGeometry g, ConvPinned<T> gradOutput, ConvPinned<T> weight, ConvPinned<T> gradInput, int start, int end, ConvPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (path != ConvPath.Generic)
        {
            Conv2dAvx512.BackwardInputImages(g, (float*)gradOutput.Pointer, (float*)weight.Pointer, (float*)gradInput.Pointer, start, end);
            return;
        }
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, groupOut = g.GroupOutChannels * g.ColCols;
        int kg = g.GroupOutChannels, rows = g.ColRows, cols = g.ColCols;
        T[]? col = g.IsPointwise ? null : ArrayPool<T>.Shared.Rent(rows * cols);
        try
        {
            ReadOnlySpan<T> gy = gradOutput.Span, w = weight.Span;
            Span<T> gx = gradInput.Span;
            for (int n = start; n < end; n++)
            {
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    Span<T> image = gx.Slice(n * g.InImageSize + grp * groupIn, groupIn);
                    // dcol (rows x cols) = W_gᵀ · dY_g, with W_g stored (kg x rows).
                    Span<T> dcol = col is null ? image : col.AsSpan(0, rows * cols);
                    MatMul(true, false, rows, cols, kg, w.Slice(grp * kg * rows, kg * rows), rows,
                        gy.Slice(n * g.OutImageSize + grp * groupOut, groupOut), cols, false, dcol, cols);
                    if (col is null) continue;
                    image.Clear();
                    Im2Col.Backward<T>(g, dcol, image);
                }
            }
        }
        finally
        {
            if (col is not null) ArrayPool<T>.Shared.Return(col);
        }
    }

    private static void BackwardWeightImages<T>(Conv2dGeometry g, ConvPinned<T> input, ConvPinned<T> gradOutput,
        Span<T> gradWeight, Span<T> gradBias, int start, int end, ConvPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (path != ConvPath.Generic)
        {
            Conv2dAvx512.BackwardWeightImages(g, (float*)input.Pointer, (float*)gradOutput.Pointer,
                MemoryMarshal.Cast<T, float>(gradWeight), MemoryMarshal.Cast<T, float>(gradBias), start, end);
            return;
        }
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, groupOut = g.GroupOutChannels * g.ColCols;
        int kg = g.GroupOutChannels, rows = g.ColRows, cols = g.ColCols;
        T[]? col = g.IsPointwise ? null : ArrayPool<T>.Shared.Rent(rows * cols);
        try
        {
            ReadOnlySpan<T> x = input.Span, gy = gradOutput.Span;
            gradBias.Clear();
            for (int n = start; n < end; n++)
            {
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    ReadOnlySpan<T> image = x.Slice(n * g.InImageSize + grp * groupIn, groupIn);
                    ReadOnlySpan<T> lowered = image;
                    if (col is not null)
                    {
                        Im2Col.Forward(g, image, col);
                        lowered = col.AsSpan(0, rows * cols);
                    }
                    // dW_g (kg x rows) += dY_g (kg x cols) · colᵀ, col stored (rows x cols).
                    MatMul(false, true, kg, rows, cols, gy.Slice(n * g.OutImageSize + grp * groupOut, groupOut), cols,
                        lowered, cols, n > start, gradWeight.Slice(grp * kg * rows, kg * rows), rows);
                }
                for (int k = 0; k < gradBias.Length; k++)
                    gradBias[k] += TensorPrimitives.Sum(gy.Slice(n * g.OutImageSize + k * cols, cols));
            }
            if (end == start) gradWeight.Clear();
        }
        finally
        {
            if (col is not null) ArrayPool<T>.Shared.Return(col);
        }
    }

    /// <summary>Applies <paramref name="activation"/> in place (SIMD through TensorPrimitives).</summary>
    private static void Activate<T>(ConvPinned<T> values, Activation activation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> v = values.Span;
        switch (activation)
        {
            case Activation.Relu: TensorPrimitives.Max(v, T.Zero, v); break;
            case Activation.Tanh: FloatMath.Tanh(v, v); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(v, v); break;
        }
    }

    /// <summary>Whether the AVX-512 float paths run for <typeparamref name="T"/> on this CPU.</summary>
    internal static bool UseAvx512<T>() => typeof(T) == typeof(float) && ConvGemmAvx512.IsSupported;

    /// <summary>C = op(A)·op(B) (+ C when <paramref name="accumulate"/>) in the element type's GEMM.</summary>
    private static void MatMul<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, bool accumulate, Span<T> c, int ldc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Gemm.Sgemm(transA, transB, m, n, k, 1f, MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, accumulate ? 1f : 0f, MemoryMarshal.Cast<T, float>(c), ldc);
        else if (typeof(T) == typeof(double))
            Gemm.Dgemm(transA, transB, m, n, k, 1.0, MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, accumulate ? 1.0 : 0.0, MemoryMarshal.Cast<T, double>(c), ldc);
        else
            throw new NotSupportedException($"Convolution supports float and double, not {typeof(T).Name}.");
    }

    /// <summary>Images per claimed chunk: enough work to repay a thread, and at most a quarter of each
    /// thread's share, so a thread slowed by a busy machine leaves the rest to the others.</summary>
    private static int ImagesPerChunk(in Conv2dGeometry g)
    {
        long perImage = Math.Max(1, g.MultiplyAdds / Math.Max(1, g.Batch));
        int enough = (int)Math.Clamp(WorkPerThread / perImage, 1, Math.Max(1, g.Batch));
        int share = (g.Batch + 4 * Parallelism.MaxThreads - 1) / (4 * Parallelism.MaxThreads);
        return Math.Max(enough, share);
    }

    private static void CheckLength(int actual, int needed, string name)
    {
        if (actual < needed)
            throw new ArgumentException($"Conv2d: the {name} span holds {actual} elements; the geometry needs {needed}.", name);
    }
}
