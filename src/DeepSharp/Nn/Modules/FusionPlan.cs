namespace DeepSharp.Nn;

/// <summary>The explicit fusion step of a <see cref="Sequential"/>: which layers run together. A layer
/// implementing <see cref="IActivationFusing"/> directly followed by one implementing
/// <see cref="IFusableActivation"/> becomes one step; every other layer is a step of its own.</summary>
/// <param name="Steps">(first layer index, layers consumed: 1 or 2) in order.</param>
public sealed record FusionPlan(IReadOnlyList<(int First, int Count)> Steps)
{
    /// <summary>Plans <paramref name="layers"/>; with <paramref name="fuse"/> false every layer runs alone.</summary>
    public static FusionPlan For(IReadOnlyList<Module> layers, bool fuse = true)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var steps = new List<(int, int)>();
        for (int i = 0; i < layers.Count; i++)
        {
            bool pair = fuse && i + 1 < layers.Count && layers[i] is IActivationFusing && layers[i + 1] is IFusableActivation;
            steps.Add((i, pair ? 2 : 1));
            if (pair) i++;
        }
        return new FusionPlan(steps);
    }

    /// <summary>How many steps run two layers as one.</summary>
    public int FusedCount => Steps.Count(s => s.Count == 2);
}
