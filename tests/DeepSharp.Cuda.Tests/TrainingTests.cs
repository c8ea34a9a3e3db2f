using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Backends.Cuda;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cuda.Tests;

/// <summary>The backend through the whole engine: tensors and models on <c>Device.Cuda(0)</c> (the
/// simulation), gradient checks of the backward kernels in Float64, and seeded training runs that
/// must give the CPU backend's losses.</summary>
public sealed class TrainingTests
{
    private static Device Cuda
    {
        get
        {
            _ = Simulated.Backend; // registers the simulation as cuda:N
            return Device.Cuda(0);
        }
    }

    [Fact]
    public void CudaDeviceResolvesToTheRegisteredBackendAndTensorsRoundTrip()
    {
        var x = Tensor.FromArray(new float[] { 1, -2, 3, 4, -5, 6 }, 2, 3);
        var g = x.To(Cuda);
        Assert.Equal(Cuda, g.Device);
        Assert.Same(Simulated.Backend, BackendRegistry.For(g.Device));
        var y = (g.Relu() * 2).Sum(1).To(Device.Cpu);
        Assert.Equal(new float[] { 8, 20 }, y.ToArray<float>());
        var e = Assert.Throws<InvalidOperationException>(() => g.AsSpan<float>());
        Assert.Contains("cuda:0", e.Message);
    }

    [Fact]
    public void GradientsOfTheGpuKernelsPassFloat64GradCheck()
    {
        var rng = new RandomGenerator(3);
        var x = Tensor.Randn([2, 1, 4, 4], rng, DType.Float64);
        var w = Tensor.Randn([2, 1, 3, 3], rng, DType.Float64);
        var b = Tensor.Randn([2], rng, DType.Float64);
        var fw = Tensor.Randn([4, 8], rng, DType.Float64);
        var target = Tensor.FromArray(new[] { 1, 3 }, 2);
        Tensor Net(Tensor[] t)
        {
            var d = t.Select(v => v.To(Cuda)).ToArray();
            var h = ConvFunctional.Conv2d(d[0], d[1], d[2], stride: 1, padding: 1, activation: Activation.Tanh);
            h = ConvFunctional.MaxPool2d(h, 2, stride: 2);                       // (2, 2, 2, 2)
            h = Functional.Linear(h.Flatten(1), d[3]);                       // (2, 4)
            return Functional.CrossEntropy(h, d[4], labelSmoothing: 0.1).To(Device.Cpu);
        }
        var result = GradCheck.Check(Net, [x, w, b, fw, target]);
        Assert.True(result.Passed, result.ToString());
    }

