using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// A random (or fixed) change applied in place to a batch of images (B, C, H, W), Float32 on the
/// host, as the <see cref="DataLoader"/> delivers it: data augmentation and normalization. The
/// loader gives each batch its own generator, derived from its seed, the epoch and the batch
/// index, so a run is reproducible and every epoch sees new draws.
/// </summary>
public interface IBatchTransform
{
    /// <summary>Transforms <paramref name="images"/> (B, C, H, W) in place, drawing from <paramref name="rng"/>.</summary>
    /// <exception cref="ShapeMismatchException">The batch is not (B, C, H, W) Float32.</exception>
    void Apply(Tensor images, RandomGenerator rng);
}
