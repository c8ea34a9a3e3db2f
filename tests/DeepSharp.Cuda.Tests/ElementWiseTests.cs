using DeepSharp.Backends;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>Storage, copies and element-wise ops of the CUDA backend (on the CPU simulation) against the CPU backend,
/// over contiguous, transposed, offset and broadcast (stride 0) views.</summary>
public sealed class ElementWiseTests
{
    public static TheoryData<DType> FloatTypes => new() { DType.Float32, DType.Float64 };

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void CopyToHostReadsTransposedAndOffsetViews(DType dtype)
    {
        var x = View(dtype, Values(40, 1), 3, [5, 7], [1, 5]); // a transposed 7x5 block from element 3
        Same(x, 0, "transposed view");
    }

    [Fact]
    public void CopyConvertsEveryDTypePairIntoStridedDestinations()
    {
        DType[] types = [DType.Float32, DType.Float64, DType.Int32];
        foreach (var from in types)
            foreach (var to in types)
            {
                var src = View(from, Values(30, 2, -9, 9), 1, [4, 6], [1, 4]);
                var dst = View(to, new double[60], 2, [4, 6], [12, 2]); // every other element of a wider buffer
                Cpu.Copy(src.Cpu, dst.Cpu);
                Gpu.Copy(src.Gpu, dst.Gpu);
                Same(new Pair(new StorageView(dst.Cpu.Storage, 0, [60], [1]), new StorageView(dst.Gpu.Storage, 0, [60], [1])), 0, $"{from}->{to}");
            }
    }

    [Fact]
    public void FillWritesOnlyTheView()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32 })
        {
            var all = Dense(dtype, Values(24, 3, -5, 5), 24);
            var view = new Pair(new StorageView(all.Cpu.Storage, 1, [3, 4], [8, 2]), new StorageView(all.Gpu.Storage, 1, [3, 4], [8, 2]));
            Cpu.Fill(view.Cpu, 7);
            Gpu.Fill(view.Gpu, 7);
            Same(all, 0, dtype.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void UnaryOpsMatchOnStridedInput(DType dtype)
    {
        foreach (UnaryOp op in Enum.GetValues<UnaryOp>())
        {
            double low = op is UnaryOp.Log or UnaryOp.Sqrt ? 0.1 : -3;
            var x = View(dtype, Values(30, 4, low, 3), 2, [4, 6], [1, 4]);
            var y = Output(dtype, 4, 6);
            Cpu.Unary(op, x.Cpu, y.Cpu);
            Gpu.Unary(op, x.Gpu, y.Gpu);
            Same(y, Tol(dtype), op.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void BinaryOpsMatchWithBroadcastOperands(DType dtype)
    {
        foreach (BinaryOp op in Enum.GetValues<BinaryOp>())
        {
            double low = op == BinaryOp.Power ? 0.2 : -3;
            var a = View(dtype, Values(15, 5, low, 3), 0, [2, 3, 5], [0, 5, 1]);   // broadcast over the first dimension
            var b = View(dtype, Values(10, 6, low, 3), 0, [2, 3, 5], [5, 0, 1]);   // broadcast over the second
            var y = Output(dtype, 2, 3, 5);
            Cpu.Binary(op, a.Cpu, b.Cpu, y.Cpu);
            Gpu.Binary(op, a.Gpu, b.Gpu, y.Gpu);
            Same(y, Tol(dtype), op.ToString());
        }
    }

    [Fact]
    public void BinaryInPlaceAddAndNaNPropagation()
    {
        var a = Dense(DType.Float32, [1, double.NaN, 3, -4], 4);
        var b = Dense(DType.Float32, [double.NaN, 2, 1, 5], 4);
        var y = Output(DType.Float32, 4);
        Cpu.Binary(BinaryOp.Maximum, a.Cpu, b.Cpu, y.Cpu);
        Gpu.Binary(BinaryOp.Maximum, a.Gpu, b.Gpu, y.Gpu);
        Same(y, 0, "max with NaN");
        Cpu.Binary(BinaryOp.Add, a.Cpu, b.Cpu, a.Cpu);
        Gpu.Binary(BinaryOp.Add, a.Gpu, b.Gpu, a.Gpu);
        Same(a, 0, "in-place add");
    }

    [Fact]
    public void ComparisonsOfFloatsAndInts()
    {
        foreach (ComparisonOp op in Enum.GetValues<ComparisonOp>())
        {
            var a = Dense(DType.Float64, [1, 2, double.NaN, 4, 5, 6], 2, 3);
            var b = View(DType.Float64, [2, 2, 2], 0, [2, 3], [0, 1]);
            var y = Output(DType.Float64, 2, 3);
            Cpu.Compare(op, a.Cpu, b.Cpu, y.Cpu);
            Gpu.Compare(op, a.Gpu, b.Gpu, y.Gpu);
            Same(y, 0, op + " float");
            var ia = Dense(DType.Int32, [1, 2, 3, 4], 4);
            var ib = Dense(DType.Int32, [3, 2, 1, 4], 4);
            var iy = Output(DType.Float32, 4);
            Cpu.Compare(op, ia.Cpu, ib.Cpu, iy.Cpu);
            Gpu.Compare(op, ia.Gpu, ib.Gpu, iy.Gpu);
            Same(iy, 0, op + " int");
        }
    }

    [Fact]
    public void WhereWithEveryConditionType()
    {
        foreach (var cond in new[] { DType.Float32, DType.Float64, DType.Int32 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32 })
            {
                var c = View(cond, [0, 1, 0, 2, 0, -1], 0, [2, 3], [3, 1]);
                var a = Dense(dtype, Values(6, 7, -5, 5), 2, 3);
                var b = View(dtype, [9, 8, 7], 0, [2, 3], [0, 1]);
                var y = Output(dtype, 2, 3);
                Cpu.Where(c.Cpu, a.Cpu, b.Cpu, y.Cpu);
                Gpu.Where(c.Gpu, a.Gpu, b.Gpu, y.Gpu);
                Same(y, 0, $"{cond} condition, {dtype} values");
            }
    }

    [Fact]
    public void LayoutsNeedingMoreThanSixDimensionsAreRefusedClearly()
    {
        int[] shape = [2, 2, 2, 2, 2, 2, 2];
        int[] strides = [128, 32, 8, 2, 512, 1024, 2048]; // no two neighbours merge
        var x = new StorageView(Gpu.Allocate(DType.Float32, 4096), 0, shape, strides);
        var y = StorageView.Contiguous(Gpu.Allocate(DType.Float32, 128), shape);
        var e = Assert.Throws<NotSupportedException>(() => Gpu.Unary(UnaryOp.Exp, x, y));
        Assert.Contains("at most 6", e.Message);
    }
}
