using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>Index-select / gather and their scatter-add backwards over contiguous (outer, size, inner) blocks.</summary>
internal static class IndexKernels
{
    public static void CheckIndices(ReadOnlySpan<int> idx, int size, string op)
    {
        foreach (int i in idx)
            if ((uint)i >= (uint)size)
                throw new ArgumentOutOfRangeException("index", i, $"{op}: index {i} is out of range for a dimension of size {size}.");
    }

    public static void Select<T>(ReadOnlySpan<T> s, AxisBlock b, ReadOnlySpan<int> idx, Span<T> d) where T : unmanaged
    {
        for (int o = 0; o < b.Outer; o++)
            for (int k = 0; k < idx.Length; k++)
                s.Slice((o * b.Size + idx[k]) * b.Inner, b.Inner).CopyTo(d.Slice((o * idx.Length + k) * b.Inner, b.Inner));
    }

    public static void Add<T>(ReadOnlySpan<T> s, AxisBlock b, ReadOnlySpan<int> idx, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < b.Outer; o++)
            for (int k = 0; k < idx.Length; k++)
            {
                var dst = d.Slice((o * b.Size + idx[k]) * b.Inner, b.Inner);
                ElementWise.Binary(BinaryOp.Add, dst, s.Slice((o * idx.Length + k) * b.Inner, b.Inner), dst);
            }
    }

    public static void Gather<T>(ReadOnlySpan<T> s, AxisBlock b, ReadOnlySpan<int> idx, Span<T> d) where T : unmanaged
    {
        int k = idx.Length / Math.Max(1, b.Outer * b.Inner);
        for (int o = 0, p = 0; o < b.Outer; o++)
            for (int j = 0; j < k; j++)
                for (int i = 0; i < b.Inner; i++, p++)
                    d[p] = s[(o * b.Size + idx[p]) * b.Inner + i];
    }

    public static void Scatter<T>(ReadOnlySpan<T> s, AxisBlock b, ReadOnlySpan<int> idx, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = idx.Length / Math.Max(1, b.Outer * b.Inner);
        for (int o = 0, p = 0; o < b.Outer; o++)
            for (int j = 0; j < k; j++)
                for (int i = 0; i < b.Inner; i++, p++)
                    d[(o * b.Size + idx[p]) * b.Inner + i] += s[p];
    }
}
