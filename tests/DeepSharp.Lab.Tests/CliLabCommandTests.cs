using System.Net;

namespace DeepSharp.Lab.Tests;

/// <summary>The lab and dashboard commands: bad input is one line and exit code 2; a good start serves until cancelled.</summary>
public sealed class CliLabCommandTests
{
    [Theory]
    [InlineData("lab", "--port", "abc")]
    [InlineData("lab", "--port", "70000")]
    [InlineData("lab", "--host", "not-an-address")]
    [InlineData("lab", "extra-word")]
    [InlineData("dashboard", "/no/such/runs/folder")]
    [InlineData("dashboard", "a", "b")]
    [InlineData("train", "--dashboard-port", "0")]
    public void BadUsageIsOneLineAndExitCode2(params string[] args)
    {
        var (code, _, error) = TestConsole.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("deepsharp: error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void APortInUseIsAUsageError()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (code, _, error) = TestConsole.Run("lab", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task LabServesOnLoopbackUntilCancelled()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var run = Task.Run(() => DeepSharp.Cli.CliApp.Run(["lab", "--port", "0"],
            new DeepSharp.Cli.CliContext(TextWriter.Synchronized(output), TextWriter.Null, false, cts.Token)));
        string? url = null;
        for (int i = 0; i < 200 && url is null; i++)
        {
            await Task.Delay(50);
            var m = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"http://127\.0\.0\.1:\d+/");
            if (m.Success) url = m.Value;
        }
        Assert.NotNull(url);
        using var http = new HttpClient();
        Assert.Contains("DeepSharp Lab", await http.GetStringAsync(url));
        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
