using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Models
{
    /// <summary>A multilayer perceptron: Linear(inputs, h1), activation, ..., Linear(hk, outputs), with no
    /// activation after the last layer (pair it with a loss that takes logits); with no hidden layer it is
    /// a single Linear layer (the single-layer perceptron trained by gradient descent).</summary>
    /// <param name="inputs">Input features (at least 1).</param>
    /// <param name="hidden">Hidden layer sizes, possibly none.</param>
    /// <param name="outputs">Output features, e.g. the number of classes (at least 1).</param>
    /// <param name="activation">Makes the activation after each hidden layer; <see cref="Relu"/> when null.</param>
    /// <param name="rng">Initializes every layer in order; <see cref="RandomGenerator.Default"/> when null.</param>
    /// <remarks>input (N, inputs) -> output (N, outputs).</remarks>
    public static Sequential Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, Func<Module>? activation = null, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be at least 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be at least 1.");
        for (int i = 0; i < hidden.Count; i++)
            if (hidden[i] < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"hidden layer {i} must have at least 1 unit.");
        rng ??= RandomGenerator.Default;
        activation ??= () => new Relu();
        var model = new Sequential();
        int previous = inputs;
        foreach (int size in hidden)
        {
            model.Add(new Linear(previous, size, rng: rng));
            model.Add(activation());
            previous = size;
        }
        return model.Add(new Linear(previous, outputs, rng: rng));
    }
}
