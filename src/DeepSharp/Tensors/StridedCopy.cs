namespace DeepSharp.Tensors;

/// <summary>Copies between strided tensors and flat arrays.</summary>
internal static class StridedCopy
{
    private readonly struct CopyKernel<T>(T[] src, T[] dst) : IRowKernel where T : unmanaged
    {
        public void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides, int length)
        {
            int s = offsets[0], d = offsets[1], ss = innerStrides[0], ds = innerStrides[1];
            if (ss == 1 && ds == 1)
            {
                src.AsSpan(s, length).CopyTo(dst.AsSpan(d, length));
                return;
            }
            for (int i = 0; i < length; i++, s += ss, d += ds) dst[d] = src[s];
        }
    }

    /// <summary>Copies <paramref name="src"/> (any strides) into <paramref name="dst"/> in row-major order.</summary>
    public static void CopyTo<T>(Tensor src, T[] dst) where T : unmanaged =>
        CopyTo(src, dst, Shapes.ContiguousStrides(src._shape), 0);

    /// <summary>Copies <paramref name="src"/> into <paramref name="dst"/> laid out with the given strides and offset.</summary>
    public static void CopyTo<T>(Tensor src, T[] dst, int[] dstStrides, int dstOffset) where T : unmanaged
    {
        T[] s = src.StorageAs<T>().Data;
        if (src.IsContiguous && IsRowMajor(src._shape, dstStrides))
        {
            s.AsSpan(src._offset, src.Numel).CopyTo(dst.AsSpan(dstOffset, src.Numel));
            return;
        }
        StridedLoops.Run(new CopyKernel<T>(s, dst), src._shape, [src._strides, dstStrides], [src._offset, dstOffset]);
    }

    private static bool IsRowMajor(int[] shape, int[] strides)
    {
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }
}
