namespace DeepSharp.Backends;

/// <summary>Element-wise binary operations of the backend interface.</summary>
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
