using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Backends.Reference;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>
/// Runs one operation through the CPU backend and the reference backend on identical operands
/// and compares every storage involved afterwards, element by element, over the whole storage
/// (so a write outside the output view, or into an input, is caught too).
/// </summary>
internal sealed class ConformanceHarness(int seed)
{
    /// <summary>What output storages hold before an operation writes them (same on both sides).</summary>
    public const double Sentinel = 12345.25;

    private readonly Random _random = new(seed);
    private readonly List<(Twin Twin, string Name)> _operands = [];

    public static IBackend Cpu => CpuBackend.Instance;
    public static IBackend Reference => ReferenceBackend.Instance;

    /// <summary>Random values in [low, high) (whole numbers when <paramref name="integers"/>, so ties and equalities occur).</summary>
    public Twin Input(DType dtype, int[] shape, Layout layout = Layout.Contiguous, double low = -2, double high = 2,
        bool integers = false, string name = "input")
    {
        var (offset, strides, length) = Place(shape, layout);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            double v = low + (high - low) * _random.NextDouble();
            values[i] = integers || dtype == DType.Int32 ? Math.Floor(v) : v;
        }
        return Register(dtype, values, offset, shape, strides, name);
    }

    /// <summary>Int32 indices in [0, size).</summary>
    public Twin Indices(int[] shape, int size, string name = "indices")
    {
        var values = new double[Math.Max(1, Numel(shape))];
        for (int i = 0; i < values.Length; i++) values[i] = _random.Next(size);
        return Register(DType.Int32, values, 0, shape, StorageView.RowMajorStrides(shape), name);
    }

    /// <summary>Explicit values, row-major.</summary>
    public Twin Values(DType dtype, int[] shape, double[] values, string name = "values") =>
        Register(dtype, values, 0, shape, StorageView.RowMajorStrides(shape), name);

    /// <summary>An output view whose storage holds <see cref="Sentinel"/> everywhere.</summary>
    public Twin Output(DType dtype, int[] shape, Layout layout = Layout.Contiguous, string name = "output")
    {
        var (offset, strides, length) = Place(shape, layout);
        var values = new double[length];
        Array.Fill(values, dtype == DType.Int32 ? -7 : Sentinel);
        return Register(dtype, values, offset, shape, strides, name);
    }

    /// <summary>Runs <paramref name="operation"/> on the CPU backend, then on the reference backend.</summary>
    public void Run(Action<IBackend> operation)
    {
        operation(Cpu);
        Cpu.Synchronize();
        operation(Reference);
        Reference.Synchronize();
    }

    /// <summary>Every operand's storage agrees: within <paramref name="tolerance"/> relative to
    /// max(1, |value|), NaN matching NaN, infinities matching exactly.</summary>
    public void AssertAgree(double tolerance)
    {
        foreach (var (twin, name) in _operands)
        {
            double[] cpu = HostValues(twin.Cpu.Storage), reference = HostValues(twin.Reference.Storage);
            for (int i = 0; i < cpu.Length; i++)
            {
                double c = cpu[i], r = reference[i];
                bool same = (double.IsNaN(c) && double.IsNaN(r)) || c == r
                    || Math.Abs(c - r) <= tolerance * Math.Max(1, Math.Max(Math.Abs(c), Math.Abs(r)));
                if (!same)
                    Assert.Fail($"{name} ({twin.Cpu.DType}, shape [{string.Join(", ", twin.Cpu.Shape.ToArray())}]) storage element {i}: cpu {c:R}, reference {r:R}");
            }
        }
    }

    /// <summary>The tolerance for results of <paramref name="dtype"/>: Float32 kernels round and
    /// accumulate in single precision, the reference in double.</summary>
    public static double Tolerance(DType dtype) => dtype == DType.Float64 ? 1e-10 : 2e-5;

    public static int Numel(int[] shape)
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        return n;
    }

    private Twin Register(DType dtype, double[] values, int offset, int[] shape, int[] strides, string name)
    {
        var twin = new Twin(Make(Cpu, dtype, values, offset, shape, strides), Make(Reference, dtype, values, offset, shape, strides));
        _operands.Add((twin, name));
        return twin;
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
        return new StorageView(storage, offset, (int[])shape.Clone(), (int[])strides.Clone());
    }

    /// <summary>The whole storage as doubles (read straight from the host array, not through a backend).</summary>
    private static double[] HostValues(Storage storage) => storage switch
    {
        HostStorage<float> f => f.Data.Select(v => (double)v).ToArray(),
        HostStorage<double> d => d.Data,
        HostStorage<int> i => i.Data.Select(v => (double)v).ToArray(),
        _ => throw new InvalidOperationException($"Not host storage: {storage.DType} on {storage.Backend.Device}."),
    };

    /// <summary>Offset, strides and storage length of <paramref name="shape"/> in <paramref name="layout"/>.</summary>
    private static (int Offset, int[] Strides, int Length) Place(int[] shape, Layout layout)
    {
        int rank = shape.Length;
        var strides = new int[rank];
        int offset = 0;
        switch (layout)
        {
            case Layout.Contiguous:
                strides = StorageView.RowMajorStrides(shape);
                break;
            case Layout.Strided:
                strides = StorageView.RowMajorStrides(shape).Select(s => 2 * s).ToArray();
                offset = 3;
                break;
            case Layout.Transposed:
                int step = 1;
                for (int d = 0; d < rank; d++)
                {
                    strides[d] = step;
                    step *= shape[d];
                }
                offset = 1;
                break;
            case Layout.Broadcast:
                int repeated = Array.FindIndex(shape, s => s > 1);
                var inner = (int[])shape.Clone();
                if (repeated >= 0) inner[repeated] = 1;
                strides = StorageView.RowMajorStrides(inner);
                if (repeated >= 0) strides[repeated] = 0;
                break;
        }
        int last = offset;
        for (int d = 0; d < rank; d++) last += (shape[d] - 1) * strides[d];
        int length = Numel(shape) == 0 ? offset + 1 : last + 1 + (layout == Layout.Strided ? 2 : 0);
        return (offset, strides, length);
    }
}
