using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// Rosenblatt's perceptron: one threshold unit y = f(w·x + b) over D inputs, where the bias b is
/// the weight of an extra input fixed at 1. Trained sample by sample with the rule
/// w ← w + η (d − y) x (and b ← b + η (d − y)), which changes the weights only on mistakes.
/// </summary>
/// <remarks>
/// Classes are 0 and 1. With <see cref="PerceptronActivation.Step"/> the desired output d is the
/// class; with <see cref="PerceptronActivation.Sign"/> it is −1 or +1. By the perceptron
/// convergence theorem training stops with no mistakes on linearly separable data; on data that
/// are not (XOR) it runs until <see cref="PerceptronOptions.MaxEpochs"/> and reports that.
/// Weights start at zero, so training is deterministic (shuffling is seeded).
/// </remarks>
public sealed class Perceptron
{
    private readonly float[] _weights;
    private float _bias;

    /// <summary>Creates a perceptron over <paramref name="inputs"/> features with zero weights.</summary>
    public Perceptron(int inputs, PerceptronOptions? options = null)
    {
        Inputs = Check.Positive(inputs, nameof(inputs));
        Options = options ?? new PerceptronOptions();
        _weights = new float[inputs];
    }

    /// <summary>Number of input features D.</summary>
    public int Inputs { get; }

    /// <summary>The training settings.</summary>
    public PerceptronOptions Options { get; }

    /// <summary>The input weights w (length D).</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>The bias b: the weight of the constant input 1.</summary>
    public float Bias => _bias;

    /// <summary>Overwrites the weights and bias (e.g. to start from a hand-chosen point).</summary>
    public void SetWeights(ReadOnlySpan<float> weights, float bias)
    {
        if (weights.Length != Inputs)
            throw new ArgumentException($"Perceptron({Inputs}): expected {Inputs} weights, got {weights.Length}.", nameof(weights));
        weights.CopyTo(_weights);
        _bias = bias;
    }

    /// <summary>The net input w·x + b.</summary>
    public float NetInput(ReadOnlySpan<float> x)
    {
        CheckSample(x);
        float sum = _bias;
        for (int i = 0; i < x.Length; i++) sum += _weights[i] * x[i];
        return sum;
    }

    /// <summary>The unit's output: 0/1 (step) or −1/+1 (sign); the threshold counts as firing.</summary>
    public float Output(ReadOnlySpan<float> x) => Fire(NetInput(x));

    /// <summary>The predicted class (0 or 1) of one sample.</summary>
    public int Predict(ReadOnlySpan<float> x) => NetInput(x) >= 0 ? 1 : 0;

    /// <summary>Predicted classes of the rows of <paramref name="inputs"/>.</summary>
    /// <remarks><c>inputs (N, D) -> classes (N)</c>, Int32.</remarks>
    public Tensor Predict(Tensor inputs)
    {
        var (x, n, d) = Check.Matrix(inputs, ToString(), Inputs);
        var classes = new int[n];
        for (int i = 0; i < n; i++) classes[i] = Predict(x.AsSpan(i * d, d));
        return Tensor.Wrap(classes, n);
    }

    /// <summary>One step of the learning rule on one sample: w ← w + η (d − y) x, b ← b + η (d − y).</summary>
    /// <param name="x">The sample (length D).</param>
    /// <param name="label">Its class, 0 or 1.</param>
    /// <returns>True when the sample was misclassified (and the weights changed).</returns>
    public bool Update(ReadOnlySpan<float> x, int label)
    {
        if (label is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(label), label, $"{this}: expected class 0 or 1, got {label}.");
        float y = Output(x);
        float d = Desired(label);
        if (y == d) return false;
        float step = Options.LearningRate * (d - y);
        for (int i = 0; i < x.Length; i++) _weights[i] += step * x[i];
        _bias += step;
        return true;
    }

    /// <summary>Trains sample by sample, epoch after epoch, until an epoch makes no mistake or
    /// <see cref="PerceptronOptions.MaxEpochs"/> is reached. Continues from the current weights.</summary>
    /// <param name="inputs">Samples, <c>(N, D)</c>.</param>
    /// <param name="labels">Classes 0 or 1, Int32 <c>(N)</c>.</param>
    public PerceptronResult Fit(Tensor inputs, Tensor labels)
    {
        var (x, n, d) = Check.Matrix(inputs, $"{this}.Fit", Inputs);
        var y = Check.Labels(labels, n, 2, $"{this}.Fit");
        return PerceptronTraining.Run(n, Options, i => Update(x.AsSpan(i * d, d), y[i]), i => Predict(x.AsSpan(i * d, d)) == y[i]);
    }

    /// <summary>Describes the unit, e.g. <c>Perceptron(2 -> 1, Step)</c>.</summary>
    public override string ToString() => $"Perceptron({Inputs} -> 1, {Options.Activation})";

    private float Fire(float net) => Options.Activation == PerceptronActivation.Step
        ? (net >= 0 ? 1f : 0f)
        : (net >= 0 ? 1f : -1f);

    private float Desired(int label) => Options.Activation == PerceptronActivation.Step ? label : 2 * label - 1;

    private void CheckSample(ReadOnlySpan<float> x)
    {
        if (x.Length != Inputs)
            throw new ArgumentException($"{this}: expected a sample of {Inputs} features, got {x.Length}.", nameof(x));
    }
}
