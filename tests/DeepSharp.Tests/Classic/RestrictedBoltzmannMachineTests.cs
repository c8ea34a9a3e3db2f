using DeepSharp.Autograd;
using DeepSharp.Classic;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

public class RestrictedBoltzmannMachineTests
{
    private static readonly float Ln3 = MathF.Log(3f); // σ(ln 3) = 3/4, σ(−ln 3) = 1/4

    /// <summary>The 3x2 machine of the hand-worked examples: W = [[ln3, 0], [0, 0], [0, −ln3]], b = c = 0.</summary>
    private static RestrictedBoltzmannMachine HandMachine()
    {
        var rbm = new RestrictedBoltzmannMachine(3, 2, new RandomGenerator(0));
        using (GradMode.NoGrad()) rbm.Weights.CopyFrom(Tensor.FromArray(new[] { Ln3, 0f, 0f, 0f, 0f, -Ln3 }, 3, 2));
        return rbm;
    }

    private static RestrictedBoltzmannMachine CopyOf(RestrictedBoltzmannMachine rbm)
    {
        var copy = new RestrictedBoltzmannMachine(rbm.Visible, rbm.Hidden, new RandomGenerator(0));
        using (GradMode.NoGrad()) copy.Weights.CopyFrom(rbm.Weights);
        using (GradMode.NoGrad()) copy.VisibleBias.CopyFrom(rbm.VisibleBias);
        using (GradMode.NoGrad()) copy.HiddenBias.CopyFrom(rbm.HiddenBias);
        return copy;
    }

