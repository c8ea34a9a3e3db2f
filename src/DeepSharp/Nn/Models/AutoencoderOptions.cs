namespace DeepSharp.Nn;

/// <summary>The shape of an <see cref="Autoencoder"/>. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record AutoencoderOptions
{
    /// <summary>Features per input vector (784 for 28x28 images). Default 784.</summary>
    public int InputSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(InputSize), value, $"{nameof(InputSize)} must be positive, got {value}.");
    } = 784;

    /// <summary>Widths of the encoder's hidden layers, input side first (the decoder mirrors them); may be empty. Default [256].</summary>
    public IReadOnlyList<int> HiddenSizes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(HiddenSizes));
            if (value.Any(s => s < 1))
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), $"{nameof(HiddenSizes)} must hold positive widths, got [{string.Join(", ", value)}].");
            field = [.. value];
        }
    } = [256];

    /// <summary>Width of the code (the bottleneck). Default 32.</summary>
    public int CodeSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(CodeSize), value, $"{nameof(CodeSize)} must be positive, got {value}.");
    } = 32;

    /// <summary>Non-linearity after each hidden layer (encoder and decoder). Default ReLU.</summary>
    public AutoencoderActivation Activation
    {
        get;
        init => field = Defined(value, nameof(Activation));
    } = AutoencoderActivation.Relu;

    /// <summary>Non-linearity of the code layer. Default Identity (a linear code); ReLU gives
    /// non-negative codes, which an L1 penalty (<see cref="SparsityWeight"/>) drives to exact zeros.</summary>
    public AutoencoderActivation CodeActivation
    {
        get;
        init => field = Defined(value, nameof(CodeActivation));
    } = AutoencoderActivation.Identity;

    /// <summary>End the decoder with a sigmoid, for inputs in [0, 1] such as pixel intensities. Default true.</summary>
    public bool SigmoidOutput { get; init; } = true;

    /// <summary>Weight λ of the sparsity penalty λ · mean |code| added by <see cref="Autoencoder.ReconstructionLoss"/>; 0 turns it off. Default 0.</summary>
    public double SparsityWeight
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(SparsityWeight), value, $"{nameof(SparsityWeight)} must be finite and zero or positive, got {value}.");
    }

    /// <summary>Corruption applied to the input in training mode (a denoising autoencoder); none by default.</summary>
    public AutoencoderNoise Noise
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Noise));
    } = AutoencoderNoise.None;

    private static AutoencoderActivation Defined(AutoencoderActivation value, string name) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ReLU, Sigmoid, Tanh or Identity, got {value}.");
}
