using DeepSharp.Data;

namespace DeepSharp.Tests.Data;

public sealed class FashionMnistTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepsharp-fmnist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void WriteSplit(string prefix, int count, string style, byte maxLabel = 9)
    {
        string Name(string kind, string idx) => style switch
        {
            "gz" => $"{prefix}-{kind}-{idx}-ubyte.gz",
            "plain" => $"{prefix}-{kind}-{idx}-ubyte",
            _ => $"{prefix}-{kind}.{idx}-ubyte",
        };
        byte[] pixels = Enumerable.Range(0, count * 28 * 28).Select(i => (byte)(i % 256)).ToArray();
        byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % (maxLabel + 1))).ToArray();
        IdxWriter.Write(Path.Combine(_dir, Name("images", "idx3")), [count, 28, 28], pixels, gzip: style == "gz");
        IdxWriter.Write(Path.Combine(_dir, Name("labels", "idx1")), [count], labels, gzip: style == "gz");
    }

    [SkippableFact]
    public void MissingDataset_SaysHowToInstallIt()
    {
        Skip.If(Directory.Exists(FashionMnist.DefaultDirectory), $"Fashion-MNIST is installed in {FashionMnist.DefaultDirectory}; the missing-dataset message cannot be checked here");
        // The helper must say how to get it rather than fail obscurely.
        Assert.False(FashionMnist.IsAvailable());
        var missing = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(FashionMnistSplit.Test));
        Assert.Contains(FashionMnist.InstallCommand, missing.Message);
    }

    [SkippableFact]
    public void InstalledDataset_LoadsWhenPresent()
    {
        Skip.IfNot(Directory.Exists(FashionMnist.DefaultDirectory), $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory} ({FashionMnist.InstallCommand})");
        Assert.True(FashionMnist.IsAvailable());
        LabeledImages test = FashionMnist.Load(FashionMnistSplit.Test);
        Assert.Equal((10000, 28, 28), (test.Count, test.Rows, test.Cols));
        Assert.Equal(10000 * 784, test.Pixels.Length);
        Assert.All(test.Pixels, p => Assert.InRange(p, 0f, 1f));
        // The Fashion-MNIST test set holds exactly 1000 images of each class.
        int[] perClass = new int[10];
        foreach (int label in test.Labels) perClass[label]++;
        Assert.All(perClass, c => Assert.Equal(1000, c));
        Assert.Contains(test.Pixels, p => p == 1f);
        var (images, labels) = FashionMnist.FindFiles(null, FashionMnistSplit.Train);
        Assert.EndsWith("train-images-idx3-ubyte.gz", images);
        Assert.EndsWith("train-labels-idx1-ubyte.gz", labels);
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("plain")]
    [InlineData("dotted")]
    public void Folder_WithEveryNamingStyle_Loads(string style)
    {
        WriteSplit("train", 5, style);
        WriteSplit("t10k", 3, style);
        Assert.True(FashionMnist.IsAvailable(_dir));
        LabeledImages train = FashionMnist.Load(_dir, FashionMnistSplit.Train);
        LabeledImages test = FashionMnist.Load(_dir, FashionMnistSplit.Test);
        Assert.Equal(5, train.Count);
        Assert.Equal(new[] { 0, 1, 2 }, test.Labels);
        Assert.Equal(1f / 255f, test.Pixels[1]);
    }

    [Fact]
    public void MissingFiles_NameTheFileAndTheInstallCommand()
    {
        WriteSplit("train", 2, "gz");
        Assert.False(FashionMnist.IsAvailable(_dir));
        Assert.Equal(2, FashionMnist.Load(_dir, FashionMnistSplit.Train).Count);
        var ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_dir, FashionMnistSplit.Test));
        Assert.Contains("t10k-images-idx3-ubyte.gz", ex.Message);
        Assert.Contains(FashionMnist.InstallCommand, ex.Message);
        Assert.Equal(Path.Combine(_dir, "t10k-images-idx3-ubyte.gz"), ex.FileName);

        string nowhere = Path.Combine(_dir, "nowhere");
        Assert.False(FashionMnist.IsAvailable(nowhere));
        ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(nowhere, FashionMnistSplit.Train));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void LabelOutsideTenClasses_Throws()
    {
        WriteSplit("train", 12, "plain", maxLabel: 10);
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.Load(_dir, FashionMnistSplit.Train));
        Assert.Contains("label 10 is 10", ex.Message);
        Assert.EndsWith("train-labels-idx1-ubyte", ex.FilePath);
    }

    [Fact]
    public void ClassNames_AreTheTenFashionMnistClasses()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("T-shirt/top", FashionMnist.ClassNames[0]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }
}
