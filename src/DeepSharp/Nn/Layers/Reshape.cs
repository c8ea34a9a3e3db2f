using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Reshapes each sample, keeping the batch dimension: <c>new Reshape(1, 28, 28)</c> turns
/// (N, 784) into (N, 1, 28, 28). One entry may be -1 (inferred).</summary>
/// <remarks>input (N, ...) -> output (N, shape...), with the same number of elements per sample.</remarks>
public sealed class Reshape : Module
{
    private readonly int[] _shape;

    /// <summary>Creates the layer from the per-sample shape.</summary>
    /// <param name="shape">Sizes after the batch dimension; positive, or a single -1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or below -1, or -1 appears twice.</exception>
    public Reshape(params int[] shape)
    {
        if (shape.Any(d => d == 0 || d < -1) || shape.Count(d => d == -1) > 1)
            throw new ArgumentOutOfRangeException(nameof(shape), Shapes.Format(shape), "shape: sizes must be positive, with at most one -1.");
        _shape = (int[])shape.Clone();
    }

    /// <summary>The per-sample target shape.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0)
            throw new ShapeMismatchException($"{this} expected (N, ...), got a scalar.");
        int perSample = input.Rank == 1 ? 1 : input.Numel / Math.Max(1, input.Shape[0]);
        long known = 1;
        foreach (int d in _shape) if (d > 0) known *= d;
        bool infer = _shape.Contains(-1);
        bool fits = input.Shape[0] == 0 || (infer ? known > 0 && perSample % known == 0 : perSample == known);
        if (input.Rank < 2 || !fits)
            throw new ShapeMismatchException(
                $"{this} expected (N, ...) with {(infer ? $"a multiple of {known}" : known.ToString(System.Globalization.CultureInfo.InvariantCulture))} elements per sample, got {Shapes.Format(input.Shape)}");
        return input.Reshape([input.Shape[0], .. _shape]);
    }

    /// <summary><c>Reshape(1, 28, 28)</c>.</summary>
    public override string ToString() => $"Reshape({string.Join(", ", _shape)})";
}
