using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Tolerances for <see cref="GradCheck"/>: an element passes when |analytic - numeric| ≤ Atol + Rtol·|numeric|.</summary>
/// <param name="Eps">Half-width of the central difference.</param>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="Rtol">Relative tolerance.</param>
/// <param name="Seed">Seed of the random projection applied to non-scalar outputs.</param>
public sealed record GradCheckOptions(double Eps = 1e-6, double Atol = 1e-5, double Rtol = 1e-3, ulong Seed = 1)
{
    /// <summary>Eps, validated.</summary>
    public double Eps { get; init; } = Eps > 0 ? Eps : throw new ArgumentOutOfRangeException(nameof(Eps), Eps, "Eps must be positive.");
    /// <summary>Atol, validated.</summary>
    public double Atol { get; init; } = Atol >= 0 ? Atol : throw new ArgumentOutOfRangeException(nameof(Atol), Atol, "Atol must be non-negative.");
    /// <summary>Rtol, validated.</summary>
    public double Rtol { get; init; } = Rtol >= 0 ? Rtol : throw new ArgumentOutOfRangeException(nameof(Rtol), Rtol, "Rtol must be non-negative.");
}

/// <summary>The outcome of a gradient check, with the worst element found.</summary>
/// <param name="Passed">True when every element is within tolerance.</param>
/// <param name="InputIndex">Input holding the worst element.</param>
/// <param name="ElementIndex">Row-major index of the worst element in that input.</param>
/// <param name="Analytic">Backward's value there.</param>
/// <param name="Numeric">The central difference there.</param>
/// <param name="ElementsChecked">Number of elements compared.</param>
public sealed record GradCheckResult(bool Passed, int InputIndex, int ElementIndex, double Analytic, double Numeric, int ElementsChecked)
{
    /// <summary>A one-line report naming the worst element.</summary>
    public override string ToString() =>
        $"GradCheck {(Passed ? "passed" : "FAILED")}: {ElementsChecked} elements; worst at input {InputIndex}, element {ElementIndex}: " +
        $"analytic {Analytic:G9}, numeric {Numeric:G9}, difference {Math.Abs(Analytic - Numeric):G3}";
}

/// <summary>Thrown by <see cref="GradCheck.Assert"/> when backward disagrees with central differences.</summary>
public sealed class GradCheckException(GradCheckResult result) : Exception(result.ToString())
{
    /// <summary>The failing result.</summary>
    public GradCheckResult Result { get; } = result;
}

/// <summary>
/// Compares the gradients computed by <see cref="Tensor.Backward"/> with central differences in
/// float64. Floating-point inputs are copied to Float64 with <c>RequiresGrad</c>; Int32 inputs pass unchanged.
/// A non-scalar output y is reduced to Σ y·v with a fixed random v, so every output element is checked.
/// </summary>
public static class GradCheck
{
    /// <summary>Runs the check and returns the result.</summary>
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, Tensor[] inputs, GradCheckOptions? options = null)
    {
        options ??= new GradCheckOptions();
        var xs = inputs.Select(t => t.DType.IsFloatingPoint() ? t.ConvertRaw(DType.Float64).CloneRaw().RequireGrad() : t).ToArray();
        var y0 = function(xs);
        if (y0.DType != DType.Float64)
            throw new InvalidOperationException($"GradCheck: the function returned {y0.DType}; it must keep the Float64 dtype of its inputs.");
        var v = Tensor.Randn(y0.ShapeArray, new RandomGenerator(options.Seed), DType.Float64);
        Tensor Objective(Tensor y) => (y * v).Sum();
        if (y0.RequiresGrad) Objective(y0).Backward(); // else the output ignores the inputs: every gradient is 0

        double worstExcess = double.NegativeInfinity;
        var worst = new GradCheckResult(true, -1, -1, 0, 0, 0);
        int checkedCount = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            if (!xs[i].DType.IsFloatingPoint()) continue;
            var analytic = xs[i].Grad?.ToArray<double>() ?? new double[xs[i].Numel];
            var data = xs[i].AsSpan<double>();
            for (int e = 0; e < data.Length; e++)
            {
                double original = data[e];
                double plus, minus;
                using (GradMode.NoGrad())
                {
                    xs[i].AsSpan<double>()[e] = original + options.Eps;
                    plus = Objective(function(xs)).Item();
                    xs[i].AsSpan<double>()[e] = original - options.Eps;
                    minus = Objective(function(xs)).Item();
                }
                xs[i].AsSpan<double>()[e] = original;
                double numeric = (plus - minus) / (2 * options.Eps);
                double diff = Math.Abs(analytic[e] - numeric);
                double excess = double.IsNaN(diff) ? double.PositiveInfinity : diff - (options.Atol + options.Rtol * Math.Abs(numeric));
                checkedCount++;
                if (excess > worstExcess)
                {
                    worstExcess = excess;
                    worst = new GradCheckResult(excess <= 0, i, e, analytic[e], numeric, 0);
                }
            }
        }
        return worst with { Passed = worstExcess <= 0, ElementsChecked = checkedCount };
    }

    /// <summary>Runs the check and throws <see cref="GradCheckException"/> naming the worst element on failure.</summary>
    public static GradCheckResult Assert(Func<Tensor[], Tensor> function, Tensor[] inputs, GradCheckOptions? options = null)
    {
        var result = Check(function, inputs, options);
        if (!result.Passed) throw new GradCheckException(result);
        return result;
    }
}
