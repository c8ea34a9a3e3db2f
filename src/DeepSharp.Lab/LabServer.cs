using DeepSharp.Lab.Dashboard;
using DeepSharp.Lab.Playground;
using DeepSharp.Lab.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepSharp.Lab;

/// <summary>
/// The web server of <c>deepsharp lab</c> and <c>deepsharp dashboard</c>: Kestrel on one address,
/// the embedded pages, the lab API and (with <see cref="LabServerOptions.RunsRoot"/>) the dashboard API.
/// </summary>
public sealed class LabServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LabSessionStore _sessions = new();
    private readonly RunWatcher? _runs;

    private LabServer(WebApplication app, RunWatcher? runs)
    {
        _app = app;
        _runs = runs;
    }

    /// <summary>The address the server answers on, e.g. <c>http://127.0.0.1:8050/</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The watcher of the runs folder, or null without a dashboard.</summary>
    public RunWatcher? Runs => _runs;

    /// <summary>The lab sessions (for tests and diagnostics).</summary>
    public LabSessionStore Sessions => _sessions;

    /// <summary>Binds and starts the server.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    /// <exception cref="DirectoryNotFoundException">The runs folder does not exist.</exception>
    public static async Task<LabServer> StartAsync(LabServerOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RunCatalog? catalog = options.RunsRoot is null ? null : new RunCatalog(options.RunsRoot);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var address = LabServerOptions.ParseHost(options.Host)!;
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.Limits.MaxRequestBodySize = LabLimits.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var runs = catalog is null ? null : new RunWatcher(catalog);
        var server = new LabServer(app, runs);
        server.Configure(options, catalog);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException)
        {
            await app.DisposeAsync();
            throw new IOException($"cannot listen on {options.Host}:{options.Port}: {e.Message}", e);
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = bound.TrimEnd('/') + "/";
        runs?.Start();
        return server;
    }

    private void Configure(LabServerOptions options, RunCatalog? catalog)
    {
        var app = _app;
        app.Use(async (http, next) =>
        {
            // Refuse other sites' pages (DNS rebinding) when bound to loopback, and allow nothing external in the page.
            if (IsLoopbackOnly(options) && !IsLocalHost(http.Request.Host.Host))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsJsonAsync(new { error = $"host '{http.Request.Host.Host}' is not this machine." });
                return;
            }
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            try
            {
                await next(http);
            }
            catch (LabRequestException e) when (!http.Response.HasStarted)
            {
                http.Response.StatusCode = e.StatusCode;
                await http.Response.WriteAsJsonAsync(new { error = e.Message });
            }
            catch (BadHttpRequestException e) when (!http.Response.HasStarted)
            {
                http.Response.StatusCode = e.StatusCode;
                await http.Response.WriteAsJsonAsync(new { error = e.Message });
            }
        });
        string start = options.StartPage == LabStartPage.Dashboard && catalog is not null ? "dashboard.html" : "lab.html";
        app.MapGet("/", () => EmbeddedAssets.Serve(start));
        app.MapGet("/lab", () => EmbeddedAssets.Serve("lab.html"));
        app.MapGet("/assets/{name}", (string name) => EmbeddedAssets.Serve(name));
        LabEndpoints.Map(app, _sessions);
        if (catalog is not null)
        {
            app.MapGet("/dashboard", () => EmbeddedAssets.Serve("dashboard.html"));
            DashboardEndpoints.Map(app, catalog, _runs!);
        }
        app.MapFallback((HttpContext http) => Results.Json(new { error = $"no such page: {http.Request.Path}" }, statusCode: 404));
    }

    private static bool IsLoopbackOnly(LabServerOptions options) => System.Net.IPAddress.IsLoopback(LabServerOptions.ParseHost(options.Host)!);

    private static bool IsLocalHost(string host) =>
        host is "127.0.0.1" or "[::1]" or "::1" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the server and every session.</summary>
    public async ValueTask DisposeAsync()
    {
        _runs?.Dispose();
        _sessions.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
