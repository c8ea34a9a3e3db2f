using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>SELU's α (Klambauer et al.).</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's scale λ.</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>ReLU6: min(max(x, 0), 6).</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Relu6(Tensor input) => input.Clamp(0, 6);

    /// <summary>Hardtanh: x clamped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">min is not below max, or either is not finite.</exception>
    public static Tensor Hardtanh(Tensor input, double min = -1, double max = 1)
    {
        if (!(double.IsFinite(min) && double.IsFinite(max) && min < max))
            throw new ArgumentOutOfRangeException(nameof(min), $"Hardtanh: need finite min < max, got {min} and {max}.");
        return input.Clamp(min, max);
    }

    /// <summary>Hardswish (MobileNetV3): x · relu6(x + 3) / 6.</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Hardswish(Tensor input) => input * (input + 3).Clamp(0, 6) * (1.0 / 6);

    /// <summary>Mish: x · tanh(softplus(x)).</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Mish(Tensor input) => input * Softplus(input).Tanh();

    /// <summary>SELU: λ (x for x &gt; 0, α (e^x - 1) otherwise), with <see cref="SeluAlpha"/> and <see cref="SeluScale"/>.</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Selu(Tensor input) => Elu(input, SeluAlpha) * SeluScale;

    /// <summary>Gated linear unit: a ⊙ σ(b), where a and b are the two halves of <paramref name="dim"/>.</summary>
    /// <remarks>input (..., 2d, ...) -> output (..., d, ...).</remarks>
    /// <exception cref="ShapeMismatchException">The dimension has odd size.</exception>
    public static Tensor Glu(Tensor input, int dim = -1)
    {
        int d = Shapes.NormalizeDim(dim, input.Rank, "Glu");
        int size = input.Shape[d];
        if (size % 2 != 0) throw new ShapeMismatchException($"Glu: dimension {dim} of {Shapes.Format(input.Shape)} must have even size.");
        return input.Narrow(d, 0, size / 2) * input.Narrow(d, size / 2, size / 2).Sigmoid();
    }

    /// <summary>PReLU: x for x &gt; 0, w · x otherwise, with one learned slope (shape (1)) or one per channel (dimension 1, shape (C)).</summary>
    /// <remarks>input (N, C, *) or (*) with a single slope -> output of the same shape.</remarks>
    /// <exception cref="ShapeMismatchException">The slopes are neither one nor one per channel.</exception>
    public static Tensor Prelu(Tensor input, Tensor weight)
    {
        if (weight.Rank != 1) throw new ShapeMismatchException($"Prelu: weight must be (1) or (C), got {Shapes.Format(weight.Shape)}.");
        Tensor slope = weight;
        if (weight.Shape[0] != 1)
        {
            if (input.Rank < 2 || input.Shape[1] != weight.Shape[0])
                throw new ShapeMismatchException($"Prelu: {weight.Shape[0]} slopes need input (N, {weight.Shape[0]}, *), got {Shapes.Format(input.Shape)}.");
            var shape = Enumerable.Repeat(1, input.Rank).ToArray();
            shape[1] = weight.Shape[0];
            slope = weight.Reshape(shape);
        }
        return Tensor.Where(input.Gt(0), input, input * slope);
    }
}
