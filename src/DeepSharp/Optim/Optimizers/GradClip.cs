using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>Gradient clipping, applied between <c>Backward()</c> and <c>Step()</c>.</summary>
public static class GradClip
{
    /// <summary>
    /// Scales all gradients together by maxNorm / (norm + 1e-6) when their global L2 norm exceeds
    /// <paramref name="maxNorm"/> (PyTorch's <c>clip_grad_norm_</c>); parameters without a gradient are skipped.
    /// </summary>
    /// <returns>The global norm before clipping (NaN or infinity when a gradient is not finite).</returns>
    public static double ByGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionGuard.Positive(maxNorm, nameof(maxNorm));
        double sumOfSquares = 0;
        foreach (var p in parameters)
            if (p.Grad is { } g) sumOfSquares += Checked(g).Square().Sum().Item();
        double norm = Math.Sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1 || double.IsNaN(coefficient))
        {
            foreach (var p in parameters)
                if (p.Grad is { } g) g.MulInPlace((float)coefficient);
        }
        return norm;
    }

    /// <summary>Clamps every gradient element into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    public static void ByValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionGuard.Positive(clipValue, nameof(clipValue));
        float c = (float)clipValue;
        foreach (var p in parameters)
            if (p.Grad is { } g) Checked(g).ClampInPlace(-c, c);
    }

    private static Tensor Checked(Tensor grad) =>
        grad.DType == DType.Float32 && grad.IsContiguous
            ? grad
            : throw new InvalidOperationException($"GradClip expects contiguous Float32 gradients, got {grad.DType} {Shapes.Format(grad.Shape)}.");
}
