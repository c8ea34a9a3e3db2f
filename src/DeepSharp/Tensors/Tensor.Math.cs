using DeepSharp.Autograd;
using DeepSharp.Kernels;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with NumPy broadcasting.</summary>
    public Tensor Add(Tensor other) => ArithmeticOps.Add(this, other);
    /// <summary>Element-wise difference with broadcasting.</summary>
    public Tensor Sub(Tensor other) => ArithmeticOps.Sub(this, other);
    /// <summary>Element-wise product with broadcasting.</summary>
    public Tensor Mul(Tensor other) => ArithmeticOps.Mul(this, other);
    /// <summary>Element-wise quotient with broadcasting.</summary>
    public Tensor Div(Tensor other) => ArithmeticOps.Div(this, other);
    /// <summary>Element-wise power with broadcasting.</summary>
    public Tensor Pow(Tensor exponent) => ArithmeticOps.Pow(this, exponent);
    /// <summary>Element-wise power by a constant.</summary>
    public Tensor Pow(double exponent) => ArithmeticOps.PowScalar(this, exponent);
    /// <summary>Element-wise maximum with broadcasting (ties share the gradient).</summary>
    public Tensor Maximum(Tensor other) => ArithmeticOps.MaxMin(this, other, max: true);
    /// <summary>Element-wise minimum with broadcasting (ties share the gradient).</summary>
    public Tensor Minimum(Tensor other) => ArithmeticOps.MaxMin(this, other, max: false);
    /// <summary>Element-wise maximum with a constant.</summary>
    public Tensor Maximum(double value) => Maximum(ScalarLike(value));
    /// <summary>Element-wise minimum with a constant.</summary>
    public Tensor Minimum(double value) => Minimum(ScalarLike(value));

    /// <summary>Matrix product: (n,k)x(k,m), batched (b,n,k)x(b,k,m) with broadcast batch dimensions, and the vector cases.</summary>
    public Tensor MatMul(Tensor other) => MatMulOp.Apply(this, other);

    /// <summary>-x</summary>
    public Tensor Neg() => UnaryOps.Apply(UnaryOp.Negate, this);
    /// <summary>|x|</summary>
    public Tensor Abs() => UnaryOps.Apply(UnaryOp.Abs, this);
    /// <summary>e^x</summary>
    public Tensor Exp() => UnaryOps.Apply(UnaryOp.Exp, this);
    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => UnaryOps.Apply(UnaryOp.Log, this);
    /// <summary>Square root.</summary>
    public Tensor Sqrt() => UnaryOps.Apply(UnaryOp.Sqrt, this);
    /// <summary>x².</summary>
    public Tensor Square() => UnaryOps.Apply(UnaryOp.Square, this);
    /// <summary>1 / x.</summary>
    public Tensor Reciprocal() => UnaryOps.Apply(UnaryOp.Reciprocal, this);
    /// <summary>Logistic sigmoid 1 / (1 + e^-x).</summary>
    public Tensor Sigmoid() => UnaryOps.Apply(UnaryOp.Sigmoid, this);
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => UnaryOps.Apply(UnaryOp.Tanh, this);
    /// <summary>Arctangent.</summary>
    public Tensor Atan() => UnaryOps.Apply(UnaryOp.Atan, this);
    /// <summary>Sine.</summary>
    public Tensor Sin() => UnaryOps.Apply(UnaryOp.Sin, this);
    /// <summary>Cosine.</summary>
    public Tensor Cos() => UnaryOps.Apply(UnaryOp.Cos, this);
    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => UnaryOps.Apply(UnaryOp.Relu, this);
    /// <summary>-1, 0 or 1 by sign (zero gradient).</summary>
    public Tensor Sign() => UnaryOps.Apply(UnaryOp.Sign, this);
    /// <summary>Clamps into [min, max]; either bound may be omitted.</summary>
    public Tensor Clamp(double? min = null, double? max = null) => UnaryOps.Clamp(this, min, max);

    /// <summary>Mask (1 / 0) of x == y, broadcast; Int32 inputs give Float32 masks.</summary>
    public Tensor Eq(Tensor other) => CompareOps.Compare(ComparisonOp.Equal, this, other, "Eq");
    /// <summary>Mask of x != y.</summary>
    public Tensor Ne(Tensor other) => CompareOps.Compare(ComparisonOp.NotEqual, this, other, "Ne");
    /// <summary>Mask of x &gt; y.</summary>
    public Tensor Gt(Tensor other) => CompareOps.Compare(ComparisonOp.Greater, this, other, "Gt");
    /// <summary>Mask of x &gt;= y.</summary>
    public Tensor Ge(Tensor other) => CompareOps.Compare(ComparisonOp.GreaterOrEqual, this, other, "Ge");
    /// <summary>Mask of x &lt; y.</summary>
    public Tensor Lt(Tensor other) => CompareOps.Compare(ComparisonOp.Less, this, other, "Lt");
    /// <summary>Mask of x &lt;= y.</summary>
    public Tensor Le(Tensor other) => CompareOps.Compare(ComparisonOp.LessOrEqual, this, other, "Le");
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
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => WhereOp.Apply(condition, a, b);

    /// <summary>Concatenates along an existing dimension.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => ShapeOps.Cat([.. tensors], dim);

    /// <summary>Stacks along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Stack: needs at least one tensor.", nameof(tensors));
        int d = Shapes.NormalizeDim(dim, tensors[0].Rank + 1, "Stack");
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    private Tensor ScalarLike(double value) => Scalar(value, DType);

    /// <summary>Compares with a constant; an Int32 tensor meets a fractional or out-of-range constant in Float64.</summary>
    private Tensor CompareScalar(ComparisonOp op, double value, string name)
    {
        if (DType == DType.Int32 && (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue))
            return CompareOps.Compare(op, ConvertRaw(DType.Float64), Scalar(value, DType.Float64), name).ConvertRaw(DType.Float32);
        return CompareOps.Compare(op, this, ScalarLike(value), name);
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

    /// <summary>In place: this += other (broadcast into this shape). Not recorded; for gradients and optimizers.</summary>
    public void AddInPlace(Tensor other)
    {
        if (!IsContiguous) throw new InvalidOperationException("AddInPlace needs a contiguous tensor.");
        var shape = Shapes.Broadcast(_shape, other._shape, "AddInPlace");
        if (!Shapes.SameShape(shape, _shape))
            throw new ShapeMismatchException($"AddInPlace: {Shapes.Format(other._shape)} does not broadcast into {Shapes.Format(_shape)}.");
        if (other.DType != DType) other = other.ConvertRaw(DType);
        switch (DType)
        {
            case DType.Float32: TensorOps.BinaryInto<float>(BinaryOp.Add, this, other, this); break;
            case DType.Float64: TensorOps.BinaryInto<double>(BinaryOp.Add, this, other, this); break;
            default: throw TensorOps.NotFloat("AddInPlace", this);
        }
    }

    /// <summary>In place: copies <paramref name="source"/> (same shape, broadcast allowed) into this tensor or view. Not recorded.</summary>
    public void CopyFrom(Tensor source)
    {
        if (!Shapes.SameShape(source._shape, _shape))
        {
            var shape = Shapes.Broadcast(_shape, source._shape, "CopyFrom");
            if (!Shapes.SameShape(shape, _shape))
                throw new ShapeMismatchException($"CopyFrom: {Shapes.Format(source._shape)} does not fit {Shapes.Format(_shape)}.");
            source = ViewOps.Expand(source, _shape);
        }
        if (source.DType != DType) source = source.ConvertRaw(DType);
        switch (DType)
        {
            case DType.Float32: StridedCopy.CopyTo(source, StorageAs<float>().Data, _strides, _offset); break;
            case DType.Float64: StridedCopy.CopyTo(source, StorageAs<double>().Data, _strides, _offset); break;
            default: StridedCopy.CopyTo(source, StorageAs<int>().Data, _strides, _offset); break;
        }
    }

    /// <summary>In place: sets every element to <paramref name="value"/>. Not recorded.</summary>
    public void Fill(double value) => CopyFrom(Scalar(value, DType));
}
