using DeepSharp.Backends;

namespace DeepSharp.Nn;

/// <summary>An activation layer that a preceding <see cref="IActivationFusing"/> layer can apply in its
/// own pass (as the product or convolution result is stored) with the same values.</summary>
public interface IFusableActivation
{
    /// <summary>The fused form of this activation.</summary>
    Activation Fused { get; }
}
