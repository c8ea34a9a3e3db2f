using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// One step of a long short-term memory cell, PyTorch's <c>LSTMCell</c>: with the gate pre-activations
/// x W_ihᵀ + b_ih + h W_hhᵀ + b_hh split into blocks i, f, g, o,
/// c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g) and h' = σ(o) ⊙ tanh(c').
/// </summary>
/// <remarks>
/// <para>input (batch, input), state h and c (batch, hidden) -> h', c' (batch, hidden); weight_ih (4·hidden, input),
/// weight_hh (4·hidden, hidden), bias_ih and bias_hh (4·hidden), gate blocks in the order i, f, g, o.</para>
/// <para>Initialization (PyTorch's): every parameter ~ U(-1/√hidden, 1/√hidden).
/// <see cref="RecurrentCellBase.Forward(Tensor)"/> returns h' only; <see cref="Forward(Tensor, LstmState?)"/> returns (h', c').</para>
/// </remarks>
public sealed class LstmCell : RecurrentCellBase
{
    /// <summary>Creates the cell and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inputSize">Features of the input (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden and cell states (at least 1).</param>
    /// <param name="bias">Whether to learn bias_ih and bias_hh.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public LstmCell(int inputSize, int hiddenSize, bool bias = true, RandomGenerator? rng = null)
        : base(RecurrentKind.Lstm, nameof(LstmCell), inputSize, hiddenSize, bias, rng)
    {
    }

    /// <summary>One step: the next (h, c).</summary>
    /// <param name="input">x (batch, input).</param>
    /// <param name="state">(h, c), each (batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public LstmState Forward(Tensor input, LstmState? state)
    {
        var (h, c) = Step(input, state?.Hidden, state?.Cell);
        return new LstmState(h, c!);
    }
}
