using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Element-wise unary primitives, each forward beside its backward.</summary>
internal static class UnaryRules
{
    public static Tensor Apply(UnaryOp op, Tensor x)
    {
        var y = ElementWiseCompute.Unary(op, x, op.ToString());
        if (!Tensor.RequiresGradRecording(x)) return y;
        return Node.Record(y, op.ToString(), [x], g => [Derivative(op, x, y, g)], saved: SavedBy(op, x, y));
    }

    /// <summary>What the derivative of <paramref name="op"/> reads: the input, the output, or nothing.</summary>
    private static Tensor[] SavedBy(UnaryOp op, Tensor x, Tensor y) => op switch
    {
        UnaryOp.Negate or UnaryOp.Sign => [],
        UnaryOp.Exp or UnaryOp.Sqrt or UnaryOp.Reciprocal or UnaryOp.Sigmoid or UnaryOp.Tanh => [y],
        _ => [x],
    };

    /// <summary>d(op(x))/dx times the incoming gradient <paramref name="g"/>.</summary>
    private static Tensor Derivative(UnaryOp op, Tensor x, Tensor y, Tensor g) => op switch
    {
        UnaryOp.Negate => -g,
        UnaryOp.Abs => g * x.Sign(),
        UnaryOp.Exp => g * y,
        UnaryOp.Log => g / x,
        UnaryOp.Sqrt => g * 0.5 / y,
        UnaryOp.Square => g * x * 2.0,
        UnaryOp.Reciprocal => -g * y * y,
        UnaryOp.Sigmoid => g * y * (1.0 - y),
        UnaryOp.Tanh => g * (1.0 - y * y),
        UnaryOp.Atan => g / (x * x + 1.0),
        UnaryOp.Sin => g * x.Cos(),
        UnaryOp.Cos => -g * x.Sin(),
        UnaryOp.Relu => g * x.Gt(0.0),
        UnaryOp.Sign => Tensor.ZerosLike(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Clamps into [min, max]; the gradient passes where the input is inside the range.</summary>
    public static Tensor Clamp(Tensor x, double? min, double? max)
    {
        if (min is null && max is null) throw new ArgumentException("Clamp: give min, max or both.");
        if (min is double.NaN) throw new ArgumentOutOfRangeException(nameof(min), "Clamp: min is NaN.");
        if (max is double.NaN) throw new ArgumentOutOfRangeException(nameof(max), "Clamp: max is NaN.");
        if (min > max) throw new ArgumentOutOfRangeException(nameof(min), $"Clamp: min {min} exceeds max {max}.");
        var y = x;
        if (min is { } lo) y = ElementWiseCompute.Binary(BinaryOp.Maximum, y, x.ScalarOnDevice(lo), "Clamp");
        if (max is { } hi) y = ElementWiseCompute.Binary(BinaryOp.Minimum, y, x.ScalarOnDevice(hi), "Clamp");
        if (ReferenceEquals(y, x)) y = x.CloneRaw();
        return Node.Record(y, "Clamp", [x], g =>
        {
            var inside = Tensor.OnesLike(x);
            if (min is { } l) inside *= x.Ge(l);
            if (max is { } h) inside *= x.Le(h);
            return [g * inside];
        }, saved: [x]);
    }
}
