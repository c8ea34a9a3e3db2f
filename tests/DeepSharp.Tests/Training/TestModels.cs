using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Training;

/// <summary>y = x Wᵀ + b built from tensor operations (independent of the Nn layers).</summary>
internal sealed class AffineModel : Module
{
    public AffineModel(int inFeatures, int outFeatures, RandomGenerator rng, double std = 0.1)
    {
        Weight = RegisterParameter("weight", Tensor.Randn([outFeatures, inFeatures], rng, std: std));
        Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
    }

    public Tensor Weight { get; }
    public Tensor Bias { get; }

    public override Tensor Forward(Tensor input) => input.MatMul(Weight.T) + Bias;
}

/// <summary>A one-hidden-layer tanh network built from tensor operations.</summary>
internal sealed class TanhMlp : Module
{
    private readonly AffineModel _hidden;
    private readonly AffineModel _output;

    public TanhMlp(int inFeatures, int hidden, int outFeatures, RandomGenerator rng)
    {
        _hidden = RegisterModule("hidden", new AffineModel(inFeatures, hidden, rng, std: 1.0 / Math.Sqrt(inFeatures)));
        _output = RegisterModule("output", new AffineModel(hidden, outFeatures, rng, std: 1.0 / Math.Sqrt(hidden)));
    }

    public override Tensor Forward(Tensor input) => _output.Forward(_hidden.Forward(input).Tanh());
}

/// <summary>Losses written with tensor operations.</summary>
internal static class TestLosses
{
    public static Tensor Mse(Tensor prediction, Tensor target) => (prediction - target).Square().Mean();

    /// <summary>Mean cross-entropy of logits (N, C) against Int32 class indices (N).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        var logProbabilities = logits - logits.LogSumExp([1], keepDim: true);
        return -logProbabilities.Gather(1, target.Unsqueeze(1)).Mean();
    }
}

/// <summary>A progress sink that records reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class ListProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];
    public void Report(T value) => Reports.Add(value);
}
