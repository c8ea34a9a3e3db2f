using System.Runtime.InteropServices;
using DeepSharp.Backends.Cpu;
using DeepSharp.Backends.Cuda;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp info</c>: the devices this process can compute on.</summary>
internal sealed class InfoCommand : ICommand
{
    public string Name => "info";

    public string Summary => "List the devices (CPU, CUDA GPUs) this machine can compute on";

    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public int Run(ParsedArguments args, CliContext context)
    {
        var o = context.Out;
        o.WriteLine($"cpu      {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores, kernels use {CpuBackend.ThreadLimit} threads");
        var probe = CudaDevices.Probe();
        if (probe.Reason is { } reason) o.WriteLine($"cuda     no CUDA device: {reason}");
        foreach (var d in probe.Devices)
            o.WriteLine($"cuda:{d.Index,-3} {d.Name}, {d.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {d.Architecture}");
        return 0;
    }
}
