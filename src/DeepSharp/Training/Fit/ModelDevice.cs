using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>The device a model computes on (its first parameter's; the default device for a model
/// without parameters): data loaders fill host batches, which the training and evaluation loops
/// move there (a no-op on the CPU).</summary>
internal static class ModelDevice
{
    public static Device Of(Module model) =>
        model.Parameters().FirstOrDefault() is { } p ? p.Device : Device.Default;
}
