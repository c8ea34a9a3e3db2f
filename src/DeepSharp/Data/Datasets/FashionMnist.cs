namespace DeepSharp.Data;

/// <summary>
/// Locates and loads Fashion-MNIST (or any folder of MNIST-style IDX files): by default from
/// <see cref="DefaultDirectory"/>, where the Debian package <c>dataset-fashion-mnist</c>
/// installs it. Never downloads anything.
/// </summary>
/// <remarks>File names tried, for prefix <c>train</c> or <c>t10k</c>:
/// <c>{prefix}-images-idx3-ubyte.gz</c>, <c>{prefix}-images-idx3-ubyte</c>, and the dotted forms
/// <c>{prefix}-images.idx3-ubyte[.gz]</c>; likewise <c>labels</c> with <c>idx1</c>. Whether a
/// file is gzip-compressed is decided by its content, not its name.</remarks>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs the dataset into <see cref="DefaultDirectory"/>.</summary>
    public const string InstallCommand = "sudo apt-get install dataset-fashion-mnist";

    /// <summary>The ten class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>True when both splits' image and label files are present in
    /// <paramref name="directory"/> (default <see cref="DefaultDirectory"/>). Does not read them.</summary>
    public static bool IsAvailable(string? directory = null)
    {
        string dir = directory ?? DefaultDirectory;
        return Find(dir, FashionMnistSplit.Train, "images", "idx3") is not null
            && Find(dir, FashionMnistSplit.Train, "labels", "idx1") is not null
            && Find(dir, FashionMnistSplit.Test, "images", "idx3") is not null
            && Find(dir, FashionMnistSplit.Test, "labels", "idx1") is not null;
    }

    /// <summary>The image and label file paths of <paramref name="split"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names the names
    /// tried and how to install the dataset.</exception>
    public static (string ImagesPath, string LabelsPath) FindFiles(string? directory, FashionMnistSplit split)
    {
        string dir = directory ?? DefaultDirectory;
        return (Require(dir, split, "images", "idx3"), Require(dir, split, "labels", "idx1"));
    }

    /// <summary>Loads <paramref name="split"/> from <see cref="DefaultDirectory"/>.</summary>
    /// <inheritdoc cref="Load(string?, FashionMnistSplit)"/>
    public static LabeledImages Load(FashionMnistSplit split) => Load(null, split);

    /// <summary>Loads <paramref name="split"/> from <paramref name="directory"/> (default
    /// <see cref="DefaultDirectory"/>): pixels scaled to [0, 1], labels 0..9.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed, the counts differ, or a label
    /// is not a class index 0..9.</exception>
    public static LabeledImages Load(string? directory, FashionMnistSplit split)
    {
        var (imagesPath, labelsPath) = FindFiles(directory, split);
        LabeledImages data = IdxReader.ReadImagesAndLabels(imagesPath, labelsPath);
        for (int i = 0; i < data.Labels.Length; i++)
        {
            if (data.Labels[i] >= ClassNames.Count)
                throw new DataFormatException(labelsPath,
                    $"label {i} is {data.Labels[i]}; expected a class index 0..{ClassNames.Count - 1}.");
        }
        return data;
    }

    private static string[] Candidates(FashionMnistSplit split, string kind, string idx)
    {
        string prefix = split == FashionMnistSplit.Train ? "train" : "t10k";
        return
        [
            $"{prefix}-{kind}-{idx}-ubyte.gz", $"{prefix}-{kind}-{idx}-ubyte",
            $"{prefix}-{kind}.{idx}-ubyte.gz", $"{prefix}-{kind}.{idx}-ubyte",
        ];
    }

    private static string? Find(string dir, FashionMnistSplit split, string kind, string idx)
    {
        foreach (string name in Candidates(split, kind, idx))
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static string Require(string dir, FashionMnistSplit split, string kind, string idx)
    {
        string? found = Find(dir, split, kind, idx);
        if (found is not null) return found;
        string[] names = Candidates(split, kind, idx);
        string problem = Directory.Exists(dir) ? $"no {split.ToString().ToLowerInvariant()} {kind} file in '{dir}'"
            : $"directory '{dir}' does not exist";
        throw new FileNotFoundException(
            $"Fashion-MNIST: {problem}; looked for {string.Join(", ", names)}. " +
            $"Install the dataset with '{InstallCommand}', or pass a folder holding MNIST-format IDX files.",
            Path.Combine(dir, names[0]));
    }
}
