using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Merges dimensions <see cref="StartDim"/>..<see cref="EndDim"/> into one (by default all but the batch),
/// e.g. between the convolutional and the fully connected part of a network.</summary>
/// <remarks>input (N, C, H, W) -> output (N, C·H·W) with the defaults; a view when the layout allows.</remarks>
/// <param name="startDim">First dimension merged; default 1.</param>
/// <param name="endDim">Last dimension merged; default -1 (the last).</param>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    /// <summary>First dimension merged.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>Last dimension merged (negative counts from the end).</summary>
    public int EndDim { get; } = endDim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ConvFunctional.Flatten(input, StartDim, EndDim);

    /// <summary><c>Flatten()</c>, or with its dimensions when not the defaults.</summary>
    public override string ToString() => StartDim == 1 && EndDim == -1 ? "Flatten()" : $"Flatten({StartDim}, {EndDim})";
}
