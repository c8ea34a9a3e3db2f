using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Applies several transforms in order, all drawing from the batch's generator (torchvision's <c>Compose</c>).</summary>
public sealed class ComposedTransform : IBatchTransform
{
    private readonly IBatchTransform[] _transforms;

    /// <summary>Creates the composition.</summary>
    public ComposedTransform(params IBatchTransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (Array.IndexOf(transforms, null) is int at and >= 0) throw new ArgumentNullException(nameof(transforms), $"Transform {at} is null.");
        _transforms = [.. transforms];
    }

    /// <summary>The transforms in order.</summary>
    public IReadOnlyList<IBatchTransform> Transforms => _transforms;

    /// <inheritdoc/>
    public void Apply(Tensor images, RandomGenerator rng)
    {
        foreach (var t in _transforms) t.Apply(images, rng);
    }
}
