using System.Globalization;
using DeepSharp.Data;

namespace DeepSharp.Cli.Setup;

/// <summary>The train command's --augment option: image augmentation applied by the training loader.</summary>
internal static class AugmentArguments
{
    public static readonly OptionSpec Option = new("augment",
        "Augment training images each epoch: a list of crop[:PAD] (random crop after zero padding, default 2), flip (horizontal), erase (random erasing)",
        ValueName: "LIST");

    /// <summary>The transform named by --augment, or null when the option is absent.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <param name="sampleShape">The training samples' shape: the transforms need images (C, H, W).</param>
    public static IBatchTransform? Parse(ParsedArguments args, IReadOnlyList<int> sampleShape)
    {
        string? text = args.GetString("augment");
        if (text is null) return null;
        if (sampleShape.Count != 3)
            throw new CliUsageException($"'--augment' needs image samples (C, H, W), but the training samples have shape {string.Join("x", sampleShape)}; use an image model such as lenet5 or resnet.");
        var transforms = new List<IBatchTransform>();
        foreach (string raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] parts = raw.Split(':', 2);
            transforms.Add(parts[0].ToLowerInvariant() switch
            {
                "crop" => new RandomCrop(parts.Length == 1 ? 2 : Padding(parts[1])),
                "flip" when parts.Length == 1 => new RandomHorizontalFlip(),
                "erase" when parts.Length == 1 => new RandomErasing(),
                _ => throw new CliUsageException($"'--augment' got '{raw}'; accepted: crop, crop:<padding 0-64>, flip, erase."),
            });
        }
        return transforms.Count == 1 ? transforms[0] : new ComposedTransform([.. transforms]);
    }

    private static int Padding(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 64
            ? p
            : throw new CliUsageException($"'--augment' crop padding must be an integer in [0, 64], got '{text}'.");
}
