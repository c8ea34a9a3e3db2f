using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// One step of an Elman RNN, PyTorch's <c>RNNCell</c>: h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)
/// (or ReLU in place of tanh).
/// </summary>
/// <remarks>
/// <para>input (batch, input), hidden (batch, hidden) -> h' (batch, hidden); weight_ih (hidden, input),
/// weight_hh (hidden, hidden), bias_ih and bias_hh (hidden).</para>
/// <para>Initialization (PyTorch's): every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// </remarks>
public sealed class RnnCell : Module
{
    private readonly RecurrentWeights _weights;

    /// <summary>Creates the cell and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inputSize">Features of the input (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden state (at least 1).</param>
    /// <param name="bias">Whether to learn bias_ih and bias_hh.</param>
    /// <param name="nonlinearity">Tanh (default) or ReLU.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public RnnCell(int inputSize, int hiddenSize, bool bias = true, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, RandomGenerator? rng = null)
    {
        RecurrentChecks.Sizes(nameof(RnnCell), inputSize, hiddenSize);
        if (!Enum.IsDefined(nonlinearity))
            throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "RnnCell: nonlinearity must be Tanh or Relu.");
        Nonlinearity = nonlinearity;
        var kind = nonlinearity == RnnNonlinearity.Relu ? RecurrentKind.RnnRelu : RecurrentKind.RnnTanh;
        _weights = new RecurrentWeights(kind, inputSize, hiddenSize, bias, RegisterParameter);
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Features of the input.</summary>
    public int InputSize => _weights.InputSize;

    /// <summary>Features of the hidden state.</summary>
    public int HiddenSize => _weights.HiddenSize;

    /// <summary>Tanh or ReLU.</summary>
    public RnnNonlinearity Nonlinearity { get; }

    /// <summary>weight_ih (hidden, input).</summary>
    public Tensor WeightIh => _weights.WeightIh;

    /// <summary>weight_hh (hidden, hidden).</summary>
    public Tensor WeightHh => _weights.WeightHh;

    /// <summary>bias_ih (hidden), or null without bias.</summary>
    public Tensor? BiasIh => _weights.BiasIh;

    /// <summary>bias_hh (hidden), or null without bias.</summary>
    public Tensor? BiasHh => _weights.BiasHh;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => _weights.Reset(rng);

    /// <summary>One step from a zero hidden state.</summary>
    /// <exception cref="ShapeMismatchException">The input is not (batch, input).</exception>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>One step: the next hidden state (batch, hidden).</summary>
    /// <param name="input">x (batch, input).</param>
    /// <param name="hidden">h (batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public Tensor Forward(Tensor input, Tensor? hidden)
    {
        RecurrentChecks.CellInput(this, input, InputSize);
        var h = RecurrentChecks.StateOrZeros(this, "hidden", hidden, [input.Shape[0], HiddenSize], input.DType);
        return _weights.Step(_weights.ProjectInput(input), h, null).H;
    }

    /// <inheritdoc/>
    public override string ToString() => RecurrentChecks.Describe(nameof(RnnCell), InputSize, HiddenSize,
        (Nonlinearity == RnnNonlinearity.Relu ? ", relu" : "") + (BiasIh is null ? ", no bias" : ""));
}
