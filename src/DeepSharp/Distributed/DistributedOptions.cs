namespace DeepSharp.Distributed;

/// <summary>Settings of a <see cref="ProcessGroup"/> and of <see cref="DistributedDataParallel"/>;
/// invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record DistributedOptions
{
    /// <summary>The longest a collective operation may take before this rank gives up with a
    /// <see cref="DistributedException"/> (the watchdog: a dead or stuck rank ends the job instead
    /// of hanging it); default 60 s.</summary>
    public TimeSpan Timeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "Timeout must be positive.");
    } = TimeSpan.FromSeconds(60);

    /// <summary>Gradient bytes per all-reduce bucket (default 64 KiB): a bucket is reduced as soon as
    /// all its gradients are final, while the backward pass goes on; smaller buckets overlap more
    /// and pay the latency more often.</summary>
    public int BucketBytes
    {
        get;
        init => field = value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(BucketBytes), value, "BucketBytes must be at least 1024.");
    } = 64 * 1024;

    /// <summary>The Open MPI library to open, or null for <c>DEEPSHARP_MPI_LIBRARY</c>, then libmpi.so.40.</summary>
    public string? LibraryPath { get; init; }
}
