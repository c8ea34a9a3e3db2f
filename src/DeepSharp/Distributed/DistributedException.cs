namespace DeepSharp.Distributed;

/// <summary>A failure of distributed training: the MPI library is missing or failed, or a
/// collective operation did not complete in time (another rank died or hangs).</summary>
public sealed class DistributedException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public DistributedException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DistributedException(string message, Exception inner) : base(message, inner) { }
}
