using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Backends.Cuda;

namespace DeepSharp.Cuda.Tests;

/// <summary>The simulated GPU (ILGPU's CPU accelerator) shared by the tests of this assembly; the
/// same backend that <c>Device.Cuda(0)</c> resolves to here.</summary>
internal static class Simulated
{
    private static readonly Lazy<CudaBackend> s_backend = new(() =>
    {
        CudaBackend.RegisterSimulated();
        return (CudaBackend)DeepSharp.Tensors.BackendRegistry.For(Device.Cuda(0));
    });

    public static CudaBackend Backend => s_backend.Value;
}

/// <summary>One operand on both backends: the same elements, the same view (offset, shape, strides).</summary>
internal sealed record Pair(StorageView Cpu, StorageView Gpu)
{
    public int[] Shape => Cpu.Shape.ToArray();
}

/// <summary>Builds operands on the CPU backend and the simulated GPU and compares results.</summary>
internal static class Conformance
{
    public static CpuBackend Cpu => CpuBackend.Instance;
    public static CudaBackend Gpu => Simulated.Backend;

    public static double[] Values(int n, int seed, double low = -2, double high = 2)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = low + (high - low) * rng.NextDouble();
        return v;
    }

    /// <summary>A contiguous operand holding <paramref name="values"/> as <paramref name="dtype"/>.</summary>
    public static Pair Dense(DType dtype, double[] values, params int[] shape) =>
        View(dtype, values, 0, shape, StorageView.RowMajorStrides(shape));

    /// <summary>An operand viewing storage holding <paramref name="values"/> at any offset and strides.</summary>
    public static Pair View(DType dtype, double[] values, int offset, int[] shape, int[] strides) =>
        new(Make(Cpu, dtype, values, offset, shape, strides), Make(Gpu, dtype, values, offset, shape, strides));

    /// <summary>An output (uninitialized on the CPU, filled with garbage on the GPU to catch unwritten elements).</summary>
    public static Pair Output(DType dtype, params int[] shape)
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        var garbage = new double[n];
        Array.Fill(garbage, dtype == DType.Int32 ? -777 : 12345.0);
        return Dense(dtype, garbage, shape);
    }

    private static StorageView Make(IBackend backend, DType dtype, double[] values, int offset, int[] shape, int[] strides)
    {
        var storage = backend.Allocate(dtype, values.Length);
        switch (dtype)
        {
            case DType.Float32: backend.CopyFromHost<float>(values.Select(v => (float)v).ToArray(), storage, 0); break;
            case DType.Float64: backend.CopyFromHost<double>(values, storage, 0); break;
            default: backend.CopyFromHost<int>(values.Select(v => (int)v).ToArray(), storage, 0); break;
        }
        return new StorageView(storage, offset, shape, strides);
    }

    public static double[] Read(IBackend backend, StorageView v)
    {
        switch (v.DType)
        {
            case DType.Float32: { var a = new float[v.Numel]; backend.CopyToHost<float>(v, a); return a.Select(x => (double)x).ToArray(); }
            case DType.Float64: { var a = new double[v.Numel]; backend.CopyToHost<double>(v, a); return a; }
            default: { var a = new int[v.Numel]; backend.CopyToHost<int>(v, a); return a.Select(x => (double)x).ToArray(); }
        }
    }

    /// <summary>Asserts the GPU result equals the CPU's within |g - c| ≤ tol·(1 + |c|) (NaN matches NaN).</summary>
    public static void Same(Pair p, double tol, string what = "")
    {
        var c = Read(Cpu, p.Cpu);
        var g = Read(Gpu, p.Gpu);
        Assert.Equal(c.Length, g.Length);
        for (int i = 0; i < c.Length; i++)
        {
            if (double.IsNaN(c[i]) && double.IsNaN(g[i])) continue;
            if (double.IsInfinity(c[i]) && c[i] == g[i]) continue;
            double err = Math.Abs(g[i] - c[i]);
            Assert.True(err <= tol * (1 + Math.Abs(c[i])), $"{what} element {i}: cpu {c[i]:R}, gpu {g[i]:R} (|diff| {err:E2}, tol {tol:E1})");
        }
    }

    /// <summary>Float32 results differ by rounding (other summation orders, device math); Float64 much less.</summary>
    public static double Tol(DType dtype) => dtype == DType.Float32 ? 2e-5 : 1e-12;
}
