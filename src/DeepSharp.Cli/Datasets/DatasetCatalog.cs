using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Datasets;

/// <summary>
/// Classification datasets by name, as the command line names them: the seeded toy sets
/// <c>spirals</c>, <c>circles</c>, <c>xor</c>, <c>gaussians</c>, <c>moons</c> (with a generated
/// test set); <c>fashion-mnist</c> from <see cref="FashionMnist.DefaultDirectory"/>;
/// <c>mnist-dir:&lt;folder&gt;</c> for any folder of MNIST-style IDX files; <c>csv:&lt;file&gt;</c>
/// for a table with a class label column (no test split).
/// </summary>
internal static class DatasetCatalog
{
    /// <summary>The names of the generated two-dimensional sets.</summary>
    public static IReadOnlyList<string> ToyNames { get; } = ["spirals", "circles", "xor", "gaussians", "moons"];

    /// <summary>Every accepted form, for error messages and help.</summary>
    public static string Accepted => string.Join(", ", ToyNames) + ", fashion-mnist, mnist-dir:<folder>, csv:<file>";

    /// <summary>Loads the dataset named by <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Accepted"/>.</exception>
    /// <exception cref="FileNotFoundException">A file or folder is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static NamedDataset Load(string spec, DatasetCatalogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        options ??= new DatasetCatalogOptions();
        string name = spec.Trim();
        if (ToyNames.Contains(name.ToLowerInvariant())) return Toy(name.ToLowerInvariant(), options);
        if (name.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase))
            return Images("fashion-mnist", FashionMnist.DefaultDirectory, options, FashionMnist.ClassNames);
        if (name.StartsWith("mnist-dir:", StringComparison.OrdinalIgnoreCase))
        {
            string dir = name["mnist-dir:".Length..];
            if (dir.Length == 0) throw new ArgumentException("Dataset 'mnist-dir:' needs a folder, e.g. mnist-dir:/data/mnist.");
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Dataset folder '{dir}' does not exist.");
            return Images(name, dir, options, null);
        }
        if (name.StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
        {
            string path = name["csv:".Length..];
            if (path.Length == 0) throw new ArgumentException("Dataset 'csv:' needs a file, e.g. csv:data/iris.csv.");
            return Csv(name, path, options);
        }
        throw new ArgumentException($"Unknown dataset '{name}'; accepted: {Accepted}.");
    }

    /// <summary>
    /// Loads <paramref name="spec"/> as the test split of <paramref name="train"/> (its training
    /// samples become the test samples), checking that the input shapes agree and mapping class
    /// names of the second source onto the first one's class indices.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs differ in shape, or a test class is unknown to the training data.</exception>
    public static NamedDataset WithTestSet(NamedDataset train, string spec, DatasetCatalogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var other = Load(spec, options);
        var test = other.Train;
        if (!test.InputShape.SequenceEqual(train.Train.InputShape))
            throw new ArgumentException(
                $"Test dataset '{other.Name}' has inputs {Shapes.Format(test.InputShape.ToArray())} but training dataset '{train.Name}' has {Shapes.Format(train.Train.InputShape.ToArray())}.");
        if (!other.ClassNames.SequenceEqual(train.ClassNames))
        {
            // The CSV reader numbers classes by sorting the label texts, so two files can number them differently.
            var index = train.ClassNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            var map = other.ClassNames.Select(n => index.TryGetValue(n, out int i) ? i
                : throw new ArgumentException($"Test dataset '{other.Name}' has class '{n}', which training dataset '{train.Name}' does not have (its classes: {string.Join(", ", train.ClassNames)}).")).ToArray();
            int[] labels = test.Targets.ToArray<int>();
            for (int i = 0; i < labels.Length; i++) labels[i] = map[labels[i]];
            test = new TensorDataset(test.Inputs, Tensor.FromArray(labels, labels.Length));
        }
        return train.WithTest(test);
    }

    private static NamedDataset Toy(string name, DatasetCatalogOptions options)
    {
        int n = options.Samples ?? (name == "gaussians" ? 600 : name == "spirals" ? 800 : 600);
        int nTest = Math.Max(2, n / 2);
        var (train, classes) = Generate(name, n, options, options.TrainGenerator());
        var (test, _) = Generate(name, nTest, options, options.TestGenerator());
        var names = Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new NamedDataset(name, train, test, names, DatasetKind.Points2D);
    }

    private static (TensorDataset Data, int Classes) Generate(string name, int n, DatasetCatalogOptions options, RandomGenerator rng)
    {
        double? noise = options.Noise;
        (float[] x, int[] labels, int classes) = name switch
        {
            "spirals" => With(ToyData.TwoSpirals(Math.Max(1, n / 2), noise ?? 0.03, 1.5, rng), 2),
            "circles" => With(ToyData.ConcentricCircles(n, noise ?? 0.08, 0.5, rng), 2),
            "xor" => With(ToyData.Xor(n, noise ?? 0.1, rng), 2),
            "gaussians" => With(ToyData.GaussianClouds(Math.Max(1, n / options.GaussianClasses), options.GaussianClasses, noise ?? 1.0, rng), options.GaussianClasses),
            "moons" => With(ToyData.Moons(n, noise ?? 0.1, rng), 2),
            _ => throw new ArgumentException($"Unknown toy dataset '{name}'; accepted: {string.Join(", ", ToyNames)}."),
        };
        return (TensorDataset.FromArrays(x, 2, labels), classes);

        static (float[], int[], int) With((float[] X, int[] Labels) d, int classes) => (d.X, d.Labels, classes);
    }

    private static NamedDataset Images(string name, string directory, DatasetCatalogOptions options, IReadOnlyList<string>? classNames)
    {
        var train = Limit(FashionMnist.Load(directory, FashionMnistSplit.Train), options.Samples);
        var test = Limit(FashionMnist.Load(directory, FashionMnistSplit.Test), options.Samples);
        if (train.Count == 0 || test.Count == 0)
            throw new DataFormatException(directory, $"the {(train.Count == 0 ? "training" : "test")} IDX files hold no images; expected at least one.");
        if (train.Rows != test.Rows || train.Cols != test.Cols)
            throw new DataFormatException(directory, $"training images are {train.Rows}x{train.Cols} but test images are {test.Rows}x{test.Cols}.");
        int classes = Math.Max(train.Labels.Max(), test.Labels.Max()) + 1;
        classNames ??= Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (classes > classNames.Count)
            throw new DataFormatException(directory, $"labels go up to {classes - 1}, expected at most {classNames.Count - 1}.");
        return new NamedDataset(name, DatasetFactory.FromImages(train, options.FlattenImages), DatasetFactory.FromImages(test, options.FlattenImages),
            classNames, DatasetKind.Images, train.Rows, train.Cols);
    }

    private static LabeledImages Limit(LabeledImages images, int? samples)
    {
        if (samples is not { } n || n >= images.Count) return images;
        int size = images.Rows * images.Cols;
        return new LabeledImages(images.Pixels[..(n * size)], images.Labels[..n], images.Rows, images.Cols);
    }

    /// <summary>Largest feature magnitude trained on: sums of products of larger values overflow float32
    /// (3.4e38) in the first layer or its gradients, and the run would end in NaN.</summary>
    public const float MaxFeatureMagnitude = 1e15f;

    private static void CheckMagnitudes(CsvData data, string path)
    {
        float[] values = data.Features;
        for (int i = 0; i < values.Length; i++)
            if (Math.Abs(values[i]) > MaxFeatureMagnitude)
            {
                int column = i % data.FeatureCount;
                throw new DataFormatException(path,
                    $"feature '{data.FeatureNames[column]}' of row {i / data.FeatureCount + 1} is {values[i].ToString("G4", CultureInfo.InvariantCulture)}; "
                    + $"features above {MaxFeatureMagnitude.ToString("G2", CultureInfo.InvariantCulture)} in magnitude overflow float32 training arithmetic: rescale the column.");
            }
    }

    private static NamedDataset Csv(string name, string path, DatasetCatalogOptions options)
    {
        Setup.InputFiles.Require(path, "CSV file");
        var data = CsvDataReader.Read(path, new CsvReadOptions { Label = options.LabelColumn ?? CsvLabel.Last, LabelKind = CsvLabelKind.Class });
        CheckMagnitudes(data, path);
        var all = DatasetFactory.FromCsv(data);
        if (options.Samples is { } n && n < all.Count) all = all.Subset(Enumerable.Range(0, n).ToArray());
        return new NamedDataset(name, all, null, data.ClassNames ?? [], DatasetKind.Table);
    }
}
