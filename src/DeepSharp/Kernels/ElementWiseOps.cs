namespace DeepSharp.Kernels;

/// <summary>Element-wise binary operations understood by <see cref="ElementWise"/>.</summary>
public enum BinaryOp
{
    /// <summary>x + y</summary>
    Add,
    /// <summary>x - y</summary>
    Subtract,
    /// <summary>x * y</summary>
    Multiply,
    /// <summary>x / y</summary>
    Divide,
    /// <summary>max(x, y) (NaN if either is NaN)</summary>
    Maximum,
    /// <summary>min(x, y) (NaN if either is NaN)</summary>
    Minimum,
    /// <summary>x to the power y</summary>
    Power,
}

/// <summary>Element-wise unary operations understood by <see cref="ElementWise"/>.</summary>
public enum UnaryOp
{
    /// <summary>-x</summary>
    Negate,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>e^x</summary>
    Exp,
    /// <summary>natural logarithm</summary>
    Log,
    /// <summary>square root</summary>
    Sqrt,
    /// <summary>x * x</summary>
    Square,
    /// <summary>1 / x</summary>
    Reciprocal,
    /// <summary>1 / (1 + e^-x)</summary>
    Sigmoid,
    /// <summary>hyperbolic tangent</summary>
    Tanh,
    /// <summary>arctangent</summary>
    Atan,
    /// <summary>sine</summary>
    Sin,
    /// <summary>cosine</summary>
    Cos,
    /// <summary>max(x, 0)</summary>
    Relu,
    /// <summary>-1, 0 or +1 by the sign of x</summary>
    Sign,
}

/// <summary>Element-wise comparisons understood by <see cref="ElementWise.Compare{T}(ComparisonOp, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</summary>
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
