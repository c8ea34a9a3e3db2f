namespace DeepSharp.Backends.Cuda;

/// <summary>The parameterized activations of <see cref="PointwiseKind"/>, forward beside backward
/// (device code, the CPU backend's formulas).</summary>
internal static class PointwiseOps
{
    private const double GeluScale = 0.7978845608028654; // √(2/π)
    private const double GeluCubic = 0.044715;

    public static T Forward<T, TN>(int kind, double pa, double pb, T x) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        T a = n.FromDouble(pa);
        switch (kind)
        {
            case (int)PointwiseKind.Step: return n.ToDouble(x) >= pa ? n.One : n.Zero;
            case (int)PointwiseKind.Sign: return n.ToDouble(x) >= 0 ? n.One : n.Neg(n.One);
            case (int)PointwiseKind.LeakyRelu: return n.Greater(x, n.Zero) ? x : n.Mul(a, x);
            case (int)PointwiseKind.ShiftedRelu: return n.IsNaN(x) || n.Greater(x, a) ? x : a;
            case (int)PointwiseKind.Softplus:
            {
                T limit = n.FromDouble(pb), bx = n.Mul(a, x);
                if (n.Greater(bx, limit)) return x;
                return n.Div(n.Log(n.Add(n.One, n.Exp(bx))), a);
            }
            case (int)PointwiseKind.Elu:
                return n.Greater(x, n.Zero) ? x : n.Mul(a, n.Sub(n.Exp(n.Greater(x, n.Zero) ? n.Zero : x), n.One));
            case (int)PointwiseKind.Swish: return n.Mul(x, ScalarOps.Sigmoid<T, TN>(n.Mul(a, x)));
            case (int)PointwiseKind.GeluErf:
            {
                double xd = n.ToDouble(x);
                return n.FromDouble(xd * (n.Single ? DeviceSpecial.NormalCdfFast(xd) : DeviceSpecial.NormalCdf(xd)));
            }
            default:
            {
                T t = GeluInner<T, TN>(x);
                return n.Mul(n.Mul(n.FromDouble(0.5), x), n.Add(n.One, t));
            }
        }
    }

    public static T Backward<T, TN>(int kind, double pa, double pb, T x, T y, T g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        T a = n.FromDouble(pa);
        switch (kind)
        {
            case (int)PointwiseKind.Step:
            case (int)PointwiseKind.Sign: return n.Zero;
            case (int)PointwiseKind.LeakyRelu: return n.Greater(x, n.Zero) ? g : n.Mul(a, g);
            case (int)PointwiseKind.ShiftedRelu: return n.Greater(x, a) ? g : n.Zero;
            case (int)PointwiseKind.Softplus:
            {
                T bx = n.Mul(a, x);
                return n.Greater(bx, n.FromDouble(pb)) ? g : n.Mul(g, ScalarOps.Sigmoid<T, TN>(bx));
            }
            case (int)PointwiseKind.Elu: return n.Greater(x, n.Zero) ? g : n.Mul(g, n.Add(y, a));
            case (int)PointwiseKind.Swish:
            {
                T s = ScalarOps.Sigmoid<T, TN>(n.Mul(a, x));
                return n.Mul(n.Mul(g, s), n.Add(n.One, n.Mul(n.Mul(a, x), n.Sub(n.One, s))));
            }
            case (int)PointwiseKind.GeluErf:
            {
                double xd = n.ToDouble(x);
                double cdf = n.Single ? DeviceSpecial.NormalCdfFast(xd) : DeviceSpecial.NormalCdf(xd);
                return n.Mul(g, n.FromDouble(cdf + xd * DeviceSpecial.NormalPdf(xd)));
            }
            default:
            {
                T half = n.FromDouble(0.5);
                T t = GeluInner<T, TN>(x);
                T dInner = n.Mul(n.FromDouble(GeluScale), n.Add(n.One, n.Mul(n.FromDouble(3 * GeluCubic), n.Mul(x, x))));
                return n.Mul(g, n.Add(n.Mul(half, n.Add(n.One, t)), n.Mul(n.Mul(n.Mul(half, x), n.Sub(n.One, n.Mul(t, t))), dInner)));
            }
        }
    }

    private static T GeluInner<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        T cubic = n.Mul(n.FromDouble(GeluCubic), n.Mul(x, n.Mul(x, x)));
        return n.Tanh(n.Mul(n.FromDouble(GeluScale), n.Add(x, cubic)));
    }
}

/// <summary>The two-argument losses of <see cref="PointwiseLossKind"/> (device code).</summary>
internal static class PointwiseLossOps
{
    private static T ClampedLog<T, TN>(T v) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        T l = n.Log(v), floor = n.FromDouble(-100);
        return n.Greater(floor, l) ? floor : l;
    }

    public static T Loss<T, TN>(int kind, T a, T b) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        if (kind == (int)PointwiseLossKind.BinaryCrossEntropy)
            return n.Neg(n.Add(n.Mul(b, ClampedLog<T, TN>(a)), n.Mul(n.Sub(n.One, b), ClampedLog<T, TN>(n.Sub(n.One, a)))));
        T relu = n.Greater(a, n.Zero) ? a : n.Zero;
        return n.Add(n.Sub(relu, n.Mul(a, b)), n.Log(n.Add(n.One, n.Exp(n.Neg(n.Abs(a))))));
    }

    public static T DLossDa<T, TN>(int kind, T a, T b) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        if (kind == (int)PointwiseLossKind.BinaryCrossEntropy)
        {
            T v = n.Mul(a, n.Sub(n.One, a)), floor = n.FromDouble(1e-12);
            return n.Div(n.Sub(a, b), n.Greater(floor, v) ? floor : v);
        }
        return n.Sub(ScalarOps.Sigmoid<T, TN>(a), b);
    }

    public static T DLossDb<T, TN>(int kind, T a, T b) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        if (kind == (int)PointwiseLossKind.BinaryCrossEntropy)
            return n.Sub(ClampedLog<T, TN>(n.Sub(n.One, a)), ClampedLog<T, TN>(a));
        return n.Neg(a);
    }
}

/// <summary>The normal distribution's CDF and PDF for the GELU kernels (device code; the CPU
/// backend's algorithms: Abramowitz-Stegun 7.1.26 for Float32, series and continued fraction for Float64).</summary>
internal static class DeviceSpecial
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double InvSqrtPi = 0.5641895835477563;
    private const double InvSqrt2 = 0.7071067811865476;
    private const double InvSqrt2Pi = 0.3989422804014327;

    public static double NormalPdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    public static double NormalCdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

    public static double NormalCdfFast(double x)
    {
        double z = Math.Abs(x) * InvSqrt2;
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double upper = 0.5 * poly * Math.Exp(-z * z);
        return x >= 0 ? 1 - upper : upper;
    }

    private static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        bool negative = x < 0;
        double ax = negative ? -x : x;
        double r;
        if (ax < 2) r = 1 - ErfSeries(ax);
        else if (ax > 27) r = 0;
        else
        {
            int depth = ax < 3 ? 60 : ax < 4 ? 30 : 16;
            double f = ax;
            for (int k = depth; k >= 1; k--) f = ax + 0.5 * k / f;
            r = Math.Exp(-ax * ax) * InvSqrtPi / f;
        }
        return negative ? 2 - r : r;
    }

    private static double ErfSeries(double x)
    {
        double twoX2 = 2 * x * x, term = x, sum = x;
        for (int n = 1; n < 64; n++)
        {
            if (!(Math.Abs(term) > 1e-17 * Math.Abs(sum))) break;
            term *= twoX2 / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x * x) * sum;
    }
}
