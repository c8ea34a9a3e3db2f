using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A multi-layer LSTM over whole sequences, PyTorch's <c>nn.LSTM</c>: every step of every layer is an
/// <see cref="LstmCell"/> step (gates i, f, g, o); layer k &gt; 0 reads layer k - 1's output sequence.
/// </summary>
/// <remarks>
/// <para>input (seq, batch, input), or (batch, seq, input) with <see cref="RecurrentOptions.BatchFirst"/> ->
/// output (seq, batch, D·hidden) (batch first likewise); h_n and c_n (layers·D, batch, hidden); D = 2 when bidirectional.</para>
/// <para>Parameters, PyTorch's names and order: weight_ih_l{k} (4·hidden, in_k), weight_hh_l{k} (4·hidden, hidden),
/// bias_ih_l{k}, bias_hh_l{k} (4·hidden), then the same with suffix _reverse when bidirectional; in_0 = input,
/// in_k = D·hidden. Initialization: every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// <para>Use <see cref="LastTimeStep"/> after it to classify whole sequences inside a <see cref="Sequential"/>.</para>
/// </remarks>
public sealed class Lstm : Module
{
    private readonly RecurrentLayers _layers;

    /// <summary>Creates the layer from options (<see cref="RecurrentOptions.Nonlinearity"/> must stay Tanh).</summary>
    /// <param name="options">Sizes, layers, bias, batch-first, dropout, bidirectional.</param>
    /// <param name="rng">Generator for the initial weights and the dropout masks (<see cref="RandomGenerator.Default"/> when null).</param>
    public Lstm(RecurrentOptions options, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Nonlinearity != RnnNonlinearity.Tanh)
            throw new ArgumentOutOfRangeException(nameof(options), options.Nonlinearity, "Lstm: Nonlinearity applies to Rnn only; leave it Tanh.");
        _layers = new RecurrentLayers(nameof(Lstm), RecurrentKind.Lstm, options, RegisterParameter);
        _layers.Initialize(rng ?? RandomGenerator.Default);
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

    /// <summary>The configuration.</summary>
    public RecurrentOptions Options => _layers.Options;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => _layers.Reset(rng);

    /// <summary>The last layer's output sequence, from zero initial states.</summary>
    /// <exception cref="ShapeMismatchException">The input is not (seq, batch, input) (or batch first).</exception>
    public override Tensor Forward(Tensor input) => ForwardWithState(input).Output;

    /// <summary>PyTorch's <c>output, (h_n, c_n) = lstm(input, (h0, c0))</c>.</summary>
    /// <param name="input">(seq, batch, input), or (batch, seq, input) when batch first.</param>
    /// <param name="h0">Initial hidden states (layers·D, batch, hidden); zeros when null.</param>
    /// <param name="c0">Initial cell states (layers·D, batch, hidden); zeros when null.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit.</exception>
    public RecurrentOutput ForwardWithState(Tensor input, Tensor? h0 = null, Tensor? c0 = null) => _layers.Run(this, input, h0, c0, IsTraining);

    /// <inheritdoc/>
    public override string ToString() => _layers.ToString();
}
