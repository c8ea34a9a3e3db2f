using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// What <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> share (PyTorch's <c>RNNBase</c>): the
/// options, the parameters of every layer and direction under PyTorch's names, and the one unrolling loop.
/// </summary>
/// <remarks>
/// <para>input (seq, batch, input), or (batch, seq, input) with <see cref="RecurrentOptions.BatchFirst"/> ->
/// output (seq, batch, D·hidden) (batch first likewise); final states (layers·D, batch, hidden); D = 2 when bidirectional.</para>
/// <para>Parameters, PyTorch's names and order: weight_ih_l{k} (G·hidden, in_k), weight_hh_l{k} (G·hidden, hidden),
/// bias_ih_l{k}, bias_hh_l{k} (G·hidden), then the same with suffix _reverse when bidirectional; in_0 = input,
/// in_k = D·hidden; G = 1 (RNN), 4 (LSTM) or 3 (GRU). Initialization: every parameter ~ U(-1/√hidden, 1/√hidden).</para>
/// <para><see cref="Forward"/> returns the output sequence, so the layer fits a <see cref="Sequential"/>; follow it
/// with <see cref="LastTimeStep"/> to classify whole sequences.</para>
/// </remarks>
public abstract class RecurrentLayerBase : Module, IOwnsGenerator
{
    private readonly RecurrentLayers _layers;

    private protected RecurrentLayerBase(RecurrentKind kind, string type, RecurrentOptions options, RandomGenerator? rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (kind is RecurrentKind.Lstm or RecurrentKind.Gru && options.Nonlinearity != RnnNonlinearity.Tanh)
            throw new ArgumentOutOfRangeException(nameof(options), options.Nonlinearity, $"{type}: Nonlinearity applies to Rnn only; leave it Tanh.");
        _layers = new RecurrentLayers(type, kind, options, RegisterParameter);
        _layers.Initialize(rng ?? RandomGenerator.Default);
    }

    /// <summary>The configuration.</summary>
    public RecurrentOptions Options => _layers.Options;

    RandomGenerator? IOwnsGenerator.Generator => _layers.DropoutGenerator;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => _layers.Reset(rng);

    /// <summary>The last layer's output sequence, from zero initial states.</summary>
    /// <exception cref="ShapeMismatchException">The input is not (seq, batch, input) (or batch first).</exception>
    public override Tensor Forward(Tensor input) => Run(input, null, null).Output;

    private protected RecurrentOutput Run(Tensor input, Tensor? h0, Tensor? c0) => _layers.Run(this, input, h0, c0, IsTraining);

    /// <summary>E.g. <c>Lstm(input 3, hidden 4, layers 2, batch first)</c>.</summary>
    public override string ToString() => _layers.ToString();
}
