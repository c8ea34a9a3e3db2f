namespace DeepSharp.Backends;

/// <summary>Two-argument element-wise losses l(a, b) with both partial derivatives.</summary>
public enum PointwiseLossKind
{
    /// <summary>Binary cross-entropy of probabilities p = a against targets t = b, each log clamped at
    /// -100; ∂/∂p divides by max(p(1 - p), 1e-12).</summary>
    BinaryCrossEntropy,
    /// <summary>Binary cross-entropy of logits x = a against targets t = b:
    /// max(x, 0) - x·t + log(1 + e^(-|x|)); ∂/∂x = σ(x) - t, ∂/∂t = -x.</summary>
    BinaryCrossEntropyWithLogits,
}
