using System.Diagnostics;
using System.Globalization;
using DeepSharp.Distributed;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Commands;

/// <summary><c>mpirun -np N deepsharp bench allreduce</c>: the time of one float all-reduce
/// (sum, in place) for message sizes from 4 bytes up, the latency and bandwidth figures of
/// docs/scaling.md's step-time model.</summary>
internal sealed class BenchAllReduceCommand : ICommand
{
    public string Name => "bench allreduce";

    public string Summary => "Under mpirun: all-reduce time per message size (latency, bandwidth)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("max-bytes", "Largest message (default 4194304); sizes go up by 4x from 4 bytes", ValueName: "N"),
        new("repeats", "All-reduces per size (default 200); the median is reported", ValueName: "N"),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        int maxBytes = args.GetInt("max-bytes", 4 << 20, 4, 1 << 28);
        int repeats = args.GetInt("repeats", 200, 3, 1_000_000);
        using var group = ProcessGroup.Init();
        var output = group.IsMain ? context.Out : TextWriter.Null;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"all-reduce (sum, float32, in place) over {group.Size} rank(s); median of {repeats}; rank 0 on {group.HostName}");
        output.WriteLine("bytes,median_us,bus_gb_per_s");
        for (int bytes = 4; bytes <= maxBytes; bytes *= 4)
        {
            var tensor = Tensor.Zeros(bytes / 4);
            var times = new double[repeats];
            group.AllReduce(tensor); // warm-up: connections and buffers
            group.Barrier();
            for (int i = 0; i < repeats; i++)
            {
                long start = Stopwatch.GetTimestamp();
                group.AllReduce(tensor);
                times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            Array.Sort(times);
            double median = times[repeats / 2];
            // Bus bandwidth as NCCL's tests define it: a ring moves 2(N-1)/N of the bytes over each link.
            double bus = group.Size == 1 ? double.NaN : 2.0 * (group.Size - 1) / group.Size * bytes / median / 1e9;
            output.WriteLine(string.Create(inv, $"{bytes},{median * 1e6:F1},{bus:F3}"));
        }
        return 0;
    }
}
