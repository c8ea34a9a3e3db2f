using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

public sealed class DatasetCatalogTests
{
    [Theory]
    [InlineData("spirals", 800, 400, 2)]
    [InlineData("circles", 600, 300, 2)]
    [InlineData("xor", 600, 300, 2)]
    [InlineData("gaussians", 600, 300, 3)]
    [InlineData("moons", 600, 300, 2)]
    public void ToySetsHaveTrainAndTestSplitsOfPoints(string name, int train, int test, int classes)
    {
        var data = DatasetCatalog.Load(name);
        Assert.Equal(name, data.Name);
        Assert.Equal(DatasetKind.Points2D, data.Kind);
        Assert.Equal(train, data.Train.Count);
        Assert.Equal(test, data.Test!.Count);
        Assert.Equal(2, data.Features);
        Assert.Equal(classes, data.Classes);
        Assert.Equal(DType.Int32, data.Train.TargetDType);
        Assert.Equal(Enumerable.Range(0, classes), data.Train.Targets.ToArray<int>().Distinct().Order());
    }

    [Fact]
    public void SeedsAndOptionsAreHonouredAndTestDiffersFromTrain()
    {
        var a = DatasetCatalog.Load("SPIRALS", new DatasetCatalogOptions { Seed = 3, Samples = 100, Noise = 0 });
        var b = DatasetCatalog.Load("spirals", new DatasetCatalogOptions { Seed = 3, Samples = 100, Noise = 0.2 });
        var c = DatasetCatalog.Load("spirals", new DatasetCatalogOptions { Seed = 3, Samples = 100, Noise = 0.2 });
        Assert.Equal(100, a.Train.Count);
        Assert.Equal(50, a.Test!.Count);
        Assert.Equal(b.Train.Inputs.ToArray<float>(), c.Train.Inputs.ToArray<float>());
        Assert.NotEqual(a.Train.Inputs.ToArray<float>(), b.Train.Inputs.ToArray<float>());
        Assert.NotEqual(b.Train.Inputs.ToArray<float>()[..100], b.Test!.Inputs.ToArray<float>()[..100]);
        var g = DatasetCatalog.Load("gaussians", new DatasetCatalogOptions { GaussianClasses = 5, Samples = 50 });
        Assert.Equal(5, g.Classes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetCatalogOptions { Samples = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetCatalogOptions { Noise = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetCatalogOptions { GaussianClasses = 1 });
    }

    [Fact]
    public void UnknownNamesListWhatIsAccepted()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("cifar10"));
        Assert.Equal("Unknown dataset 'cifar10'; accepted: spirals, circles, xor, gaussians, moons, fashion-mnist, mnist-dir:<folder>, csv:<file>.", e.Message);
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("csv:"));
        Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("csv:/nonexistent.csv"));
        Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load("mnist-dir:/nonexistent"));
    }

    [Fact]
    public void CsvTablesAndASecondTableAsTestSetWithClassesMappedByName()
    {
        string dir = Path.Combine(Path.GetTempPath(), "deepsharp-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "train.csv"), "x,y,kind\n0,1,cat\n1,0,dog\n2,2,emu\n3,1,cat\n");
        // Only two of the three classes: the reader numbers them dog=0, emu=1 here, cat=0, dog=1, emu=2 in training.
        File.WriteAllText(Path.Combine(dir, "test.csv"), "x,y,kind\n5,5,dog\n6,6,emu\n");
        var train = DatasetCatalog.Load("csv:" + Path.Combine(dir, "train.csv"), new DatasetCatalogOptions { LabelColumn = "kind" });
        Assert.Equal(DatasetKind.Table, train.Kind);
        Assert.Null(train.Test);
        Assert.Equal(["cat", "dog", "emu"], train.ClassNames);
        var both = DatasetCatalog.WithTestSet(train, "csv:" + Path.Combine(dir, "test.csv"), new DatasetCatalogOptions { LabelColumn = "kind" });
        Assert.Equal([1, 2], both.Test!.Targets.ToArray<int>());
        File.WriteAllText(Path.Combine(dir, "odd.csv"), "x,y,kind\n5,5,yak\n");
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.WithTestSet(train, "csv:" + Path.Combine(dir, "odd.csv"), new DatasetCatalogOptions { LabelColumn = "kind" }));
        Assert.Contains("class 'yak'", e.Message);
        File.WriteAllText(Path.Combine(dir, "wide.csv"), "x,y,z,kind\n5,5,5,dog\n");
        e = Assert.Throws<ArgumentException>(() => DatasetCatalog.WithTestSet(train, "csv:" + Path.Combine(dir, "wide.csv"), new DatasetCatalogOptions { LabelColumn = "kind" }));
        Assert.Contains("has inputs (3,) but training dataset", e.Message);
        var limited = DatasetCatalog.Load("csv:" + Path.Combine(dir, "train.csv"), new DatasetCatalogOptions { LabelColumn = "kind", Samples = 2 });
        Assert.Equal(2, limited.Train.Count);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ImageFoldersLoadFlatOrAsImages()
    {
        string dir = Path.Combine(Path.GetTempPath(), "deepsharp-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (prefix, n) in new[] { ("train", 12), ("t10k", 6) })
        {
            IdxWriter.Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), [n, 4, 3], Enumerable.Range(0, n * 12).Select(i => (byte)i).ToArray());
            IdxWriter.Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), [n], Enumerable.Range(0, n).Select(i => (byte)(i % 3)).ToArray());
        }
        var flat = DatasetCatalog.Load("mnist-dir:" + dir, new DatasetCatalogOptions { Samples = 10 });
        Assert.Equal(DatasetKind.Images, flat.Kind);
        Assert.Equal((4, 3), (flat.ImageRows, flat.ImageCols));
        Assert.Equal([12], flat.Train.InputShape);
        Assert.Equal(10, flat.Train.Count);
        Assert.Equal(6, flat.Test!.Count);
        Assert.Equal(["0", "1", "2"], flat.ClassNames);
        var images = DatasetCatalog.Load("mnist-dir:" + dir, new DatasetCatalogOptions { FlattenImages = false });
        Assert.Equal([1, 4, 3], images.Train.InputShape);
        Assert.Equal(1f / 255, images.Train.Inputs.ToArray<float>()[1], 6);
        Directory.Delete(dir, true);
    }
}