    private static List<double> TrainMlp(Device device, int steps)
    {
        using var scope = device.UseAsDefault();
        var (features, labels) = ToyData.GaussianClouds(24, 3, 0.6, rng: new RandomGenerator(11));
        var x = Tensor.FromArray(features, labels.Length, 2);
        var y = Tensor.FromArray(labels, labels.Length);
        var model = Models.Mlp(2, [24, 24], 3, rng: new RandomGenerator(42));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1, momentum: 0.9));
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        Assert.All(model.Parameters(), p => Assert.Equal(device, p.Device));
        return losses;
    }

    [Fact]
    public void SeededMlpTrainingOnTheSimulatedGpuGivesTheCpuLosses()
    {
        var cpu = TrainMlp(Device.Cpu, 30);
        var gpu = TrainMlp(Cuda, 30);
        for (int i = 0; i < cpu.Count; i++)
            Assert.True(Math.Abs(cpu[i] - gpu[i]) <= 1e-4 * (1 + cpu[i]), $"step {i}: cpu loss {cpu[i]:R}, gpu loss {gpu[i]:R}");
        Assert.True(gpu[^1] < 0.5 * gpu[0], $"the loss fell from {gpu[0]:F4} to only {gpu[^1]:F4}");
    }

    private static List<double> TrainConvNet(Device device, int steps)
    {
        using var scope = device.UseAsDefault();
        var rng = new RandomGenerator(5);
        var x = Tensor.Randn([8, 1, 12, 12], rng);
        var y = Tensor.FromArray(new[] { 0, 1, 2, 0, 1, 2, 0, 1 }, 8);
        var model = new Sequential()
            .Add(new Conv2d(1, 4, 3, padding: 1, rng: rng)).Add(new Relu()).Add(new MaxPool2d(2))
            .Add(new Flatten()).Add(new Linear(4 * 6 * 6, 3, rng: rng));
        var optimizer = new Adam(model.Parameters(), new AdamOptions(0.01));
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        return losses;
    }

    [Fact]
    public void SeededConvNetTrainingWithAdamGivesTheCpuLosses()
    {
        var cpu = TrainConvNet(Device.Cpu, 8);
        var gpu = TrainConvNet(Cuda, 8);
        for (int i = 0; i < cpu.Count; i++)
            Assert.True(Math.Abs(cpu[i] - gpu[i]) <= 1e-4 * (1 + cpu[i]), $"step {i}: cpu loss {cpu[i]:R}, gpu loss {gpu[i]:R}");
        Assert.True(gpu[^1] < gpu[0], $"the loss did not fall: {gpu[0]:F4} -> {gpu[^1]:F4}");
    }

    private static List<double> TrainMovedMlp(Sequential model, Device device, int steps)
    {
        var (features, labels) = ToyData.GaussianClouds(24, 3, 0.6, rng: new RandomGenerator(11));
        var x = Tensor.FromArray(features, labels.Length, 2).To(device);
        var y = Tensor.FromArray(labels, labels.Length).To(device);
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1, momentum: 0.9));
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        return losses;
    }

    [Fact]
    public void ModuleToMovesAModelMadeOnTheCpuKeepingItsTensorsAndTrainsLikeTheCpu()
    {
        var cpu = TrainMovedMlp(Models.Mlp(2, [24, 24], 3, rng: new RandomGenerator(42)), Device.Cpu, 20);
        var model = Models.Mlp(2, [24, 24], 3, rng: new RandomGenerator(42));
        var before = model.Parameters().ToList();
        var values = before.Select(p => p.ToArray<float>()).ToList();
        Assert.Same(model, model.To(Cuda));
        var after = model.Parameters().ToList();
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Same(before[i], after[i]);                 // identity kept: layers still hold them
            Assert.Equal(Cuda, after[i].Device);
            Assert.True(after[i].RequiresGrad && after[i].IsLeaf);
            Assert.Equal(values[i], after[i].ToArray<float>());
        }
        var gpu = TrainMovedMlp(model, Cuda, 20);
        for (int i = 0; i < cpu.Count; i++)
            Assert.True(Math.Abs(cpu[i] - gpu[i]) <= 1e-4 * (1 + cpu[i]), $"step {i}: cpu loss {cpu[i]:R}, gpu loss {gpu[i]:R}");
        Assert.All(model.Parameters(), p => Assert.Equal(Cuda, p.Grad!.Device));

        model.To(Device.Cpu);
        Assert.All(model.Parameters(), p => Assert.Equal(Device.Cpu, p.Device));
        Assert.All(model.Parameters(), p => Assert.Equal(Device.Cpu, p.Grad!.Device));
    }

    [Fact]
    public void ModuleToMovesBuffersAndACheckpointWrittenOnTheGpuLoadsOnTheCpu()
    {
        var rng = new RandomGenerator(9);
        Sequential Make() => new Sequential().Add(new Linear(3, 4, rng: new RandomGenerator(2))).Add(new BatchNorm1d(4)).Add(new Relu());
        var model = Make().To(Cuda);
        Assert.All(model.NamedBuffers(), b => Assert.Equal(Cuda, b.Value.Device));
        var x = Tensor.Randn([6, 3], rng);
        using (GradMode.NoGrad()) model.Forward(x.To(Cuda)); // training mode: updates the running statistics on the GPU
        model.Eval();
        float[] expected;
        using (GradMode.NoGrad()) expected = model.Forward(x.To(Cuda)).To(Device.Cpu).ToArray<float>();

        string path = Path.Combine(Path.GetTempPath(), $"deepsharp-gpu-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var onCpu = Make();
            onCpu.Load(path);
            onCpu.Eval();
            float[] actual;
            using (GradMode.NoGrad()) actual = onCpu.Forward(x).ToArray<float>();
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheCachingAllocatorReusesFreedBlocks()
    {
        var backend = CudaBackend.CreateSimulated(7);
        try
        {
            static void Churn(CudaBackend b)
            {
                for (int i = 0; i < 20; i++) b.Allocate(DType.Float32, 1000);
            }
            Churn(backend);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = backend.MemoryStats();
            Churn(backend);
            var after = backend.MemoryStats();
            Assert.True(after.CacheHits >= before.CacheHits + 20, $"cache hits {before.CacheHits} -> {after.CacheHits}");
            Assert.Equal(before.DriverAllocations, after.DriverAllocations);
            Assert.True(after.PeakAllocatedBytes >= 20 * 4096, $"peak {after.PeakAllocatedBytes}");
            Assert.Equal(4096, DeviceMemoryPoolSizeClass(4000));
        }
        finally
        {
            backend.Dispose();
        }
    }

    private static long DeviceMemoryPoolSizeClass(long bytes) => DeepSharp.Backends.Cuda.DeviceMemoryPool.SizeClass(bytes);

    [SkippableFact]
    public void WithoutAGpuTheRealBackendSaysWhyInOneLine()
    {
        var probe = CudaDevices.Probe();
        Skip.If(probe.Reason is null, $"this machine has {probe.Devices.Count} CUDA device(s)");
        var e = Assert.Throws<DeviceUnavailableException>(() => CudaBackend.Create(0));
        Assert.StartsWith("no CUDA device: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
