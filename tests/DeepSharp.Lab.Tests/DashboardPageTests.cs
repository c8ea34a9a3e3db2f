using Microsoft.Playwright;

namespace DeepSharp.Lab.Tests;

/// <summary>The dashboard page in headless Chromium shows a run's curves while <c>deepsharp train</c> is writing them.</summary>
public sealed class DashboardPageTests(LabServerFixture fx, BrowserFixture browser) : IClassFixture<LabServerFixture>, IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task CurvesStreamWhileARunTrains()
    {
        Skip.If(BrowserFixture.MissingReason is not null, BrowserFixture.MissingReason);
        var errors = new List<string>();
        var page = await browser.NewPage(errors);
        await page.GotoAsync(fx.Server.Url + "dashboard");
        await page.WaitForFunctionAsync("() => document.getElementById('live').textContent === 'live'");
        using var stop = new CancellationTokenSource();
        string dir = Path.Combine(fx.RunsRoot, "live-spirals");
        var training = Task.Run(() => TestConsole.Run(stop.Token, "train", "--dataset", "spirals", "--epochs", "100000", "--batch-size", "8",
            "--out", dir, "--dashboard", "--dashboard-port", "0", "--quiet"));
        try
        {
            // The run appears as running and its loss curve grows epoch by epoch.
            await page.WaitForSelectorAsync("li[data-run='live-spirals'] .pill.running", new PageWaitForSelectorOptions { Timeout = 20000 });
            await page.ClickAsync("li[data-run='live-spirals'] .name");
            await page.CheckAsync("li[data-run='live-spirals'] input");
            await page.WaitForFunctionAsync("() => { const r = window.deepsharpDashboard.runs.get('live-spirals'); return r && r.history.epoch.length >= 2; }",
                null, new PageWaitForFunctionOptions { Timeout = 20000 });
            int first = await page.EvaluateAsync<int>("() => window.deepsharpDashboard.runs.get('live-spirals').history.epoch.length");
            await page.WaitForFunctionAsync($"() => window.deepsharpDashboard.runs.get('live-spirals').history.epoch.length > {first}",
                null, new PageWaitForFunctionOptions { Timeout = 20000 });
            Assert.True(int.Parse((await page.GetAttributeAsync("#lossChart", "data-points"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            await page.WaitForSelectorAsync("#boundaryPanel:not([hidden])", new PageWaitForSelectorOptions { Timeout = 20000 });
            await page.WaitForSelectorAsync("#confusion td");
            await LabPageTests.Screenshot(page, "dashboard.png");
        }
        finally
        {
            stop.Cancel();
        }
        var (code, _, _) = await training.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, code);  // stopped by the test's Ctrl-C, keeping what was written
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
