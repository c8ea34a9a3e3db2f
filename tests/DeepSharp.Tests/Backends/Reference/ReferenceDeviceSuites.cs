namespace DeepSharp.Tests.Backends.Reference;

// The core-op suites run a second time on the reference backend: each class below inherits every
// test of a suite and makes Device.Reference the default device for the whole test (the scope is
// opened by a field initializer, which runs before the suite's own fields and constructor, and
// closed when xunit disposes the instance), so every factory call inside the tests creates
// reference tensors. Tensors still on the CPU would fail loudly ("expected all tensors on the same
// device"); DefaultDeviceProbeOnReference checks that the scope reaches the test body.

// ---- Tensors -----------------------------------------------------------------------------------

/// <summary>Tensors.TensorMathTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorMathTestsOnReference : Tensors.TensorMathTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.TensorReductionTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorReductionTestsOnReference : Tensors.TensorReductionTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.TensorViewTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorViewTestsOnReference : Tensors.TensorViewTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.TensorMatMulTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorMatMulTestsOnReference : Tensors.TensorMatMulTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.TensorIndexingTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorIndexingTestsOnReference : Tensors.TensorIndexingTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.TensorCreationTests on <see cref="Device.Reference"/>.</summary>
public sealed class TensorCreationTestsOnReference : Tensors.TensorCreationTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Tensors.OwnershipTests on <see cref="Device.Reference"/>.</summary>
public sealed class OwnershipTestsOnReference : Tensors.OwnershipTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

// ---- Autograd ----------------------------------------------------------------------------------

/// <summary>Autograd.BackwardTests on <see cref="Device.Reference"/>.</summary>
public sealed class BackwardTestsOnReference : Autograd.BackwardTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Autograd.ElementWiseGradTests on <see cref="Device.Reference"/>.</summary>
public sealed class ElementWiseGradTestsOnReference : Autograd.ElementWiseGradTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Autograd.GradCheckTests on <see cref="Device.Reference"/>.</summary>
public sealed class GradCheckTestsOnReference : Autograd.GradCheckTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Autograd.ViewReduceGradTests on <see cref="Device.Reference"/>.</summary>
public sealed class ViewReduceGradTestsOnReference : Autograd.ViewReduceGradTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Autograd.GradHookTests on <see cref="Device.Reference"/>.</summary>
public sealed class GradHookTestsOnReference : Autograd.GradHookTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Autograd.SmokeTests on <see cref="Device.Reference"/>.</summary>
public sealed class SmokeTestsOnReference : Autograd.SmokeTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

// ---- Nn ----------------------------------------------------------------------------------------

/// <summary>Nn.ActivationTests on <see cref="Device.Reference"/>.</summary>
public sealed class ActivationTestsOnReference : Nn.ActivationTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.LossTests on <see cref="Device.Reference"/>.</summary>
public sealed class LossTestsOnReference : Nn.LossTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.SoftmaxTests on <see cref="Device.Reference"/>.</summary>
public sealed class SoftmaxTestsOnReference : Nn.SoftmaxTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.Conv2dTests on <see cref="Device.Reference"/>.</summary>
public sealed class Conv2dTestsOnReference : Nn.Conv2dTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.Conv1dTests on <see cref="Device.Reference"/>.</summary>
public sealed class Conv1dTestsOnReference : Nn.Conv1dTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.PoolTests on <see cref="Device.Reference"/>.</summary>
public sealed class PoolTestsOnReference : Nn.PoolTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.LinearTests on <see cref="Device.Reference"/>.</summary>
public sealed class LinearTestsOnReference : Nn.LinearTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.LinearFusedTests on <see cref="Device.Reference"/>.</summary>
public sealed class LinearFusedTestsOnReference : Nn.LinearFusedTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.DropoutTests on <see cref="Device.Reference"/>.</summary>
public sealed class DropoutTestsOnReference : Nn.DropoutTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.RecurrentCellTests on <see cref="Device.Reference"/>.</summary>
public sealed class RecurrentCellTestsOnReference : Nn.RecurrentCellTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.RecurrentReferenceTests on <see cref="Device.Reference"/>.</summary>
public sealed class RecurrentReferenceTestsOnReference : Nn.RecurrentReferenceTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.TrainingTests on <see cref="Device.Reference"/>.</summary>
public sealed class TrainingTestsOnReference : Nn.TrainingTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.RecurrentLayerTests on <see cref="Device.Reference"/>.</summary>
public sealed class RecurrentLayerTestsOnReference : Nn.RecurrentLayerTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.ConvShapeLayersTests on <see cref="Device.Reference"/>.</summary>
public sealed class ConvShapeLayersTestsOnReference : Nn.ConvShapeLayersTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.FusionPlanTests on <see cref="Device.Reference"/>.</summary>
public sealed class FusionPlanTestsOnReference : Nn.FusionPlanTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.RegularizationTests on <see cref="Device.Reference"/>.</summary>
public sealed class RegularizationTestsOnReference : Nn.RegularizationTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.InitTests on <see cref="Device.Reference"/>.</summary>
public sealed class InitTestsOnReference : Nn.InitTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.PerceptronCriterionTests on <see cref="Device.Reference"/>.</summary>
public sealed class PerceptronCriterionTestsOnReference : Nn.PerceptronCriterionTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Nn.LeNet5Tests on <see cref="Device.Reference"/>.</summary>
public sealed class LeNet5TestsOnReference : Nn.LeNet5Tests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

// ---- Optim -------------------------------------------------------------------------------------

/// <summary>Optim.OptimizerReferenceTests on <see cref="Device.Reference"/>.</summary>
public sealed class OptimizerReferenceTestsOnReference : Optim.OptimizerReferenceTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Optim.OptimizerHandWorkedTests on <see cref="Device.Reference"/>.</summary>
public sealed class OptimizerHandWorkedTestsOnReference : Optim.OptimizerHandWorkedTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Optim.OptimizerBehaviourTests on <see cref="Device.Reference"/>.</summary>
public sealed class OptimizerBehaviourTestsOnReference : Optim.OptimizerBehaviourTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

/// <summary>Optim.GradClipTests on <see cref="Device.Reference"/>.</summary>
public sealed class GradClipTestsOnReference : Optim.GradClipTests, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}

// ---- the probe ---------------------------------------------------------------------------------

/// <summary>What the suites above rely on: the default device a test body sees.</summary>
public class DefaultDeviceProbe
{
    /// <summary>The device the tests of this class should see as the default.</summary>
    protected virtual Device Expected => Device.Cpu;

    [Fact]
    public void FactoriesCreateTensorsOnTheExpectedDevice()
    {
        Assert.Equal(Expected, Device.Default);
        Assert.Equal(Expected, DeepSharp.Tensors.Tensor.Zeros(2).Device);
        Assert.Equal(Expected, (DeepSharp.Tensors.Tensor.FromArray(new float[] { 1, 2 }) * 2).Device);
    }

    [Fact]
    public async Task TheDefaultSurvivesAnAwait()
    {
        await Task.Yield();
        Assert.Equal(Expected, Device.Default);
    }
}

/// <summary>The probe inside the reference scope.</summary>
public sealed class DefaultDeviceProbeOnReference : DefaultDeviceProbe, IDisposable
{
    private readonly Device.DefaultScope _device = Device.Reference.UseAsDefault();

    /// <inheritdoc/>
    protected override Device Expected => Device.Reference;

    /// <summary>Restores the default device.</summary>
    public void Dispose() => _device.Dispose();
}
