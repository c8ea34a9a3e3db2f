namespace DeepSharp.Nn;

/// <summary>Which fan a variance-scaling initializer preserves (see <see cref="Init.HeUniform"/>).</summary>
public enum FanMode
{
    /// <summary>Fan-in: keeps the variance of activations in the forward pass.</summary>
    FanIn,

    /// <summary>Fan-out: keeps the variance of gradients in the backward pass.</summary>
    FanOut,
}
