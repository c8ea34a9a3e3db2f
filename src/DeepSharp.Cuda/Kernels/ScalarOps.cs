namespace DeepSharp.Backends.Cuda;

/// <summary>The one-element functions of the element-wise kernels (device code), with the CPU
/// backend's semantics: NaN propagates through Maximum, Minimum, Relu and Sign.</summary>
internal static class ScalarOps
{
    public static T Unary<T, TN>(int op, T x) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        switch (op)
        {
            case (int)UnaryOp.Negate: return n.Neg(x);
            case (int)UnaryOp.Abs: return n.Abs(x);
            case (int)UnaryOp.Exp: return n.Exp(x);
            case (int)UnaryOp.Log: return n.Log(x);
            case (int)UnaryOp.Sqrt: return n.Sqrt(x);
            case (int)UnaryOp.Square: return n.Mul(x, x);
            case (int)UnaryOp.Reciprocal: return n.Div(n.One, x);
            case (int)UnaryOp.Sigmoid: return Sigmoid<T, TN>(x);
            case (int)UnaryOp.Tanh: return n.Tanh(x);
            case (int)UnaryOp.Atan: return n.Atan(x);
            case (int)UnaryOp.Sin: return n.Sin(x);
            case (int)UnaryOp.Cos: return n.Cos(x);
            case (int)UnaryOp.Relu: return n.IsNaN(x) ? x : n.Greater(x, n.Zero) ? x : n.Zero;
            default: return n.IsNaN(x) ? x : n.Greater(x, n.Zero) ? n.One : n.Greater(n.Zero, x) ? n.Neg(n.One) : n.Zero;
        }
    }

    public static T Binary<T, TN>(int op, T a, T b) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        switch (op)
        {
            case (int)BinaryOp.Add: return n.Add(a, b);
            case (int)BinaryOp.Subtract: return n.Sub(a, b);
            case (int)BinaryOp.Multiply: return n.Mul(a, b);
            case (int)BinaryOp.Divide: return n.Div(a, b);
            case (int)BinaryOp.Maximum: return n.IsNaN(a) ? a : n.IsNaN(b) ? b : n.Greater(b, a) ? b : a;
            case (int)BinaryOp.Minimum: return n.IsNaN(a) ? a : n.IsNaN(b) ? b : n.Greater(a, b) ? b : a;
            default: return n.Pow(a, b);
        }
    }

    public static bool Compare(int op, double a, double b) => op switch
    {
        (int)ComparisonOp.Equal => a == b,
        (int)ComparisonOp.NotEqual => a != b,
        (int)ComparisonOp.Greater => a > b,
        (int)ComparisonOp.GreaterOrEqual => a >= b,
        (int)ComparisonOp.Less => a < b,
        _ => a <= b,
    };

    public static T Sigmoid<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        return n.Div(n.One, n.Add(n.One, n.Exp(n.Neg(x))));
    }

    /// <summary>The derivative factor of a fused activation from its output y.</summary>
    public static T ActivationGrad<T, TN>(int activation, T y, T g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        return activation switch
        {
            (int)Activation.None => g,
            (int)Activation.Relu => n.Greater(y, n.Zero) ? g : n.Zero,
            (int)Activation.Tanh => n.Mul(g, n.Sub(n.One, n.Mul(y, y))),
            _ => n.Mul(g, n.Mul(y, n.Sub(n.One, y))),
        };
    }

    /// <summary>A fused activation applied to a GEMM or convolution result.</summary>
    public static T Activate<T, TN>(int activation, T v) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        return activation switch
        {
            (int)Activation.Relu => n.Greater(v, n.Zero) ? v : n.Zero,
            (int)Activation.Tanh => n.Tanh(v),
            (int)Activation.Sigmoid => Sigmoid<T, TN>(v),
            _ => v,
        };
    }
}
