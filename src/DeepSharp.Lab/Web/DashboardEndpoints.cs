using DeepSharp.Autograd;
using DeepSharp.Lab.Dashboard;
using DeepSharp.Lab.Playground;
using DeepSharp.Serialization;
using DeepSharp.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DeepSharp.Lab.Web;

/// <summary>The dashboard's HTTP API under <c>/api/runs</c>. Every route resolves its run through
/// <see cref="RunCatalog.Resolve"/> and reads only fixed file names inside it.</summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app, RunCatalog catalog, RunWatcher watcher)
    {
        var api = app.MapGroup("/api/runs");
        api.MapGet("", () => Results.Json(new { Root = catalog.Root, Runs = watcher.Runs }, LabJson.Options));
        api.MapGet("/events", async (HttpContext http) =>
        {
            using var subscription = watcher.Changes.Subscribe();
            await EventStream.Run(http, LabJson.Bytes(new { Type = "all", Runs = watcher.Runs }), subscription);
        });
        api.MapGet("/{name}", (string name) => Results.Json(RunReader.Read(name, catalog.Resolve(name)), LabJson.Options));
        api.MapGet("/{name}/frames/{epoch}", (string name, string epoch) =>
        {
            string dir = catalog.Resolve(name);
            if (!int.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int e) || e < 1 || e > 99_999)
                throw new LabRequestException($"epoch: expected an epoch number from 1 to 99999, got '{epoch}'.");
            var file = RunCatalog.File(dir, RunFileNames.Frame(e))
                ?? throw new LabRequestException($"run '{name}' has no frame for epoch {e}.", 404);
            return Results.Bytes(File.ReadAllBytes(file.FullName), "application/json");
        });
        api.MapGet("/{name}/filters", (string name) =>
        {
            string dir = catalog.Resolve(name);
            var file = RunCatalog.File(dir, RunFileNames.Checkpoint)
                ?? throw new LabRequestException($"run '{name}' has no checkpoint.", 404);
            return Results.Json(new { Filters = CheckpointFilters(file.FullName) }, LabJson.Options);
        });
        api.MapGet("/{name}/pictures/{file}", (string name, string file) =>
        {
            string dir = catalog.Resolve(name);
            if (!RunFileNames.Pictures.Contains(file, StringComparer.Ordinal))
                throw new LabRequestException($"picture: expected one of {string.Join(", ", RunFileNames.Pictures)}.", 404);
            var info = RunCatalog.File(dir, file) ?? throw new LabRequestException($"run '{name}' has no {file}.", 404);
            return Results.Bytes(File.ReadAllBytes(info.FullName), "image/png");
        });
    }

    // The first-layer filters of a checkpoint that stores its model description.
    private static FilterSet? CheckpointFilters(string path)
    {
        try
        {
            var checkpoint = Checkpoint.Load(path);
            if (checkpoint.Description is null) return null;
            var model = checkpoint.BuildModel();
            using var _ = GradMode.NoGrad();
            return RunInsights.Filters(model);
        }
        catch (Exception e) when (e is ModelFormatException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new LabRequestException($"checkpoint: {e.Message}", 422);
        }
    }
}
