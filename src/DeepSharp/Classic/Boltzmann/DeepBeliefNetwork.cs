using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// A deep belief network as used for pretraining (Hinton, Osindero and Teh 2006; Hinton and
/// Salakhutdinov 2006): a stack of <see cref="RestrictedBoltzmannMachine"/>s trained greedily,
/// layer by layer, each on the hidden probabilities of the one below, then unrolled into a
/// feed-forward sigmoid network with a softmax output and fine-tuned by backpropagation.
/// </summary>
/// <remarks>
/// Layer sizes [V, H1, ..., Hk] give RBMs (V, H1), (H1, H2), ...; the classifier is
/// Linear(V → H1), Sigmoid, ..., Linear(H(k−1) → Hk), Sigmoid, Linear(Hk → C), whose output
/// logits go to a cross-entropy loss (the softmax is folded into the loss).
/// </remarks>
public sealed class DeepBeliefNetwork
{
    private readonly RestrictedBoltzmannMachine[] _layers;

    /// <summary>Creates the stack with small random weights (see <see cref="RestrictedBoltzmannMachine"/>).</summary>
    /// <param name="layerSizes">Units per layer, visible first: at least two sizes.</param>
    /// <param name="rng">Draws the initial weights.</param>
    /// <param name="initStd">Standard deviation of the initial RBM weights.</param>
    public DeepBeliefNetwork(IReadOnlyList<int> layerSizes, RandomGenerator rng, double initStd = 0.01)
    {
        LayerSizes = CheckSizes(layerSizes);
        ArgumentNullException.ThrowIfNull(rng);
        _layers = new RestrictedBoltzmannMachine[layerSizes.Count - 1];
        for (int i = 0; i < _layers.Length; i++)
            _layers[i] = new RestrictedBoltzmannMachine(layerSizes[i], layerSizes[i + 1], rng, initStd);
    }

    /// <summary>Units per layer, visible first.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The RBMs, bottom first.</summary>
    public IReadOnlyList<RestrictedBoltzmannMachine> Layers => _layers;

    /// <summary>Greedy layer-wise pretraining: trains each RBM in turn with contrastive divergence
    /// on the hidden probabilities p(h | v) that the trained layers below produce from <paramref name="data"/>.</summary>
    /// <param name="data">Training vectors <c>(N, V)</c>, values in [0, 1].</param>
    /// <param name="options">CD settings used for every layer.</param>
    /// <param name="rng">Draws the Gibbs samples and batch orders.</param>
    /// <param name="onEpoch">Called after each epoch with the layer index (from 0), the epoch (from 1) and its reconstruction error.</param>
    /// <returns>Per layer, the reconstruction error of each epoch.</returns>
    public IReadOnlyList<IReadOnlyList<double>> Pretrain(Tensor data, RbmTrainingOptions options, RandomGenerator rng,
        Action<int, int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var input = data;
        var history = new List<IReadOnlyList<double>>();
        for (int layer = 0; layer < _layers.Length; layer++)
        {
            int current = layer;
            var cd = new ContrastiveDivergence(_layers[layer], options, rng);
            history.Add(cd.Fit(input, onEpoch is null ? null : (epoch, error) => onEpoch(current, epoch, error)));
            if (layer + 1 < _layers.Length) input = _layers[layer].HiddenProbabilities(input);
        }
        return history;
    }

    /// <summary>The top layer's hidden probabilities, propagated up the stack.</summary>
    /// <remarks><c>data (N, V) -> (N, Hk)</c>.</remarks>
    public Tensor Transform(Tensor data)
    {
        var x = data;
        foreach (var rbm in _layers) x = rbm.HiddenProbabilities(x);
        return x;
    }

    /// <summary>Unrolls the stack into a classifier initialised from the RBMs: each Linear gets
    /// weight Wᵀ and bias c of its RBM (so its sigmoid outputs p(h | v)); the output
    /// Linear(Hk → <paramref name="classes"/>) is freshly initialised from <paramref name="rng"/>.</summary>
    public Sequential ToClassifier(int classes, RandomGenerator rng)
    {
        var model = CreateClassifier(LayerSizes, classes, rng);
        for (int i = 0; i < _layers.Length; i++)
        {
            var linear = (Linear)model[2 * i];
            using var noGrad = GradMode.NoGrad();
            linear.Weight.CopyFrom(_layers[i].Weights.T);
            linear.Bias!.CopyFrom(_layers[i].HiddenBias);
        }
        return model;
    }

    /// <summary>The same architecture as <see cref="ToClassifier"/> with every layer randomly
    /// initialised (the default <see cref="Linear"/> initialisation): the baseline without pretraining.</summary>
    /// <param name="layerSizes">Units per layer, input first.</param>
    /// <param name="classes">Output classes C (at least 2).</param>
    /// <param name="rng">Draws the initial weights.</param>
    public static Sequential CreateClassifier(IReadOnlyList<int> layerSizes, int classes, RandomGenerator rng)
    {
        CheckSizes(layerSizes);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be at least 2, got {classes}.");
        ArgumentNullException.ThrowIfNull(rng);
        var model = new Sequential();
        for (int i = 0; i + 1 < layerSizes.Count; i++)
        {
            model.Add(new Linear(layerSizes[i], layerSizes[i + 1], rng: rng));
            model.Add(new Sigmoid());
        }
        model.Add(new Linear(layerSizes[^1], classes, rng: rng));
        return model;
    }

    /// <summary>Describes the stack, e.g. <c>DBN(784-256-64)</c>.</summary>
    public override string ToString() => $"DBN({string.Join("-", LayerSizes)})";

    private static int[] CheckSizes(IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2 || layerSizes.Any(s => s < 1))
            throw new ArgumentOutOfRangeException(nameof(layerSizes), $"layerSizes must hold at least two positive sizes (visible first), got [{string.Join(", ", layerSizes)}].");
        return [.. layerSizes];
    }
}
