using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>One layer of neurons as the page draws it: an affine map (a <see cref="Linear"/>, or a
/// <see cref="Maxout"/> whose rows are <see cref="Pieces"/> per neuron) and its activation.</summary>
/// <param name="Affine">The layer holding the weights.</param>
/// <param name="Activation">The element-wise activation after it, or null (maxout, and the output's logit).</param>
/// <param name="Inputs">Neurons (or features) feeding this layer.</param>
/// <param name="Units">Neurons of this layer.</param>
/// <param name="Pieces">Weight rows per neuron: 1, or <see cref="ActivationLayers.MaxoutPieces"/> for maxout.</param>
public sealed record LabLayer(Module Affine, Module? Activation, int Inputs, int Units, int Pieces)
{
    /// <summary>The weight (Units · Pieces, Inputs).</summary>
    public Tensor Weight => Affine switch { Linear l => l.Weight, Maxout m => m.Weight, _ => throw new InvalidOperationException("no weight") };

    /// <summary>The bias (Units · Pieces).</summary>
    public Tensor Bias => Affine switch { Linear l => l.Bias!, Maxout m => m.Bias, _ => throw new InvalidOperationException("no bias") };

    /// <summary>The pre-activations z (N, Units · Pieces) of <paramref name="input"/> (N, Inputs).</summary>
    public Tensor PreActivation(Tensor input) => Functional.Linear(input, Weight, Bias);

    /// <summary>The outputs (N, Units) from the pre-activations: the activation layer, maxout's maximum, or z itself.</summary>
    public Tensor Activate(Tensor z) =>
        Pieces > 1 ? Functional.Maxout(z, Pieces) : Activation is { } act ? act.Forward(z) : z;
}
