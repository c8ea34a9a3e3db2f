using DeepSharp.Autograd;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Optim;

public class OptimizerBehaviourTests
{
    private static Tensor Param(params float[] values) => Tensor.FromArray(values).RequireGrad();

    private static void SetGrad(Tensor p, params float[] g) => p.Grad = Tensor.FromArray(g);

    [Fact]
    public void GroupsHaveTheirOwnLearningRateAndWeightDecay()
    {
        var w = Param(1, 1);
        var bias = Param(1);
        var sgd = new Sgd([new ParameterGroup([w]), new ParameterGroup([bias], learningRate: 0.5, weightDecay: 0)],
            new SgdOptions(0.1, weightDecay: 1));
        Assert.Equal(0.1, sgd.Groups[0].LearningRate);
        Assert.Equal(1, sgd.Groups[0].WeightDecay);
        Assert.Equal(0.5, sgd.Groups[1].LearningRate);
        SetGrad(w, 1, 0);
        SetGrad(bias, 1);
        sgd.Step();
        // w: d = g + 1 * w = (2, 1): w = (0.8, 0.9);  bias: d = 1: bias = 0.5
        Assert.Equal(new[] { 0.8f, 0.9f }, w.ToArray<float>());
        Assert.Equal(0.5f, bias.Item<float>());
        sgd.LearningRate = 0.01;
        Assert.All(sgd.Groups, g => Assert.Equal(0.01, g.LearningRate));
        Assert.Equal(0.5, sgd.Groups[1].InitialLearningRate);
    }

