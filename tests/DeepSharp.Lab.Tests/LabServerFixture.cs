using System.Net.Http.Json;
using System.Text.Json;
using DeepSharp.Lab;
using DeepSharp.Lab.Web;

namespace DeepSharp.Lab.Tests;

/// <summary>One lab server for a test class: Kestrel on a free loopback port, with a temporary runs folder.</summary>
public sealed class LabServerFixture : IAsyncLifetime
{
    public LabServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string RunsRoot { get; } = Directory.CreateTempSubdirectory("deepsharp-lab-runs-").FullName;

    public async Task InitializeAsync()
    {
        Server = await LabServer.StartAsync(new LabServerOptions { Port = 0, RunsRoot = RunsRoot });
        Http = new HttpClient { BaseAddress = new Uri(Server.Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(RunsRoot, recursive: true);
            if (Directory.Exists(RunsRoot + "-outside")) Directory.Delete(RunsRoot + "-outside", recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task<JsonElement> Json(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> Create(object config)
    {
        var response = await Http.PostAsJsonAsync("api/lab/sessions", config, LabJson.Options);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }
}