    private static void AssertClose(float[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var a = actual.ToArray<float>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {a[i]}");
    }

    [Fact]
    public void ConditionalProbabilitiesMatchHandComputation()
    {
        var rbm = HandMachine();
        var v = Tensor.FromArray(new float[] { 1, 0, 1 }, 1, 3);
        // p(h | v) = σ(vW + c) = σ(ln3 + 0, 0 − ln3) = (3/4, 1/4)
        AssertClose([0.75f, 0.25f], rbm.HiddenProbabilities(v));
        // p(v | h = (1, 0)) = σ(W h + b) = σ(ln3, 0, 0) = (3/4, 1/2, 1/2)
        AssertClose([0.75f, 0.5f, 0.5f], rbm.VisibleProbabilities(Tensor.FromArray(new float[] { 1, 0 }, 1, 2)));
        var sample = rbm.Gibbs(Tensor.Ones(4, 3), 3, new RandomGenerator(1)).ToArray<float>();
        Assert.All(sample, x => Assert.True(x is 0f or 1f));
    }

    [Fact]
    public void Cd1StochasticUpdateMatchesHandWorkedNumbers()
    {
        var rbm = HandMachine();
        // Injected uniforms: hidden draws (0.6, 0.3), then visible draws (0.8, 0.4, 0.6).
        var draws = new Queue<float>([0.6f, 0.3f, 0.8f, 0.4f, 0.6f]);
        var cd = new ContrastiveDivergence(rbm, new RbmTrainingOptions { LearningRate = 0.1f, BatchSize = 1 },
            new RandomGenerator(0), () => draws.Dequeue());
        cd.Step(Tensor.FromArray(new float[] { 1, 0, 1 }, 1, 3));
        Assert.Empty(draws);
        // Positive phase: v⁰ = (1, 0, 1), p⁰ = p(h | v⁰) = (0.75, 0.25).
        // h⁰ sample: 0.6 < 0.75 -> 1, 0.3 < 0.25 is false -> 0, so h⁰ = (1, 0).
        // p(v | h⁰) = (0.75, 0.5, 0.5); draws 0.8, 0.4, 0.6 give v¹ = (0, 1, 0).
        // p¹ = p(h | v¹) = σ(0, 0) = (0.5, 0.5).
        // ΔW = η (v⁰ᵀp⁰ − v¹ᵀp¹) = 0.1 ([[.75, .25], [0, 0], [.75, .25]] − [[0, 0], [.5, .5], [0, 0]])
        //    = [[0.075, 0.025], [−0.05, −0.05], [0.075, 0.025]]
        AssertClose([Ln3 + 0.075f, 0.025f, -0.05f, -0.05f, 0.075f, -Ln3 + 0.025f], rbm.Weights);
        // Δb = η (v⁰ − v¹) = 0.1 (1, −1, 1); Δc = η (p⁰ − p¹) = 0.1 (0.25, −0.25)
        AssertClose([0.1f, -0.1f, 0.1f], rbm.VisibleBias);
        AssertClose([0.025f, -0.025f], rbm.HiddenBias);
    }

    [Fact]
    public void Cd1MeanFieldUpdateWithWeightDecayMatchesClosedForm()
    {
        var rbm = HandMachine();
        var cd = new ContrastiveDivergence(rbm, new RbmTrainingOptions
        {
            LearningRate = 0.1f, WeightDecay = 0.1f, Sampling = RbmSampling.MeanField, BatchSize = 1,
        }, new RandomGenerator(0), () => throw new InvalidOperationException("mean-field mode must not sample"));
        cd.Step(Tensor.FromArray(new float[] { 1, 0, 1 }, 1, 3));
        // p⁰ = (0.75, 0.25); v¹ = p(v | p⁰) = σ(0.75 ln3, 0, −0.25 ln3) ≈ (0.695076, 0.5, 0.431765);
        // p¹ = p(h | v¹) = σ(0.695076 ln3, −0.431765 ln3) ≈ (0.682139, 0.383589).
        double s(double x) => 1 / (1 + Math.Exp(-x));
        double l = Math.Log(3);
        double[] v0 = [1, 0, 1], p0 = [0.75, 0.25];
        double[] v1 = [s(0.75 * l), 0.5, s(-0.25 * l)];
        double[] p1 = [s(v1[0] * l), s(-v1[2] * l)];
        double[] w0 = [l, 0, 0, 0, 0, -l];
        var expectedW = new float[6];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                expectedW[i * 2 + j] = (float)(w0[i * 2 + j] + 0.1 * (v0[i] * p0[j] - v1[i] * p1[j] - 0.1 * w0[i * 2 + j]));
        // e.g. ΔW₀₀ = 0.1 (0.75 − 0.695076·0.682139 − 0.1 ln3) ≈ 0.016600
        Assert.Equal(0.016600, rbm.Weights.ToArray<float>()[0] - l, 5); // the machine, against the hand figure
        AssertClose(expectedW, rbm.Weights);
        AssertClose([(float)(0.1 * (1 - v1[0])), -0.05f, (float)(0.1 * (1 - v1[2]))], rbm.VisibleBias);
        AssertClose([(float)(0.1 * (0.75 - p1[0])), (float)(0.1 * (0.25 - p1[1]))], rbm.HiddenBias);
    }

    [Fact]
    public void MomentumAddsThePreviousStep()
    {
        var batch = Tensor.FromArray(new float[] { 1, 0, 1, 0, 1, 1 }, 2, 3);
        var options = new RbmTrainingOptions { LearningRate = 0.2f, Sampling = RbmSampling.MeanField, BatchSize = 2 };
        var withMomentum = HandMachine();
        var a = new ContrastiveDivergence(withMomentum, options with { Momentum = 0.5f });
        var w0 = withMomentum.Weights.ToArray<float>();
        a.Step(batch);
        var w1 = withMomentum.Weights.ToArray<float>();
        // Plain CD from the same point gives the bare second step η∇W.
        var plain = CopyOf(withMomentum);
        new ContrastiveDivergence(plain, options).Step(batch);
        var bare = plain.Weights.ToArray<float>();
        a.Step(batch);
        var w2 = withMomentum.Weights.ToArray<float>();
        for (int i = 0; i < w2.Length; i++)
            Assert.Equal(w1[i] + 0.5f * (w1[i] - w0[i]) + (bare[i] - w1[i]), w2[i], 5);
    }

    [Fact]
    public void FreeEnergyMatchesBruteForceSumOverHiddenStates()
    {
        var rng = new RandomGenerator(7);
        var rbm = new RestrictedBoltzmannMachine(3, 4, rng, initStd: 1.0);
        using (GradMode.NoGrad()) rbm.VisibleBias.CopyFrom(Tensor.Randn([3], rng));
        using (GradMode.NoGrad()) rbm.HiddenBias.CopyFrom(Tensor.Randn([4], rng));
        var all = new float[8 * 3];
        for (int v = 0; v < 8; v++)
            for (int i = 0; i < 3; i++) all[v * 3 + i] = (v >> i) & 1;
        var free = rbm.FreeEnergy(Tensor.FromArray(all, 8, 3)).ToArray<double>();
        for (int v = 0; v < 8; v++)
        {
            // F(v) = −log Σ_h exp(−E(v, h)) over the 16 hidden configurations.
            double z = 0;
            for (int h = 0; h < 16; h++)
            {
                float[] hidden = [h & 1, (h >> 1) & 1, (h >> 2) & 1, (h >> 3) & 1];
                z += Math.Exp(-rbm.Energy(all.AsSpan(v * 3, 3), hidden));
            }
            Assert.Equal(-Math.Log(z), free[v], 1e-5); // float pre-activations: ~1e-7 relative
        }
    }

    /// <summary>Three 16-pixel binary prototypes with 5% of pixels flipped per sample.</summary>
    private static Tensor Prototypes(int n, RandomGenerator rng)
    {
        string[] protos = ["1111000011110000", "0000111100001111", "1010101010101010"];
        var x = new float[n * 16];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < 16; i++)
            {
                float bit = protos[r % 3][i] - '0';
                x[r * 16 + i] = rng.NextDouble() < 0.05 ? 1 - bit : bit;
            }
        return Tensor.FromArray(x, n, 16);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    public void ReconstructionErrorFallsDuringTraining(bool persistent, int k)
    {
        var rng = new RandomGenerator(11);
        var data = Prototypes(300, rng);
        var rbm = new RestrictedBoltzmannMachine(16, 8, rng);
        double before = rbm.ReconstructionError(data);
        var cd = new ContrastiveDivergence(rbm, new RbmTrainingOptions
        {
            LearningRate = 0.1f, CdSteps = k, Persistent = persistent, Momentum = 0.5f, BatchSize = 10, Epochs = 30,
        }, rng);
        var errors = cd.Fit(data);
        Assert.Equal(30, errors.Count);
        Assert.True(before > 0.2, $"untrained error {before}");
        Assert.True(errors[^1] < errors[0], $"{errors[0]} -> {errors[^1]}");
        double after = rbm.ReconstructionError(data);
        Assert.True(after < 0.08, $"trained reconstruction error {after} (untrained {before})");
        // Training lowers the free energy of the data relative to random vectors.
        double fData = rbm.FreeEnergy(data).ToArray<double>().Average();
        double fNoise = rbm.FreeEnergy(Tensor.Rand([300, 16], rng).Gt(0.5)).ToArray<double>().Average();
        Assert.True(fData < fNoise - 1, $"F(data) {fData}, F(noise) {fNoise}");
        Assert.Equal(persistent, cd.PersistentChains is not null);
    }

    [Fact]
    public void InvalidOptionsAndInputsThrow()
    {
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new RbmTrainingOptions { LearningRate = -1 }).ParamName);
        Assert.Equal("CdSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new RbmTrainingOptions { CdSteps = 0 }).ParamName);
        Assert.Equal("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new RbmTrainingOptions { Momentum = 1 }).ParamName);
        Assert.Equal("WeightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new RbmTrainingOptions { WeightDecay = -0.1f }).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new RbmTrainingOptions { BatchSize = 0 }).ParamName);
        var rbm = new RestrictedBoltzmannMachine(3, 2, new RandomGenerator(0));
        var ex = Assert.Throws<ArgumentException>(() => rbm.HiddenProbabilities(Tensor.Zeros(2, 4)));
        Assert.Contains("expected (N, 3), got (2, 4)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveDivergence(rbm).Step(Tensor.Full([1, 3], 2.0)));
    }
}
