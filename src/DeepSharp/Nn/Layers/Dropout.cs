using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Inverted dropout: in training mode each element is zeroed with probability p and the survivors
/// are scaled by 1 / (1 - p); in evaluation mode (<see cref="Module.Eval"/>) the layer is the identity.
/// </summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Dropout : Module, IOwnsGenerator
{
    private readonly RandomGenerator? _rng;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Drop probability in [0, 1].</param>
    /// <param name="rng">Source of the masks (seed it for reproducible runs); <see cref="RandomGenerator.Default"/> when null.</param>
    public Dropout(double p = 0.5, RandomGenerator? rng = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1].");
        P = p;
        _rng = rng;
    }

    /// <summary>Drop probability.</summary>
    public double P { get; }

    /// <summary>The layer's own mask generator, or null when it uses <see cref="RandomGenerator.Default"/>
    /// (checkpoints save and restore its state for exact resume).</summary>
    RandomGenerator? IOwnsGenerator.Generator => _rng;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining, _rng ?? RandomGenerator.Default);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Dropout(p={P})");
}
