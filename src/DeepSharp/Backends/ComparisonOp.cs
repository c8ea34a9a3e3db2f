namespace DeepSharp.Backends;

/// <summary>Element-wise comparisons of the backend interface.</summary>
/// <remarks>IEEE semantics: every comparison with NaN is false except <see cref="NotEqual"/>.</remarks>
public enum ComparisonOp
{
    /// <summary>x == y</summary>
    Equal,
    /// <summary>x != y</summary>
    NotEqual,
    /// <summary>x &gt; y</summary>
    Greater,
    /// <summary>x &gt;= y</summary>
    GreaterOrEqual,
    /// <summary>x &lt; y</summary>
    Less,
    /// <summary>x &lt;= y</summary>
    LessOrEqual,
}