    [Fact]
    public void ParametersWithoutGradientAreSkipped()
    {
        var a = Param(1);
        var b = Param(1);
        var adam = new Adam([a, b], new AdamOptions(0.1));
        SetGrad(a, 1);
        adam.Step();
        Assert.Equal(0.9f, a.Item<float>(), 6);
        Assert.Equal(1f, b.Item<float>());
        Assert.Equal([1, 0], adam.GetState().ParameterSteps);
        adam.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void ZeroGradCanKeepTheTensors()
    {
        var a = Param(1, 2);
        var sgd = new Sgd([a], new SgdOptions(0.1));
        SetGrad(a, 3, 4);
        var g = a.Grad;
        sgd.ZeroGrad(setToNone: false);
        Assert.Same(g, a.Grad);
        Assert.Equal(new[] { 0f, 0f }, a.Grad!.ToArray<float>());
    }

    public static TheoryData<string> Kinds => new(["Sgd", "Adam", "AdamW", "RmsProp", "AdaGrad"]);

    private static Optimizer Create(string kind, Tensor[] ps) => kind switch
    {
        "Sgd" => new Sgd(ps, new SgdOptions(0.05, momentum: 0.9, nesterov: true)),
        "Adam" => new Adam(ps, new AdamOptions(0.05)),
        "AdamW" => new AdamW(ps, new AdamOptions(0.05, weightDecay: 0.1)),
        "RmsProp" => new RmsProp(ps, new RmsPropOptions(0.01, momentum: 0.5, centered: true)),
        _ => new AdaGrad(ps, new AdaGradOptions(0.1, initialAccumulatorValue: 0.1)),
    };

    private static void Steps(Optimizer o, Tensor[] ps, int from, int count)
    {
        for (int t = from; t < from + count; t++)
        {
            foreach (var p in ps)
            {
                var v = p.ToArray<float>();
                p.Grad = Tensor.FromArray(v.Select((x, i) => x * (1 + i) - 0.3f * t).ToArray());
            }
            o.Step();
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void StateRoundTripContinuesIdentically(string kind)
    {
        Tensor[] Fresh() => [Param(1, -2, 3), Param(0.5f, 0.25f)];
        var ps = Fresh();
        var o = Create(kind, ps);
        Steps(o, ps, 0, 3);
        var state = o.GetState();
        Assert.Equal(3, state.StepCount);

        var ps2 = Fresh();
        using (GradMode.NoGrad()) for (int i = 0; i < ps.Length; i++) ps2[i].CopyFrom(ps[i]);
        var o2 = Create(kind, ps2);
        o2.SetState(state);
        Steps(o, ps, 3, 2);
        Steps(o2, ps2, 3, 2);
        for (int i = 0; i < ps.Length; i++) Assert.Equal(ps[i].ToArray<float>(), ps2[i].ToArray<float>());
        Assert.Equal(5, o2.StepCount);
        // The exported arrays are copies: later steps do not change them.
        Assert.Equal(3, state.StepCount);
        Assert.NotEqual(o.GetState().Buffers.Values.First(), state.Buffers.Values.First());
    }

    [Fact]
    public void MismatchedStateIsRejected()
    {
        var p = Param(1, 2);
        var adam = new Adam([p]);
        SetGrad(p, 1, 1);
        adam.Step();
        var state = adam.GetState();
        Assert.Contains("0.exp_avg", state.Buffers.Keys);
        Assert.Contains("0.exp_avg_sq", state.Buffers.Keys);
        var other = new Sgd([Param(1, 2)], new SgdOptions(0.1, momentum: 0.9));
        var ex = Assert.Throws<ArgumentException>(() => other.SetState(state));
        Assert.Contains("exp_avg", ex.Message);
        var tooShort = state with { Buffers = new Dictionary<string, float[]> { ["0.exp_avg"] = [1] } };
        Assert.Throws<ArgumentException>(() => new Adam([Param(1, 2)]).SetState(tooShort));
        Assert.Throws<ArgumentException>(() => new Adam([Param(1, 2), Param(3)]).SetState(state));
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void StepAllocatesNothingInSteadyState(string kind)
    {
        Skip.If(Device.Default == Device.Reference,
            "The reference backend allocates dense copies in every operation by design; the allocation budget is a property of the CPU kernels.");
        var rng = new RandomGenerator(1);
        Tensor[] ps = [Tensor.Randn([64, 33], rng).RequireGrad(), Tensor.Randn([33], rng).RequireGrad()];
        foreach (var p in ps) p.Grad = Tensor.Randn(p.ShapeArray, rng);
        var o = Create(kind, ps);
        o.Step();
        o.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) o.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OptionsAreValidatedNamingTheOption()
    {
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(-0.1)).ParamName);
        Assert.Equal("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(0.1, momentum: 1)).ParamName);
        Assert.Equal("Dampening", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(0.1) with { Dampening = 2 }).ParamName);
        Assert.Equal("Beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions(beta2: 1)).ParamName);
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions(epsilon: 0)).ParamName);
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions(alpha: -1)).ParamName);
        Assert.Equal("LearningRateDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGradOptions(learningRateDecay: double.NaN)).ParamName);
        var nesterov = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([Param(1)], new SgdOptions(0.1, nesterov: true)));
        Assert.Equal("Nesterov", nesterov.ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([Param(1)], new SgdOptions(0.1)).LearningRate = -1).ParamName);
    }

    [Fact]
    public void InvalidParametersAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>()));
        var p = Param(1);
        Assert.Throws<ArgumentException>(() => new Adam([p, p]));
        Assert.Throws<ArgumentException>(() => new Adam([Tensor.Zeros([2], DType.Float64).RequireGrad()]));
        var group = new ParameterGroup([Param(1)]);
        _ = new Sgd([group], new SgdOptions(0.1));
        Assert.Throws<InvalidOperationException>(() => new Sgd([group], new SgdOptions(0.1)));
        var q = Param(1, 2);
        var sgd = new Sgd([q], new SgdOptions(0.1));
        q.Grad = Tensor.FromArray(new float[] { 1, 2, 3 });
        var ex = Assert.Throws<InvalidOperationException>(() => sgd.Step());
        Assert.Contains("(3,)", ex.Message);
    }
}
