using System.Numerics;
using System.Numerics.Tensors;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Element-wise kernels over spans, vectorized through <see cref="TensorPrimitives"/>
/// (Vector512 / Vector256 / Vector128 with scalar tails). The <c>Scalar</c> methods are the
/// one-element reference the tests hold the vector paths to.
/// </summary>
internal static partial class ElementWise
{
    /// <summary>d[i] = op(x[i], y[i]).</summary>
    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length, d.Length);
        if (x.IsEmpty) return; // some TensorPrimitives functions reject empty spans
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, d); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>d[i] = op(x[i], y).</summary>
    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, T y, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, x.Length, d.Length);
        if (x.IsEmpty) return;
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, d); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>d[i] = op(x, y[i]).</summary>
    public static void Binary<T>(BinaryOp op, T x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(y.Length, y.Length, d.Length);
        if (y.IsEmpty) return;
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(y, x, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(y, x, d); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(y, x, d); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>d[i] = op(x[i]).</summary>
    public static void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, x.Length, d.Length);
        if (x.IsEmpty) return;
        switch (op)
        {
            case UnaryOp.Negate: TensorPrimitives.Negate(x, d); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, d); break;
            case UnaryOp.Exp: FloatMath.Exp(x, d); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, d); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, d); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(x, x, d); break;
            case UnaryOp.Reciprocal: TensorPrimitives.Divide(T.One, x, d); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, d); break;
            case UnaryOp.Tanh: FloatMath.Tanh(x, d); break;
            case UnaryOp.Atan: TensorPrimitives.Atan(x, d); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, d); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, d); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, T.Zero, d); break;
            case UnaryOp.Sign: SignKernel(x, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>The scalar reference of a binary op.</summary>
    public static T Scalar<T>(BinaryOp op, T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        BinaryOp.Divide => x / y,
        BinaryOp.Maximum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : T.Max(x, y),
        BinaryOp.Minimum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : T.Min(x, y),
        BinaryOp.Power => T.Pow(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The scalar reference of a unary op.</summary>
    public static T Scalar<T>(UnaryOp op, T x) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        UnaryOp.Negate => -x,
        UnaryOp.Abs => T.Abs(x),
        UnaryOp.Exp => T.Exp(x),
        UnaryOp.Log => T.Log(x),
        UnaryOp.Sqrt => T.Sqrt(x),
        UnaryOp.Square => x * x,
        UnaryOp.Reciprocal => T.One / x,
        UnaryOp.Sigmoid => T.One / (T.One + T.Exp(-x)),
        UnaryOp.Tanh => T.Tanh(x),
        UnaryOp.Atan => T.Atan(x),
        UnaryOp.Sin => T.Sin(x),
        UnaryOp.Cos => T.Cos(x),
        UnaryOp.Relu => T.IsNaN(x) ? x : T.Max(x, T.Zero),
        UnaryOp.Sign => T.IsNaN(x) ? x : T.CreateTruncating(T.Sign(x)),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static void SignKernel<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            d[i] = T.IsNaN(v) ? v : v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
        }
    }

    private static void CheckLengths(int x, int y, int d)
    {
        if (x != y || d < x)
            throw new ArgumentException($"Span lengths differ: x {x}, y {y}, destination {d}.");
    }
}
