using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>CPU and reference backends agree on storage: allocation, host transfers through any
/// view, strided copies with dtype conversion, fills.</summary>
public sealed class StorageConformanceTests
{
    private static readonly Layout[] AllLayouts = [Layout.Contiguous, Layout.Strided, Layout.Transposed, Layout.Broadcast];

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void Allocate_GivesStorageOfTheBackend(DType dtype)
    {
        foreach (var backend in new[] { ConformanceHarness.Cpu, ConformanceHarness.Reference })
            foreach (int length in new[] { 0, 1, 257 })
            {
                var storage = backend.Allocate(dtype, length);
                Assert.Same(backend, storage.Backend);
                Assert.Equal(dtype, storage.DType);
                Assert.Equal(length, storage.Length);
            }
        Assert.Equal(Device.Reference, ConformanceHarness.Reference.Device);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void CopyFromHost_CopyToHost_Synchronize_RoundTripThroughEveryLayout(DType dtype)
    {
        foreach (var layout in AllLayouts)
            foreach (var shape in new[] { new[] { 3, 5 }, new[] { 2, 3, 4 }, new[] { 7 }, Array.Empty<int>() })
            {
                var h = new ConformanceHarness(shape.Length * 10 + (int)layout);
                var x = h.Input(dtype, shape, layout, -50, 50);
                int n = ConformanceHarness.Numel(shape);
                var cpu = Read(ConformanceHarness.Cpu, x.Cpu, dtype, n);
                var reference = Read(ConformanceHarness.Reference, x.Reference, dtype, n);
                Assert.Equal(cpu, reference);

                // CopyFromHost at an offset, read back contiguously
                var fresh = h.Output(dtype, [n + 2]);
                var data = cpu.Select(v => v + 1).ToArray();
                h.Run(b =>
                {
                    switch (dtype)
                    {
                        case DType.Float32: b.CopyFromHost<float>(data.Select(v => (float)v).ToArray(), fresh.On(b).Storage, 2); break;
                        case DType.Float64: b.CopyFromHost<double>(data, fresh.On(b).Storage, 2); break;
                        default: b.CopyFromHost<int>(data.Select(v => (int)v).ToArray(), fresh.On(b).Storage, 2); break;
                    }
                });
                h.AssertAgree(0);
            }
    }

    private static double[] Read(IBackend backend, StorageView view, DType dtype, int n)
    {
        backend.Synchronize();
        switch (dtype)
        {
            case DType.Float32: { var a = new float[n]; backend.CopyToHost<float>(view, a); return a.Select(v => (double)v).ToArray(); }
            case DType.Float64: { var a = new double[n]; backend.CopyToHost<double>(view, a); return a; }
            default: { var a = new int[n]; backend.CopyToHost<int>(view, a); return a.Select(v => (double)v).ToArray(); }
        }
    }

    public static TheoryData<DType, DType> DTypePairs()
    {
        var data = new TheoryData<DType, DType>();
        foreach (var from in new[] { DType.Float32, DType.Float64, DType.Int32 })
            foreach (var to in new[] { DType.Float32, DType.Float64, DType.Int32 }) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(DTypePairs))]
    public void Copy_ConvertsBetweenAnyLayouts(DType from, DType to)
    {
        foreach (var src in AllLayouts)
            foreach (var dst in new[] { Layout.Contiguous, Layout.Strided, Layout.Transposed })
                foreach (var shape in new[] { new[] { 3, 5 }, new[] { 2, 1, 7 }, new[] { 257 } })
                {
                    var h = new ConformanceHarness(7);
                    var x = h.Input(from, shape, src, -40, 40);
                    var y = h.Output(to, shape, dst);
                    h.Run(b => b.Copy(x.On(b), y.On(b)));
                    h.AssertAgree(0); // a copy, a widening, a rounding or a truncation is exact on both
                }
    }

    [Theory]
    [InlineData(DType.Float32, 2.5)]
    [InlineData(DType.Float64, -1e-300)]
    [InlineData(DType.Int32, 42)]
    public void Fill_WritesOnlyTheView(DType dtype, double value)
    {
        foreach (var layout in new[] { Layout.Contiguous, Layout.Strided, Layout.Transposed })
        {
            var h = new ConformanceHarness(1);
            var y = h.Output(dtype, [4, 3, 5], layout);
            h.Run(b => b.Fill(y.On(b), value));
            h.AssertAgree(0);
        }
    }
}
