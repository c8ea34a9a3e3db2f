using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>Turns points (x1, x2) into the network's inputs, with tensor operations of the library.</summary>
public static class FeatureMap
{
    /// <summary>The selected features of <paramref name="points"/> (N, 2) as (N, F), in the order given.</summary>
    public static Tensor Compute(Tensor points, IReadOnlyList<InputFeature> features)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(features);
        int n = points.Size(0);
        var x1 = points.Narrow(1, 0, 1);
        var x2 = points.Narrow(1, 1, 1);
        var columns = features.Select(f => f switch
        {
            InputFeature.X1 => x1,
            InputFeature.X2 => x2,
            InputFeature.X1Squared => x1.Square(),
            InputFeature.X2Squared => x2.Square(),
            InputFeature.X1TimesX2 => x1 * x2,
            InputFeature.SinX1 => x1.Sin(),
            InputFeature.SinX2 => x2.Sin(),
            _ => throw new ArgumentOutOfRangeException(nameof(features), f, "unknown feature"),
        }).ToList();
        return Tensor.Cat(columns, 1).Contiguous().Reshape(n, features.Count);
    }
}
