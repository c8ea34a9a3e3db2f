using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace DeepSharp.Lab.Tests;

/// <summary>The lab page in headless Chromium: it loads, trains, the loss falls and the boundary
/// changes, a neuron shows its output and delta, and the walk's numbers on the drawing equal the
/// library's gradients.</summary>
public sealed class LabPageTests(LabServerFixture fx, BrowserFixture browser) : IClassFixture<LabServerFixture>, IClassFixture<BrowserFixture>
{
    private static double Value(string? s) => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task TheLabTrainsWalksAndShowsTheLibrarysNumbers()
    {
        Skip.If(BrowserFixture.MissingReason is not null, BrowserFixture.MissingReason);
        var errors = new List<string>();
        var page = await browser.NewPage(errors);
        await page.GotoAsync(fx.Server.Url);
        await page.WaitForSelectorAsync(".node[data-layer='2'][data-index='0']");
        // A small network so every edge carries its number: 2 features -> 3 -> output.
        await page.ClickAsync(".dataset[data-dataset='xor']");
        await page.WaitForFunctionAsync("() => window.deepsharpLab.config && window.deepsharpLab.config.dataset === 'xor'");
        await page.ClickAsync("#removeLayer");
        await page.WaitForFunctionAsync("() => window.deepsharpLab.config.hidden.length === 1");
        await page.SelectOptionAsync("#learningRate", "0.1");
        await page.SelectOptionAsync("#stepsPerFrame", "10");
        await page.WaitForFunctionAsync("() => window.deepsharpLab.config.stepsPerFrame === 10");
        double before = Value(await page.GetAttributeAsync("#testLoss", "data-value"));
        string boundaryBefore = await page.EvaluateAsync<string>("() => document.getElementById('boundary').toDataURL()");

        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('testLoss').dataset.value) < {(before * 0.8).ToString(CultureInfo.InvariantCulture)}",
            null, new PageWaitForFunctionOptions { Timeout = 20000 });
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => window.deepsharpLab.frame && !window.deepsharpLab.frame.playing");
        string boundaryAfter = await page.EvaluateAsync<string>("() => document.getElementById('boundary').toDataURL()");
        Assert.NotEqual(boundaryBefore, boundaryAfter);
        Assert.True(await page.EvaluateAsync<int>("() => window.deepsharpLab.framesSeen") > 3);

        // A click on a hidden neuron shows its output map and, for the walked sample, its output and delta.
        await page.ClickAsync(".node[data-layer='1'][data-index='0']");
        await page.WaitForSelectorAsync("#inspectorNumbers td[data-kind='delta']");
        Assert.True(await page.IsVisibleAsync("#inspector"));
        Assert.NotNull(await page.QuerySelectorAsync("#inspectorNumbers td[data-kind='output']"));

        // Walk a training point: go through every phase, reading the numbers drawn on the network.
        var snapshot = await fx.Json(await fx.Http.GetAsync($"api/lab/sessions/{await page.EvaluateAsync<string>("() => window.deepsharpLab.snapshot.id")}"));
        int target = snapshot.GetProperty("data").GetProperty("train")[5].GetInt32();
        await page.EvaluateAsync("() => document.getElementById('walk').dataset.index = ''");
        await ClickPoint(page, snapshot, target);
        await page.WaitForFunctionAsync("() => document.getElementById('walk').dataset.index !== ''");
        // The nearest point to the click (usually the one aimed at).
        int index = int.Parse((await page.GetAttributeAsync("#walk", "data-index"))!, CultureInfo.InvariantCulture);
        var reference = new LibraryReference(snapshot, index);
        int phases = await page.EvaluateAsync<int>("() => window.deepsharpLab.phases.length");
        Assert.Equal(7, phases);  // sample, forward x2, output delta, hidden deltas, updates x2
        var grads = new Dictionary<(int Layer, int Row, int From), double>();
        var deltas = new Dictionary<(int Layer, int Neuron), double>();
        for (int p = 0; p < phases; p++)
        {
            foreach (var label in await page.QuerySelectorAllAsync(".edge-label.update"))
                grads[(int.Parse((await label.GetAttributeAsync("data-layer"))!, CultureInfo.InvariantCulture), int.Parse((await label.GetAttributeAsync("data-row"))!, CultureInfo.InvariantCulture),
                    int.Parse((await label.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture))] = Value(await label.GetAttributeAsync("data-grad"));
            foreach (var badge in await page.QuerySelectorAllAsync(".badge [data-kind='delta']"))
                deltas[(int.Parse((await badge.GetAttributeAsync("data-layer"))!, CultureInfo.InvariantCulture), int.Parse((await badge.GetAttributeAsync("data-index"))!, CultureInfo.InvariantCulture))] =
                    Value(await badge.GetAttributeAsync("data-value"));
            if (p == 3) await Screenshot(page, "lab-walk-delta.png");
            if (p < phases - 1) await page.ClickAsync("#walkNext");
        }
        // Every weight of the network got its number, and each equals the library's gradient (1e-6).
        int expected = reference.WeightGrad.Sum(g => g.Length);
        Assert.Equal(expected, grads.Count);
        foreach (var ((layer, row, from), g) in grads)
        {
            int cols = reference.Network.Layers[layer - 1].Inputs;
            Assert.True(Math.Abs(reference.WeightGrad[layer - 1][row * cols + from] - g) <= 1e-6, $"w[{layer}][{row}][{from}]: page {g}, library {reference.WeightGrad[layer - 1][row * cols + from]}");
        }
        // Each neuron's delta is the library's bias gradient ∂L/∂b = ∂L/∂z.
        Assert.Equal(reference.BiasGrad.Sum(b => b.Length), deltas.Count);
        foreach (var ((layer, neuron), d) in deltas) Assert.Equal(reference.BiasGrad[layer - 1][neuron], d, 1e-6);
        await Screenshot(page, "lab.png");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task ClickPoint(IPage page, JsonElement snapshot, int index)
    {
        var data = snapshot.GetProperty("data");
        double extent = snapshot.GetProperty("layout").GetProperty("extent").GetDouble();
        double x = (data.GetProperty("x")[index].GetDouble() + extent) / (2 * extent) * 400;
        double y = (extent - data.GetProperty("y")[index].GetDouble()) / (2 * extent) * 400;
        await page.ClickAsync("#pointLayer", new PageClickOptions { Position = new Position { X = (float)x, Y = (float)y } });
    }

    internal static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });
}
