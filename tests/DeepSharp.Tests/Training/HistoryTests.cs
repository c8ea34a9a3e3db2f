using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public class HistoryTests
{
    private static History Sample()
    {
        var h = new History("accuracy");
        h.Add(new EpochRecord(1, 0.1 + 0.2, 0.5, null, null, 0.01, 1.25, 0));
        h.Add(new EpochRecord(2, 1.0 / 3, null, 2e-300, double.NaN, 1e-7, 0.0001, 3));
        return h;
    }

    [Fact]
    public void CsvRoundTripsExactly()
    {
        var h = Sample();
        string csv = h.ToCsv();
        Assert.StartsWith("epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches\n1,0.30000000000000004,0.5,,,0.01,1.25,0\n", csv);
        var back = History.FromCsv(csv, "accuracy");
        Assert.Equal(h.Epochs, back.Epochs);
        Assert.Equal("accuracy", back.MetricName);
        Assert.Null(back.StopReason);
    }

    [Fact]
    public void SaveCsvReplacesTheFileAndLeavesNoTemporaries()
    {
        string dir = Directory.CreateTempSubdirectory("deepsharp-history").FullName;
        try
        {
            string path = Path.Combine(dir, "h.csv");
            File.WriteAllText(path, "old");
            var h = Sample();
            h.SaveCsv(path);
            Assert.Equal(h.Epochs, History.LoadCsv(path).Epochs);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("epoch,loss\n", "line 1")]
    [InlineData("epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches\n1,0.5,,,,0.1,1\n", "line 2: expected 8 columns")]
    [InlineData("epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches\n1,0.5,,,,0.1,1,0\n2,abc,,,,0.1,1,0\n", "line 3, column 2")]
    public void MalformedCsvIsReportedWithItsLocation(string csv, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => History.FromCsv(csv));
        Assert.Contains(expected, ex.Message);
    }
}
