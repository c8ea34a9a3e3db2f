namespace DeepSharp.Backends.Cpu;

/// <summary>The error function family, which the BCL lacks, to double precision (relative error ~1e-14).</summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double InvSqrtPi = 0.5641895835477563;
    private const double InvSqrt2 = 0.7071067811865476;
    private const double InvSqrt2Pi = 0.3989422804014327;

    /// <summary>erf(x) = 2/√π ∫₀ˣ e^(-t²) dt.</summary>
    public static double Erf(double x) => Math.Abs(x) < 2 ? ErfSeries(x) : (x > 0 ? 1 - Erfc(x) : Erfc(-x) - 1);

    /// <summary>erfc(x) = 1 - erf(x), accurate in the tail where 1 - erf(x) would cancel.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2) return 1 - ErfSeries(x);
        if (x > 27) return 0; // e^(-x²) underflows
        // Laplace's continued fraction erfc(x) = e^(-x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + ...)))),
        // evaluated bottom-up; 60 levels reach double precision at x = 2, fewer suffice further out.
        int depth = x < 3 ? 60 : x < 4 ? 30 : 16;
        double f = x;
        for (int k = depth; k >= 1; k--) f = x + 0.5 * k / f;
        return Math.Exp(-x * x) * InvSqrtPi / f;
    }

    /// <summary>Φ(x), the standard normal cumulative distribution.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

    /// <summary>Φ(x) to single precision (absolute error below 1e-7), from the rational approximation
    /// erfc(z) ≈ t(a1 + t(a2 + t(a3 + t(a4 + t a5)))) e^(-z²), t = 1 / (1 + p z), z ≥ 0
    /// (Abramowitz and Stegun 7.1.26, after Hastings): a few operations instead of a series.</summary>
    public static double NormalCdfFast(double x)
    {
        double z = Math.Abs(x) * InvSqrt2;
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double upper = 0.5 * poly * Math.Exp(-z * z); // Φ(-|x|)
        return x >= 0 ? 1 - upper : upper;
    }

    /// <summary>φ(x), the standard normal density.</summary>
    public static double NormalPdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>1 / (2n + 1), so the series multiplies instead of dividing.</summary>
    private static readonly double[] InverseOdd = [.. Enumerable.Range(0, 64).Select(n => 1.0 / (2 * n + 1))];

    // erf(x) = 2/√π e^(-x²) Σ x(2x²)ⁿ / (1·3·…·(2n+1)): every term positive, so no cancellation.
    // For |x| < 2 the terms fall below 1e-17 of the sum within 40 steps.
    private static double ErfSeries(double x)
    {
        double twoX2 = 2 * x * x, term = x, sum = x;
        for (int n = 1; n < InverseOdd.Length && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= twoX2 * InverseOdd[n];
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x * x) * sum;
    }
}
