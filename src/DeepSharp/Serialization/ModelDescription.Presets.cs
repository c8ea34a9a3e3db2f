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
}
