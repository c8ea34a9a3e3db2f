using DeepSharp.Autograd;
using DeepSharp.Backends;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with NumPy broadcasting.</summary>
    public Tensor Add(Tensor other) => ArithmeticRules.Add(this, other);
    /// <summary>Element-wise difference with broadcasting.</summary>
    public Tensor Sub(Tensor other) => ArithmeticRules.Sub(this, other);
    /// <summary>Element-wise product with broadcasting.</summary>
    public Tensor Mul(Tensor other) => ArithmeticRules.Mul(this, other);
    /// <summary>Element-wise quotient with broadcasting.</summary>
    public Tensor Div(Tensor other) => ArithmeticRules.Div(this, other);
    /// <summary>Element-wise power with broadcasting.</summary>
    public Tensor Pow(Tensor exponent) => ArithmeticRules.Pow(this, exponent);
    /// <summary>Element-wise power by a constant.</summary>
    public Tensor Pow(double exponent) => ArithmeticRules.PowScalar(this, exponent);
    /// <summary>Element-wise maximum with broadcasting (ties share the gradient).</summary>
    public Tensor Maximum(Tensor other) => ArithmeticRules.MaxMin(this, other, max: true);
    /// <summary>Element-wise minimum with broadcasting (ties share the gradient).</summary>
    public Tensor Minimum(Tensor other) => ArithmeticRules.MaxMin(this, other, max: false);
    /// <summary>Element-wise maximum with a constant.</summary>
    public Tensor Maximum(double value) => Maximum(ScalarLike(value));
    /// <summary>Element-wise minimum with a constant.</summary>
    public Tensor Minimum(double value) => Minimum(ScalarLike(value));

    /// <summary>Matrix product: (n,k)x(k,m), batched (b,n,k)x(b,k,m) with broadcast batch dimensions, and the vector cases.</summary>
    public Tensor MatMul(Tensor other) => MatMulRule.Apply(this, other);

    /// <summary>-x</summary>
    public Tensor Neg() => UnaryRules.Apply(UnaryOp.Negate, this);
    /// <summary>|x|</summary>
    public Tensor Abs() => UnaryRules.Apply(UnaryOp.Abs, this);
    /// <summary>e^x</summary>
    public Tensor Exp() => UnaryRules.Apply(UnaryOp.Exp, this);
    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => UnaryRules.Apply(UnaryOp.Log, this);
    /// <summary>Square root.</summary>
    public Tensor Sqrt() => UnaryRules.Apply(UnaryOp.Sqrt, this);
    /// <summary>x².</summary>
    public Tensor Square() => UnaryRules.Apply(UnaryOp.Square, this);
    /// <summary>1 / x.</summary>
    public Tensor Reciprocal() => UnaryRules.Apply(UnaryOp.Reciprocal, this);
    /// <summary>Logistic sigmoid 1 / (1 + e^-x).</summary>
    public Tensor Sigmoid() => UnaryRules.Apply(UnaryOp.Sigmoid, this);
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => UnaryRules.Apply(UnaryOp.Tanh, this);
    /// <summary>Arctangent.</summary>
    public Tensor Atan() => UnaryRules.Apply(UnaryOp.Atan, this);
    /// <summary>Sine.</summary>
    public Tensor Sin() => UnaryRules.Apply(UnaryOp.Sin, this);
    /// <summary>Cosine.</summary>
    public Tensor Cos() => UnaryRules.Apply(UnaryOp.Cos, this);
    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => UnaryRules.Apply(UnaryOp.Relu, this);
    /// <summary>-1, 0 or 1 by sign (zero gradient).</summary>
    public Tensor Sign() => UnaryRules.Apply(UnaryOp.Sign, this);
    /// <summary>Clamps into [min, max]; either bound may be omitted.</summary>
    public Tensor Clamp(double? min = null, double? max = null) => UnaryRules.Clamp(this, min, max);

    /// <summary>Mask (1 / 0) of x == y, broadcast; Int32 inputs give Float32 masks.</summary>
    public Tensor Eq(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.Equal, this, other, "Eq");
    /// <summary>Mask of x != y.</summary>
    public Tensor Ne(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.NotEqual, this, other, "Ne");
    /// <summary>Mask of x &gt; y.</summary>
    public Tensor Gt(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.Greater, this, other, "Gt");
    /// <summary>Mask of x &gt;= y.</summary>
    public Tensor Ge(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.GreaterOrEqual, this, other, "Ge");
    /// <summary>Mask of x &lt; y.</summary>
    public Tensor Lt(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.Less, this, other, "Lt");
    /// <summary>Mask of x &lt;= y.</summary>
    public Tensor Le(Tensor other) => ElementWiseCompute.Compare(ComparisonOp.LessOrEqual, this, other, "Le");
    /// <summary>Mask of x == value.</summary>
    public Tensor Eq(double value) => CompareScalar(ComparisonOp.Equal, value, "Eq");
    /// <summary>Mask of x != value.</summary>
    public Tensor Ne(double value) => CompareScalar(ComparisonOp.NotEqual, value, "Ne");
    /// <summary>Mask of x &gt; value.</summary>
    public Tensor Gt(double value) => CompareScalar(ComparisonOp.Greater, value, "Gt");
    /// <summary>Mask of x &gt;= value.</summary>
    public Tensor Ge(double value) => CompareScalar(ComparisonOp.GreaterOrEqual, value, "Ge");
    /// <summary>Mask of x &lt; value.</summary>
    public Tensor Lt(double value) => CompareScalar(ComparisonOp.Less, value, "Lt");
    /// <summary>Mask of x &lt;= value.</summary>
    public Tensor Le(double value) => CompareScalar(ComparisonOp.LessOrEqual, value, "Le");

    /// <summary>Picks <paramref name="a"/> where <paramref name="condition"/> is non-zero, else <paramref name="b"/>, all broadcast.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => WhereRule.Apply(condition, a, b);

    /// <summary>Concatenates along an existing dimension.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => ViewRules.Cat([.. tensors], dim);

    /// <summary>Stacks along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Stack: needs at least one tensor.", nameof(tensors));
        int d = Shapes.NormalizeDim(dim, tensors[0].Rank + 1, "Stack");
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    private Tensor ScalarLike(double value) => ScalarOnDevice(value);

    /// <summary>Compares with a constant; an Int32 tensor meets a fractional or out-of-range constant in Float64.</summary>
    private Tensor CompareScalar(ComparisonOp op, double value, string name)
    {
        if (DType == DType.Int32 && (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue))
            return ElementWiseCompute.Compare(op, ConvertRaw(DType.Float64), ScalarOnDevice(value, DType.Float64), name).ConvertRaw(DType.Float32);
        return ElementWiseCompute.Compare(op, this, ScalarLike(value), name);
    }

#pragma warning disable CS1591 // operators are documented by their method forms
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator +(Tensor a, double b) => a.Add(a.ScalarLike(b));
    public static Tensor operator +(double a, Tensor b) => b.ScalarLike(a).Add(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(a.ScalarLike(b));
    public static Tensor operator -(double a, Tensor b) => b.ScalarLike(a).Sub(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(a.ScalarLike(b));
    public static Tensor operator *(double a, Tensor b) => b.ScalarLike(a).Mul(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(a.ScalarLike(b));
    public static Tensor operator /(double a, Tensor b) => b.ScalarLike(a).Div(b);
#pragma warning restore CS1591
}
