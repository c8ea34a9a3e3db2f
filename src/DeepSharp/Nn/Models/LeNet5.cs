using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Ready-made architectures, each a plain <see cref="Sequential"/> of library layers.</summary>
public static partial class Models
{
    /// <summary>
    /// LeNet-5 for 28x28 single-channel images (MNIST, Fashion-MNIST), 61,706 parameters:
    /// conv 6@5x5 with padding 2 (so the 28x28 input plays the paper's 32x32), subsampling 2x2,
    /// conv 16@5x5, subsampling 2x2, then fully connected 400 -> 120 -> 84 -> 10 (logits).
    /// </summary>
    /// <remarks>
    /// input (N, 1, 28, 28) -> (N, 6, 28, 28) -> (N, 6, 14, 14) -> (N, 16, 10, 10) -> (N, 16, 5, 5)
    /// -> (N, 400) -> (N, 120) -> (N, 84) -> output (N, 10). Layer C3 connects every map to every
    /// earlier map (the paper's sparse connection table is not reproduced). Pair the logits with
    /// a cross-entropy loss.
    /// </remarks>
    /// <param name="variant"><see cref="LeNetVariant.Classic"/> (tanh, average pooling) or
    /// <see cref="LeNetVariant.Modern"/> (ReLU, max pooling).</param>
    /// <param name="rng">Initializes every layer in order (PyTorch's default initialization);
    /// <see cref="RandomGenerator.Default"/> when null.</param>
    /// <param name="classes">Outputs of the last layer (10 for MNIST and Fashion-MNIST).</param>
    public static Sequential LeNet5(LeNetVariant variant = LeNetVariant.Modern, RandomGenerator? rng = null, int classes = 10)
    {
        if (!Enum.IsDefined(variant)) throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown LeNet variant.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 1.");
        rng ??= RandomGenerator.Default;
        bool classic = variant == LeNetVariant.Classic;
        Module Activation() => classic ? new Tanh() : new Relu();
        Module Subsampling() => classic ? new AvgPool2d(2) : new MaxPool2d(2);
        return new Sequential(
            new Conv2d(1, 6, 5, padding: 2, rng: rng), Activation(), Subsampling(),
            new Conv2d(6, 16, 5, rng: rng), Activation(), Subsampling(),
            new Flatten(),
            new Linear(16 * 5 * 5, 120, rng: rng), Activation(),
            new Linear(120, 84, rng: rng), Activation(),
            new Linear(84, classes, rng: rng));
    }
}
