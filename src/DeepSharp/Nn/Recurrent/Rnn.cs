using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A multi-layer Elman RNN over whole sequences, PyTorch's <c>nn.RNN</c>: every step of every layer is an
/// <see cref="RnnCell"/> step, h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh) (or ReLU).
/// </summary>
/// <remarks>Shapes and parameter names: see <see cref="RecurrentLayerBase"/> (G = 1). h_n is (layers·D, batch, hidden).</remarks>
public sealed class Rnn : RecurrentLayerBase
{
    /// <summary>Creates the layer from options.</summary>
    /// <param name="options">Sizes, layers, bias, batch-first, dropout, bidirectional, nonlinearity.</param>
    /// <param name="rng">Generator for the initial weights and the dropout masks (<see cref="RandomGenerator.Default"/> when null).</param>
    public Rnn(RecurrentOptions options, RandomGenerator? rng = null)
        : base(options?.Nonlinearity == RnnNonlinearity.Relu ? RecurrentKind.RnnRelu : RecurrentKind.RnnTanh, nameof(Rnn), options!, rng)
    {
    }

    /// <summary>Creates the layer: <c>new Rnn(10, 32, numLayers: 2, nonlinearity: RnnNonlinearity.Relu)</c>.</summary>
    /// <param name="inputSize">Features per time step (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden state (at least 1).</param>
    /// <param name="numLayers">Stacked layers (at least 1).</param>
    /// <param name="nonlinearity">Tanh (default) or ReLU.</param>
    /// <param name="batchFirst">Input and output (batch, seq, feature) instead of (seq, batch, feature).</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Rnn(int inputSize, int hiddenSize, int numLayers = 1, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh,
        bool batchFirst = false, RandomGenerator? rng = null)
        : this(new RecurrentOptions(inputSize, hiddenSize, numLayers, BatchFirst: batchFirst, Nonlinearity: nonlinearity), rng)
    {
    }

    /// <summary>PyTorch's <c>output, h_n = rnn(input, h0)</c> (<see cref="RecurrentOutput.CellState"/> is null).</summary>
    /// <param name="input">(seq, batch, input), or (batch, seq, input) when batch first.</param>
    /// <param name="h0">Initial hidden states (layers·D, batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public RecurrentOutput ForwardWithState(Tensor input, Tensor? h0 = null) => Run(input, h0, null);
}
