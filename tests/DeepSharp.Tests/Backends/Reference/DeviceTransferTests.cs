using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Backends.Reference;

/// <summary><c>tensor.To(Device.Reference)</c> and back: values survive any layout and dtype, the
/// copy is recorded so gradients flow back to the original device, and mixing devices in one op
/// fails with a clear error.</summary>
public sealed class DeviceTransferTests
{
    [Fact]
    public void ValuesRoundTripForEveryDTypeAndLayout()
    {
        var floats = Tensor.FromArray(new float[] { 1.5f, -2, 3.25f, 4, 5, -6 }, 2, 3).T; // strided
        var doubles = Tensor.FromArray(new double[] { 1e-300, -7, 0.1 });
        var ints = Tensor.FromArray(new[] { 3, -1, 0, int.MaxValue }, 2, 2);
        foreach (var t in new[] { floats, doubles, ints })
        {
            var there = t.To(Device.Reference);
            Assert.Equal(Device.Reference, there.Device);
            Assert.Equal(t.DType, there.DType);
            var back = there.To(Device.Cpu);
            Assert.Equal(Device.Cpu, back.Device);
            Same(t, back, 0);
        }
        var same = doubles.To(Device.Cpu);
        Assert.Same(doubles, same); // already there: no copy
    }

    [Fact]
    public void GradientsFlowBackFromTheReferenceDevice()
    {
        var x = Tensor.FromArray(new double[] { 1, -2, 3 }).RequireGrad();
        var onReference = x.To(Device.Reference);
        var y = (onReference * onReference + onReference.Exp()).Sum(); // computed by the reference backend
        Assert.Equal(Device.Reference, y.Device);
        var loss = y.To(Device.Cpu);
        loss.Backward();
        Assert.NotNull(x.Grad);
        Assert.Equal(Device.Cpu, x.Grad!.Device);
        Values(x.Grad, [3], new[] { 2 + Math.E, -4 + Math.Exp(-2), 6 + Math.Exp(3) }, 1e-12);
    }

    [Fact]
    public void GradientsFlowBackToAReferenceLeaf()
    {
        using var _ = Device.Reference.UseAsDefault();
        var w = Tensor.FromArray(new double[] { 0.5, -1, 2, 0.25 }, 2, 2).RequireGrad();
        var onCpu = w.To(Device.Cpu);
        var z = onCpu.MatMul(onCpu.T).Tanh().Sum(); // computed by the CPU backend
        z.To(Device.Reference).Backward();
        Assert.Equal(Device.Reference, w.Grad!.Device);

        var expected = Tensor.FromArray(new double[] { 0.5, -1, 2, 0.25 }, 2, 2).RequireGrad(); // the same graph on Reference alone
        expected.MatMul(expected.T).Tanh().Sum().Backward();
        Same(expected.Grad!, w.Grad, 1e-12);
    }

    [Fact]
    public void MixingDevicesInOneOperationThrows()
    {
        var a = Tensor.FromArray(new float[] { 1, 2 });
        var b = a.To(Device.Reference);
        var error = Assert.Throws<InvalidOperationException>(() => a + b);
        Assert.Contains("same device", error.Message);
        Assert.Contains("reference", error.Message);
    }
}
