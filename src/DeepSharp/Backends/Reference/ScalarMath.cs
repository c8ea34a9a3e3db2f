namespace DeepSharp.Backends.Reference;

/// <summary>The scalar functions of the reference backend, in double precision, each written from
/// its definition: the element-wise ops, the two-argument losses and the special functions
/// (log1p, expm1, erfc) the BCL does not provide accurately.</summary>
internal static class ScalarMath
{
    /// <summary>op(x).</summary>
    public static double Unary(UnaryOp op, double x) => op switch
    {
        UnaryOp.Negate => -x,
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Log => Math.Log(x),
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Square => x * x,
        UnaryOp.Reciprocal => 1 / x,
        UnaryOp.Sigmoid => Sigmoid(x),
        UnaryOp.Tanh => Math.Tanh(x),
        UnaryOp.Atan => Math.Atan(x),
        UnaryOp.Sin => Math.Sin(x),
        UnaryOp.Cos => Math.Cos(x),
        UnaryOp.Relu => double.IsNaN(x) ? x : (x > 0 ? x : 0),
        UnaryOp.Sign => double.IsNaN(x) ? x : Math.Sign(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op."),
    };

    /// <summary>op(x, y); maximum and minimum propagate NaN.</summary>
    public static double Binary(BinaryOp op, double x, double y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        BinaryOp.Divide => x / y,
        BinaryOp.Maximum => Math.Max(x, y), // NaN when either is NaN; +0 above -0
        BinaryOp.Minimum => Math.Min(x, y),
        BinaryOp.Power => Math.Pow(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown binary op."),
    };

    /// <summary>1 / (1 + e^-x).</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The loss l(a, b).</summary>
    public static double Loss(PointwiseLossKind loss, double a, double b) => loss switch
    {
        // -(t log p + (1 - t) log(1 - p)), each log clamped at -100 as PyTorch does
        PointwiseLossKind.BinaryCrossEntropy => -(b * ClampedLog(a) + (1 - b) * ClampedLog(1 - a)),
        // the stable form of -(t log σ(x) + (1 - t) log(1 - σ(x)))
        PointwiseLossKind.BinaryCrossEntropyWithLogits => Math.Max(a, 0) - a * b + LogOnePlus(Math.Exp(-Math.Abs(a))),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>∂l/∂a.</summary>
    public static double LossGradA(PointwiseLossKind loss, double a, double b) => loss switch
    {
        PointwiseLossKind.BinaryCrossEntropy => (a - b) / Math.Max(a * (1 - a), 1e-12),
        PointwiseLossKind.BinaryCrossEntropyWithLogits => Sigmoid(a) - b,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>∂l/∂b.</summary>
    public static double LossGradB(PointwiseLossKind loss, double a, double b) => loss switch
    {
        PointwiseLossKind.BinaryCrossEntropy => ClampedLog(1 - a) - ClampedLog(a),
        PointwiseLossKind.BinaryCrossEntropyWithLogits => -a,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    private static double ClampedLog(double v) => Math.Max(Math.Log(v), -100);

    /// <summary>log(1 + x), accurate for small x (the rounding error of 1 + x is divided back out).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        if (u == 1) return x;
        if (double.IsInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x - 1, accurate for small x (Kahan's correction).</summary>
    public static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1) return -1;
        if (double.IsInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }

    /// <summary>Φ(x), the standard normal distribution function: ½ erfc(-x / √2).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>φ(x), the standard normal density.</summary>
    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    /// <summary>erfc(z) = 1 - erf(z): the Maclaurin series of erf near zero, a continued fraction in
    /// the tails (where 1 - erf would cancel).</summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z)) return z;
        if (z < 0) return 2 - Erfc(-z);
        if (z < 2.5) return 1 - ErfSeries(z);
        return ErfcContinuedFraction(z);
    }

    // erf(z) = 2/√π Σ_n (-1)^n z^(2n+1) / (n! (2n + 1)), summed until the terms stop mattering.
    private static double ErfSeries(double z)
    {
        double power = z; // (-1)^n z^(2n+1) / n!
        double sum = z;
        for (int n = 1; n < 200; n++)
        {
            power *= -z * z / n;
            double term = power / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(sum)) break;
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    // erfc(z) = e^(-z²)/√π · 1 / (z + (1/2) / (z + 1 / (z + (3/2) / (z + 2 / (z + ...))))), for z > 0,
    // evaluated front to back with the modified Lentz algorithm until the convergents agree.
    private static double ErfcContinuedFraction(double z)
    {
        const double tiny = 1e-300;
        double f = z, c = z, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = z + a * d;
            if (d == 0) d = tiny;
            c = z + a / c;
            if (c == 0) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / f;
    }
}
