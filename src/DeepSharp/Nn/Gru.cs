using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A multi-layer GRU over whole sequences, PyTorch's <c>nn.GRU</c>: every step of every layer is a
/// <see cref="GruCell"/> step (gates r, z, n); layer k &gt; 0 reads layer k - 1's output sequence.
/// </summary>
/// <remarks>
/// <para>input (seq, batch, input), or (batch, seq, input) with <see cref="RecurrentOptions.BatchFirst"/> ->
/// output (seq, batch, D·hidden) (batch first likewise); h_n (layers·D, batch, hidden); D = 2 when bidirectional.</para>
/// <para>Parameters, PyTorch's names and order: weight_ih_l{k} (3·hidden, in_k), weight_hh_l{k} (3·hidden, hidden),
/// bias_ih_l{k}, bias_hh_l{k} (3·hidden), then the same with suffix _reverse when bidirectional.
/// Initialization: every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// </remarks>
public sealed class Gru : Module
{
    private readonly RecurrentLayers _layers;

    /// <summary>Creates the layer from options (<see cref="RecurrentOptions.Nonlinearity"/> must stay Tanh).</summary>
    /// <param name="options">Sizes, layers, bias, batch-first, dropout, bidirectional.</param>
    /// <param name="rng">Generator for the initial weights and the dropout masks (<see cref="RandomGenerator.Default"/> when null).</param>
    public Gru(RecurrentOptions options, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Nonlinearity != RnnNonlinearity.Tanh)
            throw new ArgumentOutOfRangeException(nameof(options), options.Nonlinearity, "Gru: Nonlinearity applies to Rnn only; leave it Tanh.");
        _layers = new RecurrentLayers(nameof(Gru), RecurrentKind.Gru, options, RegisterParameter);
        _layers.Initialize(rng ?? RandomGenerator.Default);
    }

    /// <summary>Creates the layer: <c>new Gru(10, 32, numLayers: 2, batchFirst: true)</c>.</summary>
    /// <param name="inputSize">Features per time step (at least 1).</param>
    /// <param name="hiddenSize">Features of the hidden state (at least 1).</param>
    /// <param name="numLayers">Stacked layers (at least 1).</param>
    /// <param name="batchFirst">Input and output (batch, seq, feature) instead of (seq, batch, feature).</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Gru(int inputSize, int hiddenSize, int numLayers = 1, bool batchFirst = false, RandomGenerator? rng = null)
        : this(new RecurrentOptions(inputSize, hiddenSize, numLayers, BatchFirst: batchFirst), rng)
    {
    }

    /// <summary>The configuration.</summary>
    public RecurrentOptions Options => _layers.Options;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => _layers.Reset(rng);

    /// <summary>The last layer's output sequence, from a zero initial state.</summary>
    /// <exception cref="ShapeMismatchException">The input is not (seq, batch, input) (or batch first).</exception>
    public override Tensor Forward(Tensor input) => ForwardWithState(input).Output;

    /// <summary>PyTorch's <c>output, h_n = gru(input, h0)</c> (<see cref="RecurrentOutput.CellState"/> is null).</summary>
    /// <param name="input">(seq, batch, input), or (batch, seq, input) when batch first.</param>
    /// <param name="h0">Initial hidden states (layers·D, batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public RecurrentOutput ForwardWithState(Tensor input, Tensor? h0 = null) => _layers.Run(this, input, h0, null, IsTraining);

    /// <inheritdoc/>
    public override string ToString() => _layers.ToString();
}
