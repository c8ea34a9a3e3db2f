namespace DeepSharp.Nn;

/// <summary>How a loss combines its per-element (or per-sample) values.</summary>
public enum Reduction
{
    /// <summary>The average (the usual choice: the learning rate does not depend on the batch size).</summary>
    Mean,

    /// <summary>The total.</summary>
    Sum,

    /// <summary>No reduction: the unreduced losses, shaped as each loss documents.</summary>
    None,
}
