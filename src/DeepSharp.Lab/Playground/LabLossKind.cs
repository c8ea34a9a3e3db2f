namespace DeepSharp.Lab.Playground;

/// <summary>The loss of the single output neuron o = σ(z) against the label t ∈ {0, 1}.</summary>
public enum LabLossKind
{
    /// <summary>Binary cross-entropy on the logit z (output delta o - t).</summary>
    CrossEntropy,

    /// <summary>The lectures' ½ (o - t)² (output delta (o - t) σ'(z)).</summary>
    SquaredError,
}
