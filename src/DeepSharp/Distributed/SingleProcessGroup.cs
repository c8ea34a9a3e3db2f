using System.Runtime.CompilerServices;
namespace DeepSharp.Distributed;

/// <summary>The group of one process (outside mpirun): every collective is the identity, up to the
/// all-reduce's scale factor, and nothing is loaded.</summary>
internal sealed class SingleProcessGroup(DistributedOptions options) : ProcessGroup(options)
{
    public override int Rank => 0;

    public override int Size => 1;

    public override string HostName => Environment.MachineName;

    internal override Task StartAllReduce(Array buffer, int count, ReduceOp op, double scale, StrongBox<long>? ticks)
    {
        if (scale != 1.0) Collectives.Scale(buffer, count, scale);
        return Task.CompletedTask;
    }

    internal override Task StartBroadcast(Array buffer, int root) => Task.CompletedTask;

    internal override Task StartBarrier() => Task.CompletedTask;
}
