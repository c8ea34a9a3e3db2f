using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>Host-memory storage and the strided copy / fill kernels of the CPU backend.</summary>
internal static class HostMemory
{
    public static Storage Allocate(IBackend backend, DType dtype, int length) => dtype switch
    {
        DType.Float32 => new HostStorage<float>(backend, length),
        DType.Float64 => new HostStorage<double>(backend, length),
        DType.Int32 => new HostStorage<int>(backend, length),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    public static void CopyFromHost<T>(ReadOnlySpan<T> src, Storage dst, int offset) where T : unmanaged =>
        src.CopyTo(((HostStorage<T>)dst).Data.AsSpan(offset, src.Length));

    public static void CopyToHost<T>(StorageView src, Span<T> dst) where T : unmanaged
    {
        var data = src.HostArray<T>();
        int n = src.Numel;
        if (src.IsContiguous)
        {
            data.AsSpan(src.Offset, n).CopyTo(dst);
            return;
        }
        // Row-major walk of an arbitrary layout (an odometer over the index).
        int rank = src.Rank;
        Span<int> idx = stackalloc int[Math.Max(rank, 1)];
        int at = src.Offset;
        for (int i = 0; i < n; i++)
        {
            dst[i] = data[at];
            for (int d = rank - 1; d >= 0; d--)
            {
                at += src._strides[d];
                if (++idx[d] < src._shape[d]) break;
                at -= src._strides[d] * src._shape[d];
                idx[d] = 0;
            }
        }
    }

    public static void Copy(StorageView src, StorageView dst)
    {
        switch ((src.DType, dst.DType))
        {
            case (DType.Float32, DType.Float32): Same<float>(src, dst); break;
            case (DType.Float64, DType.Float64): Same<double>(src, dst); break;
            case (DType.Int32, DType.Int32): Same<int>(src, dst); break;
            case (DType.Float32, DType.Float64): Convert<float, double>(src, dst); break;
            case (DType.Float32, DType.Int32): Convert<float, int>(src, dst); break;
            case (DType.Float64, DType.Float32): Convert<double, float>(src, dst); break;
            case (DType.Float64, DType.Int32): Convert<double, int>(src, dst); break;
            case (DType.Int32, DType.Float32): Convert<int, float>(src, dst); break;
            case (DType.Int32, DType.Float64): Convert<int, double>(src, dst); break;
            default: throw new ArgumentOutOfRangeException(nameof(dst), $"Copy from {src.DType} to {dst.DType} is not supported.");
        }
    }

    private static void Same<T>(StorageView src, StorageView dst) where T : unmanaged
    {
        T[] s = src.HostArray<T>(), d = dst.HostArray<T>();
        if (src.IsContiguous && dst.IsContiguous)
        {
            s.AsSpan(src.Offset, src.Numel).CopyTo(d.AsSpan(dst.Offset, dst.Numel));
            return;
        }
        StridedLoops.Run(new CopyKernel<T>(s, d), dst._shape, [src._strides, dst._strides], [src.Offset, dst.Offset]);
    }

    private static void Convert<TFrom, TTo>(StorageView src, StorageView dst)
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo> =>
        StridedLoops.Run(new ConvertKernel<TFrom, TTo>(src.HostArray<TFrom>(), dst.HostArray<TTo>()), dst._shape,
            [src._strides, dst._strides], [src.Offset, dst.Offset]);

    public static void Fill(StorageView dst, double value)
    {
        switch (dst.DType)
        {
            case DType.Float32: FillAs(dst, (float)value); break;
            case DType.Float64: FillAs(dst, value); break;
            default: FillAs(dst, checked((int)value)); break;
        }
    }

    private static void FillAs<T>(StorageView dst, T value) where T : unmanaged
    {
        T[] d = dst.HostArray<T>();
        if (dst.IsContiguous) d.AsSpan(dst.Offset, dst.Numel).Fill(value);
        else StridedLoops.Run(new FillKernel<T>(d, value), dst._shape, [dst._strides], [dst.Offset]);
    }

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

    private readonly struct ConvertKernel<TFrom, TTo>(TFrom[] src, TTo[] dst) : IRowKernel
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo>
    {
        public void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides, int length)
        {
            for (int i = 0, s = offsets[0], d = offsets[1]; i < length; i++, s += innerStrides[0], d += innerStrides[1])
                dst[d] = TTo.CreateTruncating(src[s]);
        }
    }

    private readonly struct FillKernel<T>(T[] dst, T value) : IRowKernel where T : unmanaged
    {
        public void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides, int length)
        {
            for (int i = 0, d = offsets[0]; i < length; i++, d += innerStrides[0]) dst[d] = value;
        }
    }
}
