using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A module that draws random numbers while it runs (dropout masks) from a generator of
/// its own, which a checkpoint saves and restores so that a resumed run draws the same masks.</summary>
internal interface IOwnsGenerator
{
    /// <summary>The module's own generator, or null when it has none (it then uses
    /// <see cref="RandomGenerator.Default"/> or draws nothing).</summary>
    RandomGenerator? Generator { get; }
}
