using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Layer normalization over the trailing dimensions (PyTorch's <c>nn.LayerNorm</c>).</summary>
/// <remarks>input (*, D...) -> output (*, D...); weight and bias (D...), initialized to 1 and 0.</remarks>
public sealed class LayerNorm : Module
{
    private readonly int[] _normalizedShape;

    /// <summary>Creates the layer for one trailing dimension of size <paramref name="normalizedSize"/>.</summary>
    public LayerNorm(int normalizedSize, double eps = 1e-5, bool elementwiseAffine = true) : this([normalizedSize], eps, elementwiseAffine) { }

    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing shape normalized over (1 to 8 dimensions, each at least 1).</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="elementwiseAffine">Learn an element-wise scale and shift.</param>
    public LayerNorm(IReadOnlyList<int> normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Count is 0 or > 8 || normalizedShape.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(normalizedShape), $"LayerNorm: normalizedShape needs 1 to 8 sizes of at least 1, got [{string.Join(", ", normalizedShape)}].");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive.");
        _normalizedShape = [.. normalizedShape];
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(_normalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(_normalizedShape));
        }
    }

    /// <summary>The trailing shape normalized over.</summary>
    public IReadOnlyList<int> NormalizedShape => _normalizedShape;

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Element-wise scale, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>Element-wise shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Sets the scale to 1 and the shift to 0.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight?.Fill(1);
        Bias?.Fill(0);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, _normalizedShape, Weight, Bias, Eps);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LayerNorm(({string.Join(", ", _normalizedShape)}), eps={Eps}, elementwise_affine={Weight is not null})");
}
