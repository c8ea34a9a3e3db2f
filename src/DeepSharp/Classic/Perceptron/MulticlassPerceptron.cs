using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// The multi-class perceptron: one weight vector (with bias) per class, prediction by the arg max
/// of the scores w_c·x + b_c, and on a mistake (true class d, predicted y) the update
/// w_d ← w_d + η x, w_y ← w_y − η x (biases likewise with input 1).
/// </summary>
/// <remarks>
/// It converges when the classes are linearly separable in the multi-class sense (each class
/// wins its own region). Ties go to the lowest class index, so the zero start predicts class 0.
/// <see cref="PerceptronOptions.Activation"/> is not used.
/// </remarks>
public sealed class MulticlassPerceptron
{
    private readonly float[] _weights; // (C, D) row-major
    private readonly float[] _biases;  // (C)

    /// <summary>Creates the perceptron with zero weights.</summary>
    public MulticlassPerceptron(int inputs, int classes, PerceptronOptions? options = null)
    {
        Inputs = Check.Positive(inputs, nameof(inputs));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be at least 2, got {classes}.");
        Classes = classes;
        Options = options ?? new PerceptronOptions();
        _weights = new float[checked(classes * inputs)];
        _biases = new float[classes];
    }

    /// <summary>Number of input features D.</summary>
    public int Inputs { get; }

    /// <summary>Number of classes C.</summary>
    public int Classes { get; }

    /// <summary>The training settings.</summary>
    public PerceptronOptions Options { get; }

    /// <summary>A copy of the weights, <c>(C, D)</c>.</summary>
    public Tensor Weights => Tensor.FromArray(_weights, Classes, Inputs);

    /// <summary>A copy of the biases, <c>(C)</c>.</summary>
    public Tensor Biases => Tensor.FromArray(_biases, Classes);

    /// <summary>The score w_c·x + b_c of every class for one sample, written to <paramref name="scores"/> (length C).</summary>
    public void Scores(ReadOnlySpan<float> x, Span<float> scores)
    {
        if (x.Length != Inputs)
            throw new ArgumentException($"{this}: expected a sample of {Inputs} features, got {x.Length}.", nameof(x));
        if (scores.Length != Classes)
            throw new ArgumentException($"{this}: expected room for {Classes} scores, got {scores.Length}.", nameof(scores));
        for (int c = 0; c < Classes; c++)
        {
            float sum = _biases[c];
            ReadOnlySpan<float> w = _weights.AsSpan(c * Inputs, Inputs);
            for (int i = 0; i < x.Length; i++) sum += w[i] * x[i];
            scores[c] = sum;
        }
    }

    /// <summary>The predicted class of one sample (the first arg max of the scores).</summary>
    public int Predict(ReadOnlySpan<float> x)
    {
        Span<float> scores = Classes <= 256 ? stackalloc float[Classes] : new float[Classes];
        Scores(x, scores);
        int best = 0;
        for (int c = 1; c < Classes; c++)
            if (scores[c] > scores[best]) best = c;
        return best;
    }

    /// <summary>Predicted classes of the rows of <paramref name="inputs"/>.</summary>
    /// <remarks><c>inputs (N, D) -> classes (N)</c>, Int32.</remarks>
    public Tensor Predict(Tensor inputs)
    {
        var (x, n, d) = Check.Matrix(inputs, ToString(), Inputs);
        var classes = new int[n];
        for (int i = 0; i < n; i++) classes[i] = Predict(x.AsSpan(i * d, d));
        return Tensor.Wrap(classes, n);
    }

    /// <summary>One step of the rule on one sample.</summary>
    /// <returns>True when the sample was misclassified (and the weights changed).</returns>
    public bool Update(ReadOnlySpan<float> x, int label)
    {
        if ((uint)label >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(label), label, $"{this}: expected a class in [0, {Classes}), got {label}.");
        int predicted = Predict(x);
        if (predicted == label) return false;
        float eta = Options.LearningRate;
        Span<float> up = _weights.AsSpan(label * Inputs, Inputs), down = _weights.AsSpan(predicted * Inputs, Inputs);
        for (int i = 0; i < x.Length; i++)
        {
            up[i] += eta * x[i];
            down[i] -= eta * x[i];
        }
        _biases[label] += eta;
        _biases[predicted] -= eta;
        return true;
    }

    /// <summary>Trains sample by sample until an epoch makes no mistake or the epoch limit is reached.</summary>
    /// <param name="inputs">Samples, <c>(N, D)</c>.</param>
    /// <param name="labels">Classes in [0, C), Int32 <c>(N)</c>.</param>
    public PerceptronResult Fit(Tensor inputs, Tensor labels)
    {
        var (x, n, d) = Check.Matrix(inputs, $"{this}.Fit", Inputs);
        var y = Check.Labels(labels, n, Classes, $"{this}.Fit");
        return PerceptronTraining.Run(n, Options, i => Update(x.AsSpan(i * d, d), y[i]), i => Predict(x.AsSpan(i * d, d)) == y[i]);
    }

    /// <summary>Describes the model, e.g. <c>MulticlassPerceptron(2 -> 3)</c>.</summary>
    public override string ToString() => $"MulticlassPerceptron({Inputs} -> {Classes})";
}
