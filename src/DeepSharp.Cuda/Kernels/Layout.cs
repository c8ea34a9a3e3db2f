namespace DeepSharp.Backends.Cuda;

/// <summary>The shape an element-wise kernel walks, innermost dimension first, padded to
/// <see cref="MaxRank"/> with size-1 dimensions (kernel parameters are fixed-size structs).</summary>
internal readonly struct Shape6
{
    public const int MaxRank = 6;
    public readonly int S0, S1, S2, S3, S4, S5;

    public Shape6(int s0, int s1, int s2, int s3, int s4, int s5)
    {
        S0 = s0; S1 = s1; S2 = s2; S3 = s3; S4 = s4; S5 = s5;
    }

    /// <summary>The coordinates of row-major element <paramref name="linear"/>.</summary>
    public Index6 Coordinates(int linear)
    {
        int r = linear;
        int c0 = r % S0; r /= S0;
        int c1 = r % S1; r /= S1;
        int c2 = r % S2; r /= S2;
        int c3 = r % S3; r /= S3;
        int c4 = r % S4; r /= S4;
        return new Index6(c0, c1, c2, c3, c4, r);
    }
}

/// <summary>Coordinates of one element, innermost first.</summary>
internal readonly struct Index6(int c0, int c1, int c2, int c3, int c4, int c5)
{
    public readonly int C0 = c0, C1 = c1, C2 = c2, C3 = c3, C4 = c4, C5 = c5;
}

/// <summary>Where an operand's elements are: offset plus one stride per dimension of the <see cref="Shape6"/>.</summary>
internal readonly struct Strides6
{
    public readonly int Offset, T0, T1, T2, T3, T4, T5;

    public Strides6(int offset, int t0, int t1, int t2, int t3, int t4, int t5)
    {
        Offset = offset; T0 = t0; T1 = t1; T2 = t2; T3 = t3; T4 = t4; T5 = t5;
    }

    public int At(Index6 i) => Offset + i.C0 * T0 + i.C1 * T1 + i.C2 * T2 + i.C3 * T3 + i.C4 * T4 + i.C5 * T5;
}

/// <summary>Builds the kernel layout of views sharing one shape: size-1 dimensions dropped and
/// neighbours that are contiguous in every operand merged, so most layouts need few dimensions.</summary>
internal static class KernelLayout
{
    public static (Shape6 Shape, Strides6[] Strides) Of(ReadOnlySpan<int> shape, params StorageView[] views)
    {
        var sizes = new List<int>();
        var strides = new List<int[]>();
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 1) continue;
            var s = new int[views.Length];
            for (int v = 0; v < views.Length; v++) s[v] = views[v].Strides[d];
            if (sizes.Count > 0)
            {
                int last = sizes.Count - 1;
                bool merge = true;
                for (int v = 0; v < views.Length && merge; v++) merge = s[v] == strides[last][v] * sizes[last];
                if (merge)
                {
                    sizes[last] *= shape[d];
                    continue;
                }
            }
            sizes.Add(shape[d]);
            strides.Add(s);
        }
        if (sizes.Count > Shape6.MaxRank)
            throw new NotSupportedException(
                $"CudaBackend: an element-wise operand layout needs {sizes.Count} dimensions after merging; at most {Shape6.MaxRank} are supported. Make the operands contiguous first.");
        while (sizes.Count < Shape6.MaxRank)
        {
            sizes.Add(1);
            strides.Add(new int[views.Length]);
        }
        var result = new Strides6[views.Length];
        for (int v = 0; v < views.Length; v++)
            result[v] = new Strides6(views[v].Offset, strides[0][v], strides[1][v], strides[2][v], strides[3][v], strides[4][v], strides[5][v]);
        return (new Shape6(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[5]), result);
    }
}
