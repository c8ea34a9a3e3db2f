using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// One step of a gated recurrent unit, PyTorch's <c>GRUCell</c>:
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 - z) ⊙ n + z ⊙ h.
/// </summary>
/// <remarks>
/// <para>input (batch, input), hidden (batch, hidden) -> h' (batch, hidden); weight_ih (3·hidden, input),
/// weight_hh (3·hidden, hidden), bias_ih and bias_hh (3·hidden), gate blocks in the order r, z, n.</para>
/// <para>Initialization (PyTorch's): every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// </remarks>
public sealed class GruCell : RecurrentCellBase
{
    /// <summary>Creates the cell and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inputSize">Features of the input (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden state (at least 1).</param>
    /// <param name="bias">Whether to learn bias_ih and bias_hh.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public GruCell(int inputSize, int hiddenSize, bool bias = true, RandomGenerator? rng = null)
        : base(RecurrentKind.Gru, nameof(GruCell), inputSize, hiddenSize, bias, rng)
    {
    }

    /// <summary>One step: the next hidden state (batch, hidden).</summary>
    /// <param name="input">x (batch, input).</param>
    /// <param name="hidden">h (batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public Tensor Forward(Tensor input, Tensor? hidden) => Step(input, hidden, null).H;
}
