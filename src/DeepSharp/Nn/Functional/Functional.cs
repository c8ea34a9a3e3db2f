using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The functional form of every layer, activation and loss: stateless functions of tensors that
/// the modules call from their <c>Forward</c>. All are differentiable and keep the input's dtype.
/// </summary>
/// <remarks>
/// Split by concept: this file holds the layers (linear, identity, maxout, dropout);
/// <c>Functional.Activations.cs</c>, <c>Functional.Softmax.cs</c> and <c>Functional.Losses.cs</c> the rest.
/// </remarks>
public static partial class Functional
{
    /// <summary>The fully connected map y = x Wᵀ + b (PyTorch's convention: one row of W per output).</summary>
    /// <param name="input">Input (..., in).</param>
    /// <param name="weight">Weight (out, in).</param>
    /// <param name="bias">Optional bias (out).</param>
    /// <remarks>input (..., in), weight (out, in), bias (out) -> output (..., out).</remarks>
    /// <exception cref="ShapeMismatchException">The shapes do not fit, naming all of them.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) => Linear(input, weight, bias, Activation.None);

    /// <summary>act(x Wᵀ + b) as one fused primitive: for Float32 a single GEMM pass applies the bias and
    /// the activation as it stores the result, and the backward folds the activation derivative in.</summary>
    /// <param name="input">Input (..., in).</param>
    /// <param name="weight">Weight (out, in).</param>
    /// <param name="bias">Optional bias (out).</param>
    /// <param name="activation">Activation applied to the result (None, Relu, Tanh, Sigmoid).</param>
    /// <remarks>input (..., in), weight (out, in), bias (out) -> output (..., out).</remarks>
    /// <exception cref="ShapeMismatchException">The shapes do not fit, naming all of them.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias, Activation activation)
    {
        if (weight.Rank != 2)
            throw new ShapeMismatchException($"Linear: weight must be (out, in), got {Shapes.Format(weight.Shape)}.");
        int outFeatures = weight.Shape[0], inFeatures = weight.Shape[1];
        if (input.Rank == 0 || input.Shape[^1] != inFeatures)
            throw new ShapeMismatchException(
                $"Linear: weight {Shapes.Format(weight.Shape)} expects input (..., {inFeatures}), got {Shapes.Format(input.Shape)}.");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outFeatures))
            throw new ShapeMismatchException(
                $"Linear: weight {Shapes.Format(weight.Shape)} expects bias ({outFeatures},), got {Shapes.Format(bias.Shape)}.");
        if (input.Rank == 2) return LinearRule.Apply(input, weight, bias, activation);
        var shape = input.ShapeArray;
        shape[^1] = outFeatures;
        var flat = input.Rank == 1 ? input.Unsqueeze(0) : input.Reshape(-1, inFeatures);
        return LinearRule.Apply(flat, weight, bias, activation).Reshape(shape);
    }

    /// <summary>Returns the input unchanged (the same tensor).</summary>
    /// <remarks>input (*) -> output (*), the same object.</remarks>
    public static Tensor Identity(Tensor input) => input;

    /// <summary>Maxout: the maximum over groups of <paramref name="pieces"/> consecutive features.</summary>
    /// <param name="input">Input (..., F · pieces); features j·pieces … j·pieces + pieces - 1 form group j.</param>
    /// <param name="pieces">Number of linear pieces per output unit (at least 1).</param>
    /// <remarks>input (..., F·k) -> output (..., F). Where pieces tie, the gradient is shared between them.</remarks>
    public static Tensor Maxout(Tensor input, int pieces)
    {
        if (pieces < 1) throw new ArgumentOutOfRangeException(nameof(pieces), pieces, "Maxout: pieces must be at least 1.");
        if (input.Rank == 0 || input.Shape[^1] % pieces != 0)
            throw new ShapeMismatchException(
                $"Maxout: the last dimension of {Shapes.Format(input.Shape)} must be a multiple of pieces = {pieces}.");
        if (pieces == 1) return input;
        var shape = new int[input.Rank + 1];
        input.Shape[..^1].CopyTo(shape);
        shape[^2] = input.Shape[^1] / pieces;
        shape[^1] = pieces;
        return input.Reshape(shape).Max(-1);
    }

    /// <summary>
    /// Inverted dropout: in training, zeroes each element with probability <paramref name="p"/> and
    /// scales the survivors by 1 / (1 - p), so the expected value is unchanged and evaluation needs
    /// no rescaling; outside training (or with p = 0) returns the input itself.
    /// </summary>
    /// <param name="input">Any floating-point tensor.</param>
    /// <param name="p">Drop probability in [0, 1].</param>
    /// <param name="training">Apply dropout (true) or pass through (false).</param>
    /// <param name="rng">Source of the mask; <see cref="RandomGenerator.Default"/> when null.</param>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Dropout(Tensor input, double p, bool training, RandomGenerator? rng = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1].");
        if (!training || p == 0) return input;
        rng ??= RandomGenerator.Default;
        var mask = Tensor.BernoulliMask(input, p, p == 1 ? 0 : 1 / (1 - p), rng);
        return input * mask;
    }
}
