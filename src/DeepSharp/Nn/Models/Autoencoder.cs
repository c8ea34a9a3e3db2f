using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A dense autoencoder: an encoder of Linear layers narrowing to a code, and a mirrored decoder
/// back to the input size, trained to reproduce its input. With
/// <see cref="AutoencoderOptions.Noise"/> it is a denoising autoencoder: in training mode the
/// input is corrupted before encoding while the target stays clean. With
/// <see cref="AutoencoderOptions.SparsityWeight"/> &gt; 0, <see cref="ReconstructionLoss"/> adds an
/// L1 penalty on the code (a sparse autoencoder).
/// </summary>
/// <remarks>
/// <c>input (N, D) -> code (N, K) -> reconstruction (N, D)</c>. Encoder: for each hidden width
/// h, Linear(→ h) + activation, then Linear(→ K) + code activation; the decoder mirrors it and
/// ends with a sigmoid when <see cref="AutoencoderOptions.SigmoidOutput"/> is set.
/// Train it like any model, with inputs as their own targets:
/// <c>Trainer.Fit(ae, ae.ReconstructionLoss, optimizer, new DataLoader(new TensorDataset(x, x), 64, shuffle: true))</c>.
/// </remarks>
public sealed class Autoencoder : Module
{
    private readonly RandomGenerator _noiseRng;

    /// <summary>Builds the model and initialises it from <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    public Autoencoder(AutoencoderOptions? options = null, RandomGenerator? rng = null)
    {
        Options = options ?? new AutoencoderOptions();
        rng ??= RandomGenerator.Default;
        _noiseRng = rng.Fork();
        int[] widths = [Options.InputSize, .. Options.HiddenSizes, Options.CodeSize];
        var encoder = new Sequential();
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            encoder.Add(new Linear(widths[i], widths[i + 1], rng: rng));
            var act = Activation(i + 2 == widths.Length ? Options.CodeActivation : Options.Activation);
            if (act is not null) encoder.Add(act);
        }
        var decoder = new Sequential();
        for (int i = widths.Length - 1; i > 0; i--)
        {
            decoder.Add(new Linear(widths[i], widths[i - 1], rng: rng));
            var act = i == 1 ? (Options.SigmoidOutput ? new Sigmoid() : null) : Activation(Options.Activation);
            if (act is not null) decoder.Add(act);
        }
        Encoder = RegisterModule("encoder", encoder);
        Decoder = RegisterModule("decoder", decoder);
    }

    /// <summary>The shape and loss settings.</summary>
    public AutoencoderOptions Options { get; }

    /// <summary>Input to code.</summary>
    public Sequential Encoder { get; }

    /// <summary>Code to reconstruction.</summary>
    public Sequential Decoder { get; }

    /// <summary>The code of each row: <c>(N, D) -> (N, K)</c>.</summary>
    public Tensor Encode(Tensor input)
    {
        if (input.Rank != 2 || input.Size(1) != Options.InputSize)
            throw new ShapeMismatchException($"{this} expected input (N, {Options.InputSize}), got ({string.Join(", ", input.ShapeArray)}).");
        return Encoder.Forward(input);
    }

    /// <summary>The reconstruction from codes: <c>(N, K) -> (N, D)</c>.</summary>
    public Tensor Decode(Tensor code)
    {
        if (code.Rank != 2 || code.Size(1) != Options.CodeSize)
            throw new ShapeMismatchException($"{this} expected a code (N, {Options.CodeSize}), got ({string.Join(", ", code.ShapeArray)}).");
        return Decoder.Forward(code);
    }

    /// <summary>The code of the most recent <see cref="Forward"/> (for the sparsity penalty), or null before the first.</summary>
    public Tensor? LastCode { get; private set; }

    /// <summary>Encodes then decodes: <c>(N, D) -> (N, D)</c>. In training mode the input is first
    /// corrupted by <see cref="AutoencoderOptions.Noise"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = IsTraining ? Options.Noise.Apply(input, _noiseRng) : input;
        LastCode = Encode(x);
        return Decode(LastCode);
    }

    /// <summary>The training loss: mean squared error between the reconstruction and the clean
    /// <paramref name="target"/>, plus λ · mean |code| of the last forward pass when
    /// <see cref="AutoencoderOptions.SparsityWeight"/> λ &gt; 0. Fits the loss delegate of a trainer.</summary>
    public Tensor ReconstructionLoss(Tensor output, Tensor target)
    {
        var loss = Functional.MseLoss(output, target);
        if (Options.SparsityWeight > 0 && LastCode is { } code) loss = loss + code.Abs().Mean() * Options.SparsityWeight;
        return loss;
    }

    /// <summary>E.g. <c>Autoencoder(784-256-32-256-784)</c>.</summary>
    public override string ToString() =>
        $"Autoencoder({string.Join("-", new[] { Options.InputSize }.Concat(Options.HiddenSizes).Append(Options.CodeSize).Concat(Options.HiddenSizes.Reverse()).Append(Options.InputSize))})";

    private static Module? Activation(AutoencoderActivation a) => a switch
    {
        AutoencoderActivation.Relu => new Relu(),
        AutoencoderActivation.Sigmoid => new Sigmoid(),
        AutoencoderActivation.Tanh => new Tanh(),
        _ => null,
    };
}
