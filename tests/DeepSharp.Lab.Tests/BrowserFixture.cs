using Microsoft.Playwright;

namespace DeepSharp.Lab.Tests;

/// <summary>Debian's Chromium driven by Playwright for .NET (its driver ships in the NuGet package; no
/// browser is downloaded), started once for the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public static string? MissingReason => File.Exists(Chromium) ? null : $"{Chromium} is not installed (Debian package chromium; .ci/run installs it)";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (MissingReason is not null) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    public async Task<IPage> NewPage(List<string> errors)
    {
        var page = await Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1150 } });
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        return page;
    }
}
