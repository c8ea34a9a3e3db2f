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
/// <para>Initialization (PyTorch's): every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// </remarks>
public sealed class LstmCell : Module
{
    private readonly RecurrentWeights _weights;

    /// <summary>Creates the cell and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inputSize">Features of the input (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden and cell states (at least 1).</param>
    /// <param name="bias">Whether to learn bias_ih and bias_hh.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public LstmCell(int inputSize, int hiddenSize, bool bias = true, RandomGenerator? rng = null)
    {
        RecurrentChecks.Sizes(nameof(LstmCell), inputSize, hiddenSize);
        _weights = new RecurrentWeights(RecurrentKind.Lstm, inputSize, hiddenSize, bias, RegisterParameter);
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Features of the input.</summary>
    public int InputSize => _weights.InputSize;

    /// <summary>Features of the hidden and cell states.</summary>
    public int HiddenSize => _weights.HiddenSize;

    /// <summary>weight_ih (4·hidden, input): rows i, f, g, o.</summary>
    public Tensor WeightIh => _weights.WeightIh;

    /// <summary>weight_hh (4·hidden, hidden): rows i, f, g, o.</summary>
    public Tensor WeightHh => _weights.WeightHh;

    /// <summary>bias_ih (4·hidden), or null without bias.</summary>
    public Tensor? BiasIh => _weights.BiasIh;

    /// <summary>bias_hh (4·hidden), or null without bias.</summary>
    public Tensor? BiasHh => _weights.BiasHh;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => _weights.Reset(rng);

    /// <summary>One step from zero states; returns h' only (use <see cref="Forward(Tensor, LstmState?)"/> for c').</summary>
    /// <exception cref="ShapeMismatchException">The input is not (batch, input).</exception>
    public override Tensor Forward(Tensor input) => Forward(input, null).Hidden;

    /// <summary>One step: the next (h, c).</summary>
    /// <param name="input">x (batch, input).</param>
    /// <param name="state">(h, c), each (batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public LstmState Forward(Tensor input, LstmState? state)
    {
        RecurrentChecks.CellInput(this, input, InputSize);
        int[] shape = [input.Shape[0], HiddenSize];
        var h = RecurrentChecks.StateOrZeros(this, "hidden", state?.Hidden, shape, input.DType);
        var c = RecurrentChecks.StateOrZeros(this, "cell", state?.Cell, shape, input.DType);
        var (hNext, cNext) = _weights.Step(_weights.ProjectInput(input), h, c);
        return new LstmState(hNext, cNext!);
    }

    /// <inheritdoc/>
    public override string ToString() => RecurrentChecks.Describe(nameof(LstmCell), InputSize, HiddenSize, BiasIh is null ? ", no bias" : "");
}
