namespace DeepSharp.Backends.Cpu;

/// <summary>A row kernel receives the element offset of each operand at the start of a row, each
/// operand's stride along the row, and the row length.</summary>
internal interface IRowKernel
{
    void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides, int length);
}

/// <summary>
/// Walks an n-d index space over several strided operands. Dimensions that are contiguous for
/// every operand are merged first, so rows are as long as possible and the row kernels can use
/// their SIMD span paths; large spaces are split by rows across threads.
/// </summary>
internal static class StridedLoops
{
    /// <summary>Elements per work item when a loop is split across threads (64 KB of floats: far
    /// above the per-item cost, small enough that a late thread still finds work).</summary>
    private const int ChunkElements = 1 << 14;

    public static void Run<TK>(TK kernel, ReadOnlySpan<int> shape, int[][] strides, int[] offsets)
        where TK : struct, IRowKernel
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        if (n == 0) return;
        var (dims, st) = Coalesce(shape, strides);
        int length = dims[^1];
        int rows = n / length;
        if (n >= Parallelism.ElementWiseThreshold && Parallelism.MaxThreads > 1)
        {
            // Chunks of about ChunkElements: threads that start late still pick up a share.
            if (rows >= 2)
                Parallelism.ForChunks(rows, Math.Max(1, ChunkElements / length), (s, e) => RunRows(kernel, dims, st, offsets, s, e, 0, length));
            else
                Parallelism.ForChunks(length, ChunkElements, (s, e) => RunRows(kernel, dims, st, offsets, 0, 1, s, e));
            return;
        }
        RunRows(kernel, dims, st, offsets, 0, rows, 0, length);
    }

    private static void RunRows<TK>(TK kernel, int[] dims, int[][] st, int[] baseOffsets,
        int rowStart, int rowEnd, int innerStart, int innerEnd) where TK : struct, IRowKernel
    {
        int k = st.Length;
        int outerRank = dims.Length - 1;
        Span<int> idx = stackalloc int[Math.Max(outerRank, 1)];
        Span<int> off = stackalloc int[k];
        Span<int> inner = stackalloc int[k];
        int r = rowStart;
        for (int d = outerRank - 1; d >= 0; d--)
        {
            idx[d] = r % dims[d];
            r /= dims[d];
        }
        for (int j = 0; j < k; j++)
        {
            int o = baseOffsets[j];
            for (int d = 0; d < outerRank; d++) o += idx[d] * st[j][d];
            inner[j] = st[j][outerRank];
            off[j] = o + innerStart * inner[j];
        }
        int len = innerEnd - innerStart;
        for (int row = rowStart; row < rowEnd; row++)
        {
            kernel.Row(off, inner, len);
            for (int d = outerRank - 1; d >= 0; d--)
            {
                idx[d]++;
                for (int j = 0; j < k; j++) off[j] += st[j][d];
                if (idx[d] < dims[d]) break;
                for (int j = 0; j < k; j++) off[j] -= st[j][d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    /// <summary>Drops size-1 dimensions and merges neighbours that are contiguous for every operand.</summary>
    internal static (int[] Dims, int[][] Strides) Coalesce(ReadOnlySpan<int> shape, int[][] strides)
    {
        int k = strides.Length;
        int count = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1) continue;
            if (count == 0 || !Mergeable(strides, shape, Previous(shape, d), d)) count++;
        }
        count = Math.Max(count, 1);
        var dims = new int[count];
        var st = new int[k][];
        for (int j = 0; j < k; j++) st[j] = new int[count];
        int last = -1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1) continue;
            if (last >= 0 && Mergeable(strides, shape, Previous(shape, d), d))
            {
                dims[last] *= shape[d];
                for (int j = 0; j < k; j++) st[j][last] = strides[j][d];
                continue;
            }
            last++;
            dims[last] = shape[d];
            for (int j = 0; j < k; j++) st[j][last] = strides[j][d];
        }
        if (last < 0) dims[0] = 1; // all dimensions size 1 (or none): one element, strides 0
        return (dims, st);
    }

    /// <summary>The nearest earlier dimension of size other than 1.</summary>
    private static int Previous(ReadOnlySpan<int> shape, int d)
    {
        for (int p = d - 1; p >= 0; p--)
            if (shape[p] != 1) return p;
        return -1;
    }

    /// <summary>True when dimension <paramref name="d"/> continues <paramref name="prev"/> for every operand
    /// (the outer stride equals the inner stride times the inner size), transitively through earlier merges.</summary>
    private static bool Mergeable(int[][] strides, ReadOnlySpan<int> shape, int prev, int d)
    {
        if (prev < 0) return false;
        foreach (var s in strides)
            if (s[prev] != s[d] * shape[d]) return false;
        return true;
    }
}
