namespace DeepSharp.Tensors;

/// <summary>The check every multi-operand operation makes: all its tensors live on one device.</summary>
internal static class Devices
{
    public static void Same(Tensor a, Tensor b, string name)
    {
        if (!ReferenceEquals(a.Backend, b.Backend))
            throw new InvalidOperationException(
                $"{name}: expected all tensors on the same device, found {a.Device} {Shapes.Format(a.Shape)} and {b.Device} {Shapes.Format(b.Shape)}; move one with To(device).");
    }
}
