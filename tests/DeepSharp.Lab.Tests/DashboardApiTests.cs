using System.Net;
using DeepSharp.Lab.Dashboard;

namespace DeepSharp.Lab.Tests;

/// <summary>The dashboard API over a runs folder written by the real <c>deepsharp train --dashboard</c>, and its refusals.</summary>
public sealed class DashboardApiTests(LabServerFixture fx) : IClassFixture<LabServerFixture>
{
    private async Task<string> Train(string name, string dataset = "moons", int epochs = 3)
    {
        string dir = Path.Combine(fx.RunsRoot, name);
        if (!Directory.Exists(dir))
        {
            var (code, _, error) = TestConsole.Run("train", "--dataset", dataset, "--samples", "200", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--out", dir, "--dashboard", "--dashboard-port", "0", "--quiet");
            Assert.True(code == 0, error);
        }
        fx.Server.Runs!.Refresh();
        return dir;
    }

    [Fact]
    public async Task ATrainedRunShowsItsCurvesAndFrames()
    {
        string dir = await Train("moons-a");
        var list = await fx.Json(await fx.Http.GetAsync("api/runs"));
        var run = list.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "moons-a");
        Assert.Equal([1, 2, 3], run.GetProperty("history").GetProperty("epoch").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal([1, 2, 3], run.GetProperty("frameEpochs").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal("finished", run.GetProperty("info").GetProperty("status").GetString());
        Assert.Equal("points", run.GetProperty("info").GetProperty("kind").GetString());
        var frame = await fx.Json(await fx.Http.GetAsync("api/runs/moons-a/frames/3"));
        Assert.Equal(RunInsights.BoundarySize, frame.GetProperty("boundary").GetProperty("size").GetInt32());
        var confusion = frame.GetProperty("confusion");
        Assert.Equal(frame.GetProperty("samples").GetInt32(), confusion.EnumerateArray().Sum(r => r.EnumerateArray().Sum(v => v.GetInt64())));
        Assert.Equal(HttpStatusCode.OK, (await fx.Http.GetAsync("api/runs/moons-a/pictures/decision-boundary.png")).StatusCode);
        Assert.True(File.Exists(Path.Combine(dir, "history.csv")));
    }

    [SkippableFact]
    public async Task ConvFiltersComeFromTheCheckpoint()
    {
        Skip.IfNot(File.Exists(Path.Combine(DeepSharp.Data.FashionMnist.DefaultDirectory, "t10k-labels-idx1-ubyte.gz")),
            $"Fashion-MNIST is not installed in {DeepSharp.Data.FashionMnist.DefaultDirectory} (Debian package dataset-fashion-mnist)");
        var (code, _, error) = TestConsole.Run("train", "--dataset", "fashion-mnist", "--model", "lenet5", "--samples", "200", "--epochs", "1",
            "--out", Path.Combine(fx.RunsRoot, "lenet-a"), "--dashboard", "--dashboard-port", "0", "--quiet");
        Assert.True(code == 0, error);
        fx.Server.Runs!.Refresh();
        var filters = (await fx.Json(await fx.Http.GetAsync("api/runs/lenet-a/filters"))).GetProperty("filters");
        Assert.Equal(6, filters.GetProperty("count").GetInt32());
        Assert.Equal(5, filters.GetProperty("height").GetInt32());
        var frame = await fx.Json(await fx.Http.GetAsync("api/runs/lenet-a/frames/1"));
        Assert.True(frame.GetProperty("misclassified").GetArrayLength() > 0);
        Assert.Equal(10, frame.GetProperty("confusion").GetArrayLength());
    }

    [Theory]
    [InlineData("api/runs/..")]
    [InlineData("api/runs/..%2F..%2Fetc")]
    [InlineData("api/runs/%2e%2e")]
    [InlineData("api/runs/.hidden")]
    [InlineData("api/runs/moons-a/frames/..%2F..%2Fhistory")]
    [InlineData("api/runs/moons-a/frames/-1")]
    [InlineData("api/runs/moons-a/pictures/history.csv")]
    [InlineData("api/runs/moons-a/pictures/..%2Fcheckpoint.safetensors")]
    [InlineData("api/runs/no-such-run")]
    [InlineData("api/runs/outside-link")]
    [InlineData("api/runs/%2Fetc%2Fpasswd")]
    public async Task OnlyTheRunFoldersAskedForAreServed(string url)
    {
        await Train("moons-a");
        // A link inside the runs folder to a run-like folder outside it.
        string outside = fx.RunsRoot + "-outside";
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "history.csv"), "secret");
        string link = Path.Combine(fx.RunsRoot, "outside-link");
        if (new DirectoryInfo(link).LinkTarget is null) Directory.CreateSymbolicLink(link, outside);
        var response = await fx.Http.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
        var list = await fx.Http.GetStringAsync("api/runs");
        Assert.DoesNotContain("outside-link", list);
    }

    [Fact]
    public void RunNamesArePlainFolderNames()
    {
        Assert.True(RunCatalog.IsValidName("20261122-024201"));
        Assert.True(RunCatalog.IsValidName("moons_lr0.1+adam"));
        foreach (string bad in new[] { "", ".", "..", "../x", "a/b", "a\\b", "/etc", ".git", "a%2f", new string('a', 129) })
            Assert.False(RunCatalog.IsValidName(bad), bad);
    }
}
