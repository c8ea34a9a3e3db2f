using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

public sealed class CsvDataReaderTests
{
    private static CsvData Read(string text, CsvReadOptions? options = null) =>
        CsvDataReader.Read(new StringReader(text), "test.csv", options);

    private static DataFormatException Fails(string text, CsvReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, options));

    private const string Iris =
        "sepal_length,sepal_width,species\n" +
        "5.1,3.5,setosa\n" +
        "7.0,3.2,versicolor\n" +
        "6.3,3.3,virginica\n" +
        "4.9,3.0,setosa\n";

    [Fact]
    public void ValidFile_FeaturesRowMajorAndStringLabelsSortedOrdinally()
    {
        CsvData data = Read(Iris, new CsvReadOptions { Label = "species" });
        Assert.Equal(4, data.N);
        Assert.Equal(new[] { "sepal_length", "sepal_width" }, data.FeatureNames);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(new[] { 5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f }, data.Features);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(new[] { 0, 1, 2, 0 }, data.ClassLabels);
        Assert.Null(data.Targets);
        Assert.Equal("species", data.LabelName);
    }

    [Fact]
    public void ClassMapping_DoesNotDependOnRowOrder()
    {
        string reordered = "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n";
        CsvData data = Read(reordered, new CsvReadOptions { Label = CsvLabel.Last });
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(new[] { 2, 0, 1 }, data.ClassLabels);
    }

    [Fact]
    public void NumericLookingLabels_AreSortedNumerically()
    {
        CsvData data = Read("x,y\n1,10\n2,9\n3,-1\n4,2.5\n5,9\n", new CsvReadOptions { Label = 1 });
        Assert.Equal(new[] { "-1", "2.5", "9", "10" }, data.ClassNames);
        Assert.Equal(new[] { 3, 2, 0, 1, 2 }, data.ClassLabels);
        Assert.Equal(new[] { "x" }, data.FeatureNames);
    }

    [Fact]
    public void LabelInTheMiddle_ByIndex_AndRegressionTargets()
    {
        CsvData data = Read("a,price,b\n1,10.5,2\n3,-2e3,4\n", new CsvReadOptions { Label = 1, LabelKind = CsvLabelKind.Regression });
        Assert.Equal(new[] { "a", "b" }, data.FeatureNames);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features);
        Assert.Equal(new[] { 10.5f, -2000f }, data.Targets);
        Assert.Null(data.ClassLabels);
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void NoLabel_AllColumnsAreFeatures()
    {
        CsvData data = Read("a,b\n1,2\n3,4");
        Assert.Equal(2, data.N);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features);
        Assert.Null(data.ClassLabels);
        Assert.Null(data.LabelName);
    }

    [Fact]
    public void QuotedFields_DelimitersNewlinesAndDoubledQuotes()
    {
        string text = "\"x\",\"the \"\"label\"\"\"\r\n" +
                      "\"1.5\",\"a, b\"\r\n" +
                      " \"2\" ,\"line one\nline two\"\r\n" +
                      "3,plain\r\n";
        CsvData data = Read(text, new CsvReadOptions { Label = "the \"label\"" });
        Assert.Equal(new[] { 1.5f, 2f, 3f }, data.Features);
        Assert.Equal(new[] { "a, b", "line one\nline two", "plain" }, data.ClassNames);
        Assert.Equal(new[] { 0, 1, 2 }, data.ClassLabels);
    }

    [Fact]
    public void Delimiter_Semicolon_And_Tab_WithBlankLinesAndBom()
    {
        CsvData semi = Read("\uFEFFa;b\n\n1.5;\"x;y\"\n\n", new CsvReadOptions { Delimiter = ';', Label = "b" });
        Assert.Equal(["a"], semi.FeatureNames);
        Assert.Equal([1.5f], semi.Features);
        Assert.Equal(["x;y"], semi.ClassNames!);
        CsvData tab = Read("a\tb\n 1 \t 2 \n", new CsvReadOptions { Delimiter = '\t' });
        Assert.Equal(new[] { 1f, 2f }, tab.Features);
    }

    [Fact]
    public void NoHeader_ColumnsAreNamedByPosition()
    {
        CsvData data = Read("1,2,cat\n3,4,dog\n", new CsvReadOptions { HasHeader = false, Label = 2 });
        Assert.Equal(new[] { "column1", "column2" }, data.FeatureNames);
        Assert.Equal(2, data.N);
        Assert.Equal(new[] { 0, 1 }, data.ClassLabels);
        Assert.Throws<ArgumentException>(() => Read("1,2\n", new CsvReadOptions { HasHeader = false, Label = "b" }));
    }

    [Fact]
    public void MissingValue_ReportsFileLineAndColumn()
    {
        var ex = Fails("a,b,c\n1,2,3\n4,,6\n");
        Assert.Equal("test.csv", ex.FilePath);
        Assert.Equal(3, ex.Line);
        Assert.Equal(2, ex.Column);
        Assert.Equal("b", ex.ColumnName);
        Assert.Contains("test.csv (line 3, column 2 'b'): missing value", ex.Message);
        Assert.Contains("missing label", Fails("a,y\n1,\n", new CsvReadOptions { Label = "y" }).Message);
    }

    [Fact]
    public void NonNumeric_AndNonFinite_AreRejected()
    {
        var ex = Fails("a,b\n1,2\n3,abc\n");
        Assert.Equal((3, 2), (ex.Line, ex.Column));
        Assert.Contains("expected a number, found 'abc'", ex.Message);
        Assert.Contains("finite", Fails("a\nNaN\n").Message);
        Assert.Contains("finite", Fails("a\n1e999\n").Message);
        Assert.Contains("expected a number, found '1,5'", Fails("a;b\n1,5;2\n", new CsvReadOptions { Delimiter = ';' }).Message);
        Assert.Contains("expected a number", Fails("a,y\n1,x\n", new CsvReadOptions { Label = "y", LabelKind = CsvLabelKind.Regression }).Message);
    }

    [Fact]
    public void RaggedRows_AreReportedWithTheirLine()
    {
        var shortRow = Fails("a,b,c\n1,2,3\n\n4,5\n");
        Assert.Equal(4, shortRow.Line);
        Assert.Contains("expected 3 fields (as in the header), found 2", shortRow.Message);
        Assert.Contains("found 4", Fails("a,b,c\n1,2,3,4\n").Message);
    }

    [Fact]
    public void QuotingErrors_AndEmptyFile()
    {
        var open = Fails("a,b\n1,\"2\n3,4\n");
        Assert.Contains("unterminated quoted field opened on line 2", open.Message);
        Assert.Contains("after the closing quote, found 'x'", Fails("a,b\n1,\"2\"x\n").Message);
        Assert.Contains("empty", Fails("").Message);
        Assert.Contains("empty", Fails("\n\r\n").Message);
    }

    [Fact]
    public void LabelColumn_NotFound_Ambiguous_OutOfRange()
    {
        Assert.Contains("no column named 'kind' for the label; the header has: a, b", Fails("a,b\n1,2\n", new CsvReadOptions { Label = "kind" }).Message);
        Assert.Contains("ambiguous", Fails("y,y\n1,2\n", new CsvReadOptions { Label = "y" }).Message);
        Assert.Contains("out of range", Fails("a,b\n1,2\n", new CsvReadOptions { Label = 2 }).Message);
    }

    [Fact]
    public void Options_Validate()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CsvReadOptions { Delimiter = '"' });
        Assert.Equal("Delimiter", ex.ParamName);
        Assert.Equal("LabelKind", Assert.Throws<ArgumentOutOfRangeException>(() => new CsvReadOptions { LabelKind = (CsvLabelKind)7 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvLabel.ByIndex(-1));
        Assert.Throws<ArgumentException>(() => CsvLabel.ByName(""));
    }

    [Fact]
    public void ReadsFromFile_WithPathInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"deepsharp-csv-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "a,b\n1,2\n3,x\n");
            var ex = Assert.Throws<DataFormatException>(() => CsvDataReader.Read(path));
            Assert.Equal(path, ex.FilePath);
            File.WriteAllText(path, Iris);
            Assert.Equal(4, CsvDataReader.Read(path, new CsvReadOptions { Label = "species" }).N);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MutatedText_EitherReadsOrThrowsDataFormatException()
    {
        var rng = new RandomGenerator(77);
        const string alphabet = ",;\"\r\n \t0123456789.-eEabxyNaInf";
        int ok = 0;
        for (int iter = 0; iter < 3000; iter++)
        {
            var text = new System.Text.StringBuilder(Iris);
            for (int e = 1 + rng.NextInt(3); e > 0 && text.Length > 0; e--)
            {
                int at = rng.NextInt(text.Length);
                switch (rng.NextInt(3))
                {
                    case 0: text[at] = alphabet[rng.NextInt(alphabet.Length)]; break;
                    case 1: text.Insert(at, alphabet[rng.NextInt(alphabet.Length)]); break;
                    default: text.Remove(at, Math.Min(text.Length - at, 1 + rng.NextInt(4))); break;
                }
            }
            try
            {
                CsvData data = Read(text.ToString(), new CsvReadOptions { Label = CsvLabel.Last });
                Assert.Equal(data.N * data.FeatureCount, data.Features.Length);
                Assert.Equal(data.N, data.ClassLabels!.Length);
                ok++;
            }
            catch (DataFormatException ex)
            {
                Assert.StartsWith("test.csv", ex.Message);
            }
        }
        Assert.True(ok > 100, $"only {ok} mutated files parsed");
    }
}
