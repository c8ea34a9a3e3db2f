using DeepSharp.Nn.Models;

namespace DeepSharp.Serialization;

public sealed partial class ModelDescription
{
    /// <summary>A multilayer perceptron: Linear(inputs, h1), activation, ..., Linear(hk, outputs),
    /// with no activation after the last layer (pair it with a loss that takes logits).</summary>
    /// <param name="inputs">Input features (at least 1).</param>
    /// <param name="hidden">Hidden layer sizes, possibly none (then a single Linear layer).</param>
    /// <param name="outputs">Output features, e.g. the number of classes (at least 1).</param>
    /// <param name="activation">The activation after each hidden layer; ReLU when null
    /// (see <see cref="LayerDescription.Activation"/> to pick one by name).</param>
    public static ModelDescription Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, LayerDescription? activation = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be at least 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be at least 1.");
        for (int i = 0; i < hidden.Count; i++)
            if (hidden[i] < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"hidden layer {i} must have at least 1 unit.");
        activation ??= LayerDescription.Activation("ReLU");
        if (!activation.Spec.IsActivation)
            throw new ArgumentException($"{activation.Type} is not an element-wise activation; expected one of {string.Join(", ", LayerDescription.ActivationTypes)}.", nameof(activation));
        var layers = new List<LayerDescription>();
        int previous = inputs;
        foreach (int size in hidden)
        {
            layers.Add(LayerDescription.Linear(previous, size));
            layers.Add(activation);
            previous = size;
        }
        layers.Add(LayerDescription.Linear(previous, outputs));
        return new ModelDescription(layers, [inputs]);
    }

    /// <summary>A single-layer network: one Linear(inputs, outputs) producing a score per class,
    /// trained by gradient descent on a loss like any other model. (Rosenblatt's original
    /// error-correction rule with a step output lives in DeepSharp.Classic.)</summary>
    public static ModelDescription Perceptron(int inputs, int outputs) => Mlp(inputs, [], outputs);

    /// <summary>LeNet-5 for 28x28 single-channel images, as <see cref="Models.LeNet5"/> builds it
    /// (61,706 parameters): conv 6@5x5 padding 2, pool, conv 16@5x5, pool, flatten, 400 -> 120 -> 84 -> 10.</summary>
    /// <param name="variant">Classic (tanh, average pooling) or Modern (ReLU, max pooling).</param>
    /// <param name="classes">Outputs of the last layer (10 for MNIST and Fashion-MNIST).</param>
    public static ModelDescription LeNet5(LeNetVariant variant = LeNetVariant.Modern, int classes = 10)
    {
        if (!Enum.IsDefined(variant)) throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown LeNet variant.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 1.");
        bool classic = variant == LeNetVariant.Classic;
        LayerDescription Activation() => LayerDescription.Activation(classic ? "Tanh" : "ReLU");
        LayerDescription Pool() => new(classic ? "AvgPool2d" : "MaxPool2d", new Dictionary<string, object> { ["kernel"] = 2 });
        LayerDescription Conv(int input, int output, int padding) =>
            new("Conv2d", new Dictionary<string, object> { ["in"] = input, ["out"] = output, ["kernel"] = 5, ["padding"] = padding });
        return new ModelDescription(
        [
            Conv(1, 6, 2), Activation(), Pool(),
            Conv(6, 16, 0), Activation(), Pool(),
            new LayerDescription("Flatten"),
            LayerDescription.Linear(16 * 5 * 5, 120), Activation(),
            LayerDescription.Linear(120, 84), Activation(),
            LayerDescription.Linear(84, classes),
        ], [1, 28, 28]);
    }
}
