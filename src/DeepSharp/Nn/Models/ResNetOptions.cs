namespace DeepSharp.Nn;

/// <summary>The shape of a <see cref="Models.ResNet"/>: a 3x3 stem, stages of <see cref="BasicBlock"/>s
/// (each stage after the first halves the resolution and doubles the width), global average
/// pooling and a linear classifier.</summary>
/// <param name="InChannels">Image channels (1 for Fashion-MNIST).</param>
/// <param name="Classes">Outputs of the classifier.</param>
/// <param name="Width">Channels of the stem and the first stage (at least 1).</param>
/// <param name="Blocks">Blocks per stage (1 to 6 stages, each at least 1).</param>
public sealed record ResNetOptions(int InChannels = 1, int Classes = 10, int Width = 16, IReadOnlyList<int>? Blocks = null)
{
    /// <summary>Blocks per stage; [2, 2, 2] when not given.</summary>
    public IReadOnlyList<int> StageBlocks => Blocks ?? [2, 2, 2];

    /// <summary>ResNet-18's stages ([2, 2, 2, 2] from width 64) with a 3x3 stem for small images (11.2M parameters).</summary>
    public static ResNetOptions ResNet18(int inChannels = 1, int classes = 10) => new(inChannels, classes, 64, [2, 2, 2, 2]);

    /// <summary>A small wide ResNet for 28x28 inputs: three stages of two blocks from width 64
    /// (WRN-14-4's widths 64 / 128 / 256; post-activation basic blocks; 2.78M parameters with one input channel and 10 classes).</summary>
    public static ResNetOptions SmallWide(int inChannels = 1, int classes = 10) => new(inChannels, classes, 64, [2, 2, 2]);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public ResNetOptions Validate()
    {
        if (InChannels < 1) throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "ResNet: InChannels must be at least 1.");
        if (Classes < 1) throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "ResNet: Classes must be at least 1.");
        if (Width < 1 || Width > 1024) throw new ArgumentOutOfRangeException(nameof(Width), Width, "ResNet: Width must be in [1, 1024].");
        var blocks = StageBlocks;
        if (blocks.Count is 0 or > 6 || blocks.Any(b => b < 1 || b > 64))
            throw new ArgumentOutOfRangeException(nameof(Blocks), $"ResNet: Blocks needs 1 to 6 stages of 1 to 64 blocks, got [{string.Join(", ", blocks)}].");
        return this;
    }
}
