namespace DeepSharp.Nn;

/// <summary>The activation of a Transformer layer's feed-forward block.</summary>
public enum TransformerActivation
{
    /// <summary>max(0, x) (PyTorch's default).</summary>
    Relu,

    /// <summary>x · Φ(x), exact.</summary>
    Gelu,
}
