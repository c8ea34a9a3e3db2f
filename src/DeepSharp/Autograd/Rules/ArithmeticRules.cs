using DeepSharp.Backends;
using DeepSharp.Tensors;
using static DeepSharp.Autograd.Broadcasting;

namespace DeepSharp.Autograd;

/// <summary>The broadcasting binary primitives, each forward beside its backward.</summary>
internal static class ArithmeticRules
{
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Binary(BinaryOp.Add, a, b, "Add");
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "Add", [a, b], g => [
            a.RequiresGrad ? SumTo(g, sa) : null,
            b.RequiresGrad ? SumTo(g, sb) : null], saved: []);
    }

    public static Tensor Sub(Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Binary(BinaryOp.Subtract, a, b, "Sub");
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "Sub", [a, b], g => [
            a.RequiresGrad ? SumTo(g, sa) : null,
            b.RequiresGrad ? SumTo(-g, sb) : null], saved: []);
    }

    public static Tensor Mul(Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Binary(BinaryOp.Multiply, a, b, "Mul");
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "Mul", [a, b], g => [
            a.RequiresGrad ? SumTo(g * b, sa) : null,
            b.RequiresGrad ? SumTo(g * a, sb) : null], saved: [a, b]);
    }

    public static Tensor Div(Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Binary(BinaryOp.Divide, a, b, "Div");
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        // d(a/b)/db = -a / b^2 = -y / b
        return Node.Record(y, "Div", [a, b], g => [
            a.RequiresGrad ? SumTo(g / b, sa) : null,
            b.RequiresGrad ? SumTo(-(g * y) / b, sb) : null], saved: [b, y]);
    }

    /// <summary>Element-wise maximum / minimum; where the operands tie the gradient is split evenly.</summary>
    public static Tensor MaxMin(Tensor a, Tensor b, bool max)
    {
        string name = max ? "Maximum" : "Minimum";
        var y = ElementWiseCompute.Binary(max ? BinaryOp.Maximum : BinaryOp.Minimum, a, b, name);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, name, [a, b], g =>
        {
            var wins = max ? a.Gt(b) : a.Lt(b);
            var ties = a.Eq(b);
            var shareA = wins + ties * 0.5;
            return [
                a.RequiresGrad ? SumTo(g * shareA, sa) : null,
                b.RequiresGrad ? SumTo(g * (1.0 - shareA), sb) : null];
        }, saved: [a, b]);
    }

    public static Tensor Pow(Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Binary(BinaryOp.Power, a, b, "Pow");
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        // d/da = b a^(b-1), 0 where b = 0 (a^0 is constant; at a = 0 the product would be 0 * inf), as PyTorch.
        // d/db = a^b ln a; where a = 0 and b >= 0 the power is flat (or one-sided) in b: use 0, not 0 * -inf.
        return Node.Record(y, "Pow", [a, b], g => [
            a.RequiresGrad ? SumTo(Tensor.Where(b.Eq(0.0), g.ScalarOnDevice(0), g * b * a.Pow(b - 1.0)), sa) : null,
            b.RequiresGrad ? SumTo(Tensor.Where(a.Eq(0.0) * b.Ge(0.0), g.ScalarOnDevice(0), g * y * a.Log()), sb) : null], saved: [a, b, y]);
    }

    /// <summary>a^p for a constant exponent (its own primitive so a^2 at a = 0 has gradient 0, not NaN).</summary>
    public static Tensor PowScalar(Tensor a, double p)
    {
        var y = p == 2.0 ? ElementWiseCompute.Unary(UnaryOp.Square, a, "Pow")
            : ElementWiseCompute.Binary(BinaryOp.Power, a, a.ScalarOnDevice(p), "Pow");
        return Node.Record(y, "Pow", [a], g => [p switch
        {
            0.0 => Tensor.ZerosLike(g), // constant 1, also at a = 0 where p * a^(p-1) would be 0 * inf
            1.0 => g,
            2.0 => g * a * 2.0,
            _ => g * p * a.Pow(p - 1.0),
        }], saved: [a]);
    }
}
