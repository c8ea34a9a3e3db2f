using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Fusion as an explicit, inspectable step of Sequential.</summary>
public class FusionPlanTests
{
    [Fact]
    public void LeNetFusesEachConvAndLinearWithItsActivation()
    {
        var net = Models.LeNet5(LeNetVariant.Modern, new RandomGenerator(1));
        // conv+relu, pool, conv+relu, pool, flatten, linear+relu, linear+relu, linear
        Assert.Equal([(0, 2), (2, 1), (3, 2), (5, 1), (6, 1), (7, 2), (9, 2), (11, 1)], net.Plan.Steps);
        Assert.Equal(4, net.Plan.FusedCount);
    }

    [Fact]
    public void FusedAndUnfusedGiveTheSameValuesAndGradients()
    {
        var rng = new RandomGenerator(3);
        var net = new Sequential(new Linear(5, 7, rng: rng), new Tanh(), new Linear(7, 3, rng: rng), new Sigmoid(), new Linear(3, 2, rng: rng), new Relu());
        var x = Tensor.Randn([4, 5], rng);
        var fused = net.Forward(x);
        fused.Sum().Backward();
        var fusedGrad = net.Parameters().First().Grad!.ToArray<float>();
        net.ZeroGrad();
        net.FuseActivations = false;
        Assert.Equal(0, net.Plan.FusedCount);
        var plain = net.Forward(x);
        plain.Sum().Backward();
        Assert.Equal(fused.ToArray<float>(), plain.ToArray<float>(), (a, b) => Math.Abs(a - b) <= 1e-6f);
        Assert.Equal(fusedGrad, net.Parameters().First().Grad!.ToArray<float>(), (a, b) => Math.Abs(a - b) <= 1e-5f);
    }

    [Fact]
    public void AddingALayerReplans()
    {
        var net = new Sequential(new Linear(2, 2));
        Assert.Equal(0, net.Plan.FusedCount);
        net.Add(new Relu());
        Assert.Equal(1, net.Plan.FusedCount);
    }
}
