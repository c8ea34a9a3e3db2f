using DeepSharp.Backends;
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
public sealed class RnnCell : RecurrentCellBase
{
    /// <summary>Creates the cell and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inputSize">Features of the input (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden state (at least 1).</param>
    /// <param name="bias">Whether to learn bias_ih and bias_hh.</param>
    /// <param name="nonlinearity">Tanh (default) or ReLU.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public RnnCell(int inputSize, int hiddenSize, bool bias = true, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, RandomGenerator? rng = null)
        : base(Kind(nonlinearity), nameof(RnnCell), inputSize, hiddenSize, bias, rng) => Nonlinearity = nonlinearity;

    /// <summary>Tanh or ReLU.</summary>
    public RnnNonlinearity Nonlinearity { get; }

    /// <summary>One step: the next hidden state (batch, hidden).</summary>
    /// <param name="input">x (batch, input).</param>
    /// <param name="hidden">h (batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public Tensor Forward(Tensor input, Tensor? hidden) => Step(input, hidden, null).H;

    private static RecurrentKind Kind(RnnNonlinearity nonlinearity) => nonlinearity switch
    {
        RnnNonlinearity.Tanh => RecurrentKind.RnnTanh,
        RnnNonlinearity.Relu => RecurrentKind.RnnRelu,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "RnnCell: nonlinearity must be Tanh or Relu."),
    };
}
