using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public Storage Allocate(DType dtype, int length)
    {
        if (dtype is not (DType.Float32 or DType.Float64 or DType.Int32))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype.");
        return new CudaStorage(this, _pool, dtype, length);
    }

    /// <inheritdoc/>
    public void CopyFromHost<T>(ReadOnlySpan<T> src, Storage dst, int offset) where T : unmanaged
    {
        if (dst is not CudaStorage storage)
            throw new ArgumentException($"CopyFromHost: the destination is on {dst.Backend.Device}, not on this CUDA backend.", nameof(dst));
        CheckElement<T>(dst.DType, "CopyFromHost");
        if ((uint)offset > (uint)dst.Length || src.Length > dst.Length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"CopyFromHost: {src.Length} elements from {offset} do not fit a storage of {dst.Length}.");
        if (src.IsEmpty) return;
        lock (_gate)
        {
            _accelerator.Synchronize();
            storage.View<T>().SubView(offset, src.Length).CopyFromCPU(ref MemoryMarshal.GetReference(src), src.Length);
        }
    }

    /// <inheritdoc/>
    public void CopyToHost<T>(StorageView src, Span<T> dst) where T : unmanaged
    {
        CheckElement<T>(src.DType, "CopyToHost");
        int n = src.Numel;
        if (dst.Length < n) throw new ArgumentException($"CopyToHost: {n} elements do not fit a span of {dst.Length}.", nameof(dst));
        if (n == 0) return;
        var dense = src;
        if (!src.IsContiguous)
        {
            dense = StorageView.Contiguous(Allocate(src.DType, n), src.Shape.ToArray());
            Copy(src, dense);
        }
        lock (_gate)
        {
            _accelerator.Synchronize();
            Dense<T>(dense, "CopyToHost").CopyToCPU(ref MemoryMarshal.GetReference(dst), n);
        }
        GC.KeepAlive(dense.Storage);
    }

    /// <inheritdoc/>
    public void Copy(StorageView src, StorageView dst)
    {
        var (shape, s) = KernelLayout.Of(dst.Shape, src, dst);
        int n = dst.Numel;
        switch ((src.DType, dst.DType))
        {
            case (DType.Float32, DType.Float32): CopyAs<float, F32, float, F32>(src, dst, s, shape, n); break;
            case (DType.Float32, DType.Float64): CopyAs<float, F32, double, F64>(src, dst, s, shape, n); break;
            case (DType.Float32, DType.Int32): CopyAs<float, F32, int, I32>(src, dst, s, shape, n); break;
            case (DType.Float64, DType.Float32): CopyAs<double, F64, float, F32>(src, dst, s, shape, n); break;
            case (DType.Float64, DType.Float64): CopyAs<double, F64, double, F64>(src, dst, s, shape, n); break;
            case (DType.Float64, DType.Int32): CopyAs<double, F64, int, I32>(src, dst, s, shape, n); break;
            case (DType.Int32, DType.Float32): CopyAs<int, I32, float, F32>(src, dst, s, shape, n); break;
            case (DType.Int32, DType.Float64): CopyAs<int, I32, double, F64>(src, dst, s, shape, n); break;
            case (DType.Int32, DType.Int32): CopyAs<int, I32, int, I32>(src, dst, s, shape, n); break;
            default: throw new ArgumentOutOfRangeException(nameof(dst), $"Copy from {src.DType} to {dst.DType} is not supported.");
        }
    }

    private void CopyAs<TS, NS, TD, ND>(StorageView src, StorageView dst, Strides6[] s, Shape6 shape, int n)
        where TS : unmanaged where NS : struct, INumeric<TS> where TD : unmanaged where ND : struct, INumeric<TD> =>
        Launch(ElementWiseKernels.Copy<TS, NS, TD, ND>, n, Whole<TS>(src, "Copy"), s[0], Whole<TD>(dst, "Copy"), s[1], shape);

    /// <inheritdoc/>
    public void Fill(StorageView dst, double value)
    {
        var (shape, s) = KernelLayout.Of(dst.Shape, dst);
        int n = dst.Numel;
        switch (dst.DType)
        {
            case DType.Float32: Launch(ElementWiseKernels.Fill<float, F32>, n, Whole<float>(dst, "Fill"), s[0], shape, value); break;
            case DType.Float64: Launch(ElementWiseKernels.Fill<double, F64>, n, Whole<double>(dst, "Fill"), s[0], shape, value); break;
            default: Launch(ElementWiseKernels.Fill<int, I32>, n, Whole<int>(dst, "Fill"), s[0], shape, (double)checked((int)value)); break;
        }
    }

    /// <summary>A contiguous device copy of a view (for kernels that need dense operands).</summary>
    private StorageView ContiguousCopy(StorageView v)
    {
        var copy = StorageView.Contiguous(Allocate(v.DType, v.Numel), v.Shape.ToArray());
        Copy(v, copy);
        return copy;
    }

    /// <summary>A contiguous scratch view of <paramref name="length"/> elements.</summary>
    private StorageView Scratch(DType dtype, int length) => StorageView.Contiguous(Allocate(dtype, length), [length]);

    private static void CheckElement<T>(DType dtype, string op) where T : unmanaged
    {
        var expected = typeof(T) == typeof(float) ? DType.Float32 : typeof(T) == typeof(double) ? DType.Float64 : DType.Int32;
        if (expected != dtype || (typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(int)))
            throw new ArgumentException($"{op}: the storage holds {dtype}, the host span {typeof(T).Name}.");
    }
}
