using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

public sealed partial class ModelDescription
{
    /// <summary>The description of <see cref="Models.Mlp"/> (the architecture is defined there, once):
    /// Linear(inputs, h1), activation, ..., Linear(hk, outputs).</summary>
    /// <param name="inputs">Input features (at least 1).</param>
    /// <param name="hidden">Hidden layer sizes, possibly none (then a single Linear layer).</param>
    /// <param name="outputs">Output features, e.g. the number of classes (at least 1).</param>
    /// <param name="activation">The activation after each hidden layer; ReLU when null
    /// (see <see cref="LayerDescription.Activation"/> to pick one by name).</param>
    public static ModelDescription Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, LayerDescription? activation = null)
    {
        activation ??= LayerDescription.Activation("ReLU");
        if (!activation.Spec.IsActivation)
            throw new ArgumentException($"{activation.Type} is not an element-wise activation; expected one of {string.Join(", ", LayerDescription.ActivationTypes)}.", nameof(activation));
        ArgumentNullException.ThrowIfNull(hidden);
        // Checked before the module is built: its weights would be allocated first.
        long parameters = 0;
        int[] sizes = [inputs, .. hidden, outputs];
        for (int i = 0; i + 1 < sizes.Length && sizes[i] > 0 && sizes[i + 1] > 0; i++)
            parameters = checked(parameters + (long)sizes[i] * sizes[i + 1] + sizes[i + 1]);
        if (TooManyParameters(parameters) is { } tooLarge) throw new ArgumentException($"The model description is too large: {tooLarge}", nameof(hidden));
        var rng = new RandomGenerator(0);
        return FromModule(Models.Mlp(inputs, hidden, outputs, () => activation.Build(rng), rng), [inputs]);
    }

    /// <summary>A single-layer network: one Linear(inputs, outputs) producing a score per class,
    /// trained by gradient descent on a loss like any other model. (Rosenblatt's original
    /// error-correction rule with a step output lives in DeepSharp.Classic.)</summary>
    public static ModelDescription Perceptron(int inputs, int outputs) => Mlp(inputs, [], outputs);

    /// <summary>The description of <see cref="Models.LeNet5"/> (defined there, once) for 28x28
    /// single-channel images: conv 6@5x5 padding 2, pool, conv 16@5x5, pool, flatten, 400 -> 120 -> 84 -> classes.</summary>
    /// <param name="variant">Classic (tanh, average pooling) or Modern (ReLU, max pooling).</param>
    /// <param name="classes">Outputs of the last layer (10 for MNIST and Fashion-MNIST).</param>
    public static ModelDescription LeNet5(LeNetVariant variant = LeNetVariant.Modern, int classes = 10) =>
        FromModule(Models.LeNet5(variant, new RandomGenerator(0), classes), [1, 28, 28]);

    /// <summary>The description of <see cref="Models.ResNet"/> (defined there, once) for images of
    /// <paramref name="imageShape"/> (C, H, W), C = <see cref="ResNetOptions.InChannels"/>.</summary>
    /// <param name="options">Channels, classes, width and blocks per stage.</param>
    /// <param name="imageShape">The sample shape (C, H, W), e.g. [1, 28, 28].</param>
    /// <exception cref="ArgumentException">The image shape is not (C, H, W) with C = InChannels.</exception>
    public static ModelDescription ResNet(ResNetOptions options, IReadOnlyList<int> imageShape)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(imageShape);
        if (imageShape.Count != 3 || imageShape[0] != options.InChannels || imageShape[1] < 1 || imageShape[2] < 1)
            throw new ArgumentException($"ResNet needs images (C, H, W) with C = {options.InChannels}, got [{string.Join(", ", imageShape)}].", nameof(imageShape));
        return FromModule(Models.ResNet(options, new RandomGenerator(0)), imageShape);
    }
}
