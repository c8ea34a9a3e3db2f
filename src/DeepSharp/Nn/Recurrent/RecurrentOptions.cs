namespace DeepSharp.Nn;

/// <summary>
/// Configuration of a sequence layer (<see cref="Rnn"/>, <see cref="Lstm"/>, <see cref="Gru"/>), with
/// PyTorch's meanings and defaults. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.
/// </summary>
/// <param name="InputSize">Features per time step of the input (at least 1).</param>
/// <param name="HiddenSize">Features of the hidden state (at least 1).</param>
/// <param name="NumLayers">Stacked layers (at least 1); layer k &gt; 0 reads layer k - 1's output sequence.</param>
/// <param name="Bias">Whether the layers learn the biases b_ih and b_hh.</param>
/// <param name="BatchFirst">Input and output are (batch, seq, feature) instead of PyTorch's default (seq, batch, feature).</param>
/// <param name="Dropout">Dropout probability applied to every layer's output except the last, in training mode only.</param>
/// <param name="Bidirectional">Run a second pass backwards in time and concatenate both directions' features.</param>
/// <param name="Nonlinearity">Tanh or ReLU; only <see cref="Rnn"/> reads it (LSTM and GRU require the default, Tanh).</param>
public sealed record RecurrentOptions(int InputSize, int HiddenSize, int NumLayers = 1, bool Bias = true, bool BatchFirst = false,
    double Dropout = 0, bool Bidirectional = false, RnnNonlinearity Nonlinearity = RnnNonlinearity.Tanh)
{
    /// <summary>InputSize, validated.</summary>
    public int InputSize
    {
        get;
        init => field = AtLeastOne(value, nameof(InputSize));
    } = AtLeastOne(InputSize, nameof(InputSize));

    /// <summary>HiddenSize, validated.</summary>
    public int HiddenSize
    {
        get;
        init => field = AtLeastOne(value, nameof(HiddenSize));
    } = AtLeastOne(HiddenSize, nameof(HiddenSize));

    /// <summary>NumLayers, validated.</summary>
    public int NumLayers
    {
        get;
        init => field = AtLeastOne(value, nameof(NumLayers));
    } = AtLeastOne(NumLayers, nameof(NumLayers));

    /// <summary>Dropout, validated.</summary>
    public double Dropout
    {
        get;
        init => field = Probability(value);
    } = Probability(Dropout);

    /// <summary>Nonlinearity, validated.</summary>
    public RnnNonlinearity Nonlinearity
    {
        get;
        init => field = Defined(value);
    } = Defined(Nonlinearity);

    /// <summary>1, or 2 when bidirectional.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    // Checked both in the constructor and in `with` expressions (a property initializer bypasses init).
    private static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");

    private static double Probability(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Dropout), value, "Dropout must be in [0, 1].");

    private static RnnNonlinearity Defined(RnnNonlinearity value) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Nonlinearity), value, "Nonlinearity must be Tanh or Relu.");
}
