namespace DeepSharp.Backends;

/// <summary>Reductions of the backend interface.</summary>
public enum ReduceOp
{
    /// <summary>Σ x</summary>
    Sum,
    /// <summary>max x (NaN if any is NaN)</summary>
    Max,
    /// <summary>min x (NaN if any is NaN)</summary>
    Min,
}
