namespace DeepSharp.Nn;

/// <summary>The non-linearity of an <see cref="Autoencoder"/>'s hidden or code layers.</summary>
public enum AutoencoderActivation
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>tanh x.</summary>
    Tanh,

    /// <summary>No non-linearity (a linear layer).</summary>
    Identity,
}
