using DeepSharp.Backends;
using DeepSharp.Backends.Cuda;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary><c>Module.To(Device)</c> on the devices every machine has: the Reference backend (the
/// oracle) proves the move through the seam; a CUDA device that is not there moves nothing.</summary>
public sealed class ModuleToDeviceTests
{
    private static List<double> Train(Module model, Device device, int steps)
    {
        var rng = new RandomGenerator(4);
        var x = Tensor.Randn([16, 5], rng).To(device);
        var y = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => i % 3).ToArray(), 16).To(device);
        var optimizer = new Adam(model.Parameters(), new AdamOptions(0.01));
        var losses = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        return losses;
    }

    private static Sequential Make() =>
        new Sequential().Add(new Linear(5, 8, rng: new RandomGenerator(7))).Add(new BatchNorm1d(8)).Add(new Tanh()).Add(new Linear(8, 3, rng: new RandomGenerator(8)));

    [Fact]
    public void AModelMovedToTheReferenceBackendKeepsItsTensorsAndTrainsAsOnTheCpu()
    {
        var cpu = Train(Make(), Device.Cpu, 10);
        var model = Make();
        var tensors = model.StateDict().Select(s => s.Value).ToList();
        Assert.Same(model, model.To(Device.Reference));
        Assert.Equal(tensors, model.StateDict().Select(s => s.Value), ReferenceEqualityComparer.Instance);
        Assert.All(model.StateDict(), s => Assert.Equal(Device.Reference, s.Value.Device));
        Assert.All(model.Parameters(), p => Assert.True(p.IsLeaf && p.RequiresGrad));
        var moved = Train(model, Device.Reference, 10);
        for (int i = 0; i < cpu.Count; i++)
            Assert.True(Math.Abs(cpu[i] - moved[i]) <= 1e-4 * (1 + cpu[i]), $"step {i}: cpu {cpu[i]:R}, reference {moved[i]:R}");
        Assert.True(moved[^1] < moved[0], $"the loss did not fall: {moved[0]:F4} -> {moved[^1]:F4}");

        model.To(Device.Cpu);
        Assert.All(model.StateDict(), s => Assert.Equal(Device.Cpu, s.Value.Device));
        Assert.All(model.Parameters(), p => Assert.Equal(Device.Cpu, p.Grad!.Device)); // the gradient moves with its tensor
    }

    [Fact]
    public void AViewOfAParameterCannotBeMovedInPlace()
    {
        var w = Tensor.Ones(4, 4);
        var view = w.Transpose(0, 1);
        var e = Assert.Throws<InvalidOperationException>(() => view.MoveLeafInPlace(BackendRegistry.For(Device.Reference)));
        Assert.Contains("contiguous leaf", e.Message);
    }

    [SkippableFact]
    public void MovingToACudaDeviceThatIsNotThereMovesNothing()
    {
        var probe = CudaDevices.Probe();
        Skip.If(probe.Reason is null, $"this machine has {probe.Devices.Count} CUDA device(s)");
        CudaBackend.Register();
        var model = Make();
        var e = Assert.Throws<DeviceUnavailableException>(() => model.To(Device.Cuda(0)));
        Assert.StartsWith("no CUDA device: ", e.Message);
        Assert.All(model.StateDict(), s => Assert.Equal(Device.Cpu, s.Value.Device));
    }
}
