using DeepSharp.Bench;
using System.Diagnostics;
using System.Globalization;
using DeepSharp.Cli.Output;
using DeepSharp.Backends.Cpu;
using DeepSharp.Backends.Cuda;
using DeepSharp.Cli.Setup;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp bench gemm</c>: single-precision GEMM speed in GFLOP/s and, on the CPU, as a
/// fraction of the FMA peak; with <c>--device cuda</c> the product runs on the GPU backend (each call
/// timed to the device's completion) and the allocator's peak device memory is reported.</summary>
internal sealed class BenchGemmCommand : ICommand
{
    public string Name => "bench gemm";

    public string Summary => "SGEMM C = A·B speed: GFLOP/s and the fraction of the FMA peak";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("size", "m = k = n (default 1024)", ValueName: "N"),
        new("m", "Rows of A and C (overrides --size)", ValueName: "M"),
        new("k", "Columns of A, rows of B (overrides --size)", ValueName: "K"),
        new("n", "Columns of B and C (overrides --size)", ValueName: "N"),
        new("threads", "Threads (default: all cores)", ValueName: "T"),
        new("seconds", "Measuring time (default 1)", ValueName: "S"),
        new("peak", "The peak in GFLOP/s to compare against; default: measured with a Vector512 FMA loop on the same threads", ValueName: "GFLOPS"),
        DeviceArguments.Option,
        new("json", "Print one JSON object {\"m\",\"k\",\"n\",\"threads\",\"gflops\",\"peakFraction\",...}", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        int size = args.GetInt("size", 1024, 1, 16384);
        int m = args.GetInt("m", size, 1, 65536), k = args.GetInt("k", size, 1, 65536), n = args.GetInt("n", size, 1, 65536);
        if ((long)m * k > 1L << 28 || (long)k * n > 1L << 28 || (long)m * n > 1L << 28)
            throw new CliUsageException($"'bench gemm': {m} x {k} x {n} needs matrices above 1 GB; choose smaller sizes.");
        int threads = CpuBackend.ThreadLimit; // --threads is applied by the dispatcher as a scope
        double seconds = args.GetDouble("seconds", 1, 0.01, 600);
        double givenPeak = args.GetDouble("peak", 0, 0.001, 1e9);

        var device = DeviceArguments.Select(args, context.Error);
        if (device.Type == DeviceType.Cuda) return RunOnGpu(device, m, k, n, seconds, givenPeak, args, context);

        var rng = new RandomGenerator(1);
        var a = Tensor.Rand([m, k], rng);
        var b = Tensor.Rand([k, n], rng);
        // One arena step per product: the result's memory is reused, so no call allocates.
        var arena = new TensorArena();
        using (arena.Begin()) a.MatMul(b); // warm-up: JIT, packing buffers
        double best = double.MaxValue;
        int calls = 0;
        var total = Stopwatch.StartNew();
        do
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using (arena.Begin())
            {
                long start = Stopwatch.GetTimestamp();
                a.MatMul(b);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            calls++;
        }
        while (total.Elapsed.TotalSeconds < seconds || calls < 3);
        double mean = total.Elapsed.TotalSeconds / calls;
        double flops = 2.0 * m * n * k;
        double gflops = flops / best / 1e9, meanGflops = flops / mean / 1e9;
        bool measured = givenPeak == 0;
        double peak = measured ? FmaPeak.Measure(threads, 0.3) : givenPeak;

        var inv = CultureInfo.InvariantCulture;
        if (args.Has("json"))
        {
            context.Out.WriteLine(new JsonLine().Add("work", "gemm")
                .Add("m", m).Add("k", k).Add("n", n).Add("threads", threads)
                .Add("gflops", gflops).Add("peakFraction", gflops / peak)
                .Add("meanGflops", meanGflops).Add("calls", calls)
                .Add("peakGflops", peak).Add("peakSource", measured ? $"measured (Vector{FmaPeak.VectorBits} FMA loop, {threads} thread(s))" : "--peak")
                .ToString());
            return 0;
        }
        context.Out.WriteLine(string.Create(inv, $"sgemm {m} x {k} x {n}, {threads} thread(s): {gflops:F1} GFLOP/s (best of {calls} calls; mean {meanGflops:F1})"));
        context.Out.WriteLine(string.Create(inv,
            $"peak {peak:F1} GFLOP/s ({(measured ? $"measured: Vector{FmaPeak.VectorBits} FMA loop on {threads} thread(s)" : "given by --peak")}): {100 * gflops / peak:F1}% of peak"));
        return 0;
    }
    /// <summary>The product on a GPU backend: inputs made on the host and copied up once, each timed
    /// call ending with <see cref="Backends.IBackend.Synchronize"/> so the kernel's completion is
    /// what is measured. There is no FMA-loop peak for a GPU; <c>--peak</c> gives one to compare with.</summary>
    private static int RunOnGpu(Device device, int m, int k, int n, double seconds, double givenPeak, ParsedArguments args, CliContext context)
    {
        var backend = BackendRegistry.For(device);
        var rng = new RandomGenerator(1);
        var a = Tensor.Rand([m, k], rng).To(device);
        var b = Tensor.Rand([k, n], rng).To(device);
        if (backend is CudaBackend warm) warm.ResetPeakMemory();
        _ = a.MatMul(b); // warm-up: kernel compilation
        backend.Synchronize();
        double best = double.MaxValue;
        int calls = 0;
        var total = Stopwatch.StartNew();
        do
        {
            context.Cancellation.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            _ = a.MatMul(b);
            backend.Synchronize();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            calls++;
        }
        while (total.Elapsed.TotalSeconds < seconds || calls < 3);
        double mean = total.Elapsed.TotalSeconds / calls;
        double flops = 2.0 * m * n * k;
        double gflops = flops / best / 1e9, meanGflops = flops / mean / 1e9;
        var cuda = backend as CudaBackend;
        long peakBytes = cuda?.MemoryStats().PeakAllocatedBytes ?? 0;
        string name = cuda is null ? device.ToString() : $"{device} ({cuda.AcceleratorName}{(cuda.IsSimulated ? ", simulated" : "")})";
        var inv = CultureInfo.InvariantCulture;
        if (args.Has("json"))
        {
            var line = new JsonLine().Add("work", "gemm").Add("device", device.ToString()).Add("accelerator", cuda?.AcceleratorName ?? "")
                .Add("m", m).Add("k", k).Add("n", n).Add("gflops", gflops).Add("meanGflops", meanGflops).Add("calls", calls)
                .Add("peakDeviceBytes", peakBytes);
            if (givenPeak > 0) line.Add("peakGflops", givenPeak).Add("peakFraction", gflops / givenPeak).Add("peakSource", "--peak");
            context.Out.WriteLine(line.ToString());
            return 0;
        }
        context.Out.WriteLine(string.Create(inv, $"sgemm {m} x {k} x {n} on {name}: {gflops:F1} GFLOP/s (best of {calls} calls; mean {meanGflops:F1}); peak device memory {peakBytes / 1048576.0:F1} MiB"));
        if (givenPeak > 0) context.Out.WriteLine(string.Create(inv, $"peak {givenPeak:F1} GFLOP/s (given by --peak): {100 * gflops / givenPeak:F1}% of peak"));
        return 0;
    }
}
