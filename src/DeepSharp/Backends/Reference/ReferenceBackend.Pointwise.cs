namespace DeepSharp.Backends.Reference;

public sealed partial class ReferenceBackend
{
    private const double SqrtTwoOverPi = 0.7978845608028654; // √(2/π)
    private const double GeluCubic = 0.044715;

    /// <inheritdoc/>
    public void Pointwise(PointwiseFunction f, StorageView x, StorageView y)
    {
        RequireFloat(x.DType, "Pointwise");
        var xs = StridedElements.Read(x);
        var result = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++) result[i] = PointwiseValue(f, xs[i]);
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void PointwiseBackward(PointwiseFunction f, StorageView x, StorageView y, StorageView gy, StorageView gx)
    {
        RequireFloat(x.DType, "PointwiseBackward");
        double[] xs = StridedElements.Read(x), gs = StridedElements.Read(gy);
        var result = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++) result[i] = gs[i] * PointwiseDerivative(f, xs[i]);
        StridedElements.Write(gx, result);
    }

    /// <summary>f(x), from the definitions in <see cref="PointwiseKind"/>.</summary>
    private static double PointwiseValue(PointwiseFunction f, double x)
    {
        double a = f.A;
        switch (f.Kind)
        {
            case PointwiseKind.Step: return x >= a ? 1 : 0;
            case PointwiseKind.Sign: return x >= 0 ? 1 : -1;
            case PointwiseKind.LeakyRelu: return x > 0 ? x : a * x;
            case PointwiseKind.ShiftedRelu: return double.IsNaN(x) ? x : Math.Max(x, a);
            case PointwiseKind.Softplus: return a * x > f.B ? x : ScalarMath.LogOnePlus(Math.Exp(a * x)) / a;
            case PointwiseKind.Elu: return x > 0 ? x : a * ScalarMath.ExpMinusOne(x);
            case PointwiseKind.Swish: return x * ScalarMath.Sigmoid(a * x);
            case PointwiseKind.GeluErf: return x * ScalarMath.NormalCdf(x);
            case PointwiseKind.GeluTanh: return 0.5 * x * (1 + Math.Tanh(SqrtTwoOverPi * (x + GeluCubic * x * x * x)));
            default: throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "Unknown pointwise function.");
        }
    }

    /// <summary>f'(x), differentiated by hand from <see cref="PointwiseValue"/>.</summary>
    private static double PointwiseDerivative(PointwiseFunction f, double x)
    {
        double a = f.A;
        switch (f.Kind)
        {
            case PointwiseKind.Step:
            case PointwiseKind.Sign:
                return 0;
            case PointwiseKind.LeakyRelu: return x > 0 ? 1 : a;
            case PointwiseKind.ShiftedRelu: return x > a ? 1 : 0;
            case PointwiseKind.Softplus: return a * x > f.B ? 1 : ScalarMath.Sigmoid(a * x);
            case PointwiseKind.Elu: return x > 0 ? 1 : a * Math.Exp(x);
            case PointwiseKind.Swish:
            {
                double s = ScalarMath.Sigmoid(a * x);
                return s + a * x * s * (1 - s);
            }
            case PointwiseKind.GeluErf: return ScalarMath.NormalCdf(x) + x * ScalarMath.NormalPdf(x);
            case PointwiseKind.GeluTanh:
            {
                double t = Math.Tanh(SqrtTwoOverPi * (x + GeluCubic * x * x * x));
                double inner = SqrtTwoOverPi * (1 + 3 * GeluCubic * x * x);
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * inner;
            }
            default: throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "Unknown pointwise function.");
        }
    }
}
