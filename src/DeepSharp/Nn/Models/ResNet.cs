using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Models
{
    /// <summary>
    /// A ResNet for small images as a plain <see cref="Sequential"/>: Conv2d 3x3 (no bias),
    /// BatchNorm2d, ReLU, the stages of <see cref="BasicBlock"/>s, AdaptiveAvgPool2d(1), Flatten,
    /// Linear. Stage s has width · 2^s channels; its first block has stride 2 for s &gt; 0.
    /// </summary>
    /// <remarks>input (N, InChannels, H, W) -> output (N, Classes). See <see cref="ResNetOptions.ResNet18"/>
    /// and <see cref="ResNetOptions.SmallWide"/> for the presets.</remarks>
    /// <param name="options">Channels, classes, width and blocks per stage.</param>
    /// <param name="rng">Initializes every layer in order; <see cref="RandomGenerator.Default"/> when null.</param>
    public static Sequential ResNet(ResNetOptions options, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        rng ??= RandomGenerator.Default;
        var model = new Sequential(
            new Conv2d(options.InChannels, options.Width, 3, 1, 1, bias: false, rng: rng),
            new BatchNorm2d(options.Width),
            new Relu());
        int channels = options.Width;
        for (int stage = 0; stage < options.StageBlocks.Count; stage++)
        {
            int width = options.Width << stage;
            for (int b = 0; b < options.StageBlocks[stage]; b++)
            {
                model.Add(new BasicBlock(channels, width, stage > 0 && b == 0 ? 2 : 1, rng));
                channels = width;
            }
        }
        return model.Add(new AdaptiveAvgPool2d(1)).Add(new Flatten()).Add(new Linear(channels, options.Classes, rng: rng));
    }
}
