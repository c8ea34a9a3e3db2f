using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A multi-layer LSTM over whole sequences, PyTorch's <c>nn.LSTM</c>: every step of every layer is an
/// <see cref="LstmCell"/> step (gates i, f, g, o); layer k &gt; 0 reads layer k - 1's output sequence.
/// </summary>
/// <remarks>Shapes and parameter names: see <see cref="RecurrentLayerBase"/> (G = 4). h_n and c_n are (layers·D, batch, hidden).</remarks>
public sealed class Lstm : RecurrentLayerBase
{
    /// <summary>Creates the layer from options (<see cref="RecurrentOptions.Nonlinearity"/> must stay Tanh).</summary>
    /// <param name="options">Sizes, layers, bias, batch-first, dropout, bidirectional.</param>
    /// <param name="rng">Generator for the initial weights and the dropout masks (<see cref="RandomGenerator.Default"/> when null).</param>
    public Lstm(RecurrentOptions options, RandomGenerator? rng = null) : base(RecurrentKind.Lstm, nameof(Lstm), options, rng)
    {
    }

    /// <summary>Creates the layer: <c>new Lstm(10, 32, numLayers: 2, batchFirst: true)</c>.</summary>
    /// <param name="inputSize">Features per time step (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden and cell states (at least 1).</param>
    /// <param name="numLayers">Stacked layers (at least 1).</param>
    /// <param name="batchFirst">Input and output (batch, seq, feature) instead of (seq, batch, feature).</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool batchFirst = false, RandomGenerator? rng = null)
        : this(new RecurrentOptions(inputSize, hiddenSize, numLayers, BatchFirst: batchFirst), rng)
    {
    }

    /// <summary>PyTorch's <c>output, (h_n, c_n) = lstm(input, (h0, c0))</c>.</summary>
    /// <param name="input">(seq, batch, input), or (batch, seq, input) when batch first.</param>
    /// <param name="h0">Initial hidden states (layers·D, batch, hidden); zeros when null.</param>
    /// <param name="c0">Initial cell states (layers·D, batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public RecurrentOutput ForwardWithState(Tensor input, Tensor? h0 = null, Tensor? c0 = null) => Run(input, h0, c0);
}
