using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepSharp.Lab.Playground;
using DeepSharp.Lab.Web;
using Xunit.Abstractions;

namespace DeepSharp.Lab.Tests;

/// <summary>The lab's HTTP API: sessions, training through it, the frame stream, and the refusals.</summary>
public sealed class LabApiTests(LabServerFixture fx, ITestOutputHelper output) : IClassFixture<LabServerFixture>
{
    [Fact]
    public async Task OptionsListEveryActivationOfTheLectures()
    {
        var options = await fx.Json(await fx.Http.GetAsync("api/lab/options"));
        var names = options.GetProperty("activations").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["step", "sign", "sigmoid", "tanh", "arctan", "relu", "leaky-relu", "shifted-relu", "maxout", "softplus", "elu", "swish"], names);
        Assert.Equal(["gaussians", "circles", "xor", "spirals", "moons"], options.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()!).ToArray());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"hidden":[4,-1]}""", "hidden: layer 2 has -1 neurons" },
        { """{"hidden":[1,1,1,1,1,1,1]}""", "at most 6 hidden layers" },
        { "{\"hidden\":[" + string.Join(',', Enumerable.Repeat(1, 1_000_000)) + "]}", "at most 16384 bytes" },
        { """{"hidden":[13]}""", "expected 1 to 12" },
        { """{"activation":"gelu"}""", "activation: unknown value 'gelu'" },
        { """{"dataset":"mnist"}""", "dataset: unknown value 'mnist'" },
        { """{"learningRate":"NaN"}""", "learningRate" },
        { """{"learningRate":-1}""", "learningRate" },
        { """{"points":1000000}""", "points: expected an integer from 20 to 2000" },
        { """{"batchSize":0}""", "batchSize" },
        { """{"features":[]}""", "features: expected at least one" },
        { """{"features":["x3"]}""", "features: unknown value 'x3'" },
        { """{"noise":5}""", "noise" },
        { """{"regularization":"l3"}""", "regularization" },
        { """{"optimizer":"lbfgs"}""", "optimizer" },
        { """{"neurons":4}""", "could not be mapped" },
        { """{"hidden":"many"}""", "request body" },
        { "not json", "request body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadParametersAreAnswered400WithAMessage(string body, string expected)
    {
        // Expect: 100-continue lets the server refuse an oversized body before the client sends it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/lab/sessions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await fx.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = (await fx.Json(response)).GetProperty("error").GetString()!;
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task BadQueryValuesAndUnknownSessionsAreRefused()
    {
        var s = await fx.Create(new LabConfig());
        string id = s.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.PostAsync($"api/lab/sessions/{id}/step?count=abc", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.PostAsync($"api/lab/sessions/{id}/step?count=999999", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.GetAsync($"api/lab/sessions/{id}/walk?index=-3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.GetAsync($"api/lab/sessions/{id}/walk?index=1999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Http.GetAsync("api/lab/sessions/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Http.DeleteAsync($"api/lab/sessions/{id}")).StatusCode);
    }

    [Fact]
    public async Task StepsThroughTheApiLowerTheTestLoss()
    {
        var s = await fx.Create(new LabConfig { Dataset = "xor", Hidden = [6], Activation = "tanh", LearningRate = 0.1, Optimizer = "adam", BatchSize = 10 });
        string id = s.GetProperty("id").GetString()!;
        double before = s.GetProperty("frame").GetProperty("testLoss").GetDouble();
        var frame = await fx.Json(await fx.Http.PostAsync($"api/lab/sessions/{id}/step?count=400", null));
        Assert.Equal(400, frame.GetProperty("step").GetInt32());
        Assert.True(frame.GetProperty("testLoss").GetDouble() < before * 0.6, $"test loss {before} -> {frame.GetProperty("testLoss")}");
        Assert.True(frame.GetProperty("testAccuracy").GetDouble() > 0.9, $"test accuracy {frame.GetProperty("testAccuracy")}");
        // Hyperparameters change live; the architecture rebuilds (steps back to 0).
        var same = await fx.Json(await fx.Http.PutAsJsonAsync($"api/lab/sessions/{id}/config", new LabConfig { Dataset = "xor", Hidden = [6], LearningRate = 0.01, Optimizer = "adam" }, LabJson.Options));
        Assert.Equal(400, same.GetProperty("frame").GetProperty("step").GetInt32());
        var rebuilt = await fx.Json(await fx.Http.PutAsJsonAsync($"api/lab/sessions/{id}/config", new LabConfig { Dataset = "xor", Hidden = [3, 3] }, LabJson.Options));
        Assert.Equal(0, rebuilt.GetProperty("frame").GetProperty("step").GetInt32());
        Assert.Equal(3, rebuilt.GetProperty("layout").GetProperty("layers").GetArrayLength());
        await fx.Http.DeleteAsync($"api/lab/sessions/{id}");
    }

    [Fact]
    public async Task PlayingStreamsFramesOverServerSentEvents()
    {
        var s = await fx.Create(new LabConfig { Dataset = "circles", Hidden = [4, 2], StepsPerFrame = 2 });
        string id = s.GetProperty("id").GetString()!;
        using var stream = await fx.Http.GetStreamAsync($"api/lab/sessions/{id}/events");
        using var reader = new StreamReader(stream);
        Assert.Equal(HttpStatusCode.OK, (await fx.Http.PostAsync($"api/lab/sessions/{id}/play", null)).StatusCode);
        var steps = new List<int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (steps.Count < 30)
        {
            string? line = await reader.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var frame = JsonDocument.Parse(line[6..]).RootElement.GetProperty("frame");
            if (frame.GetProperty("playing").GetBoolean()) steps.Add(frame.GetProperty("step").GetInt32());
        }
        double seconds = clock.Elapsed.TotalSeconds;
        await fx.Http.PostAsync($"api/lab/sessions/{id}/pause", null);
        // Training advances between frames; the rate is reported, not asserted (speed belongs in benchmarks).
        Assert.True(steps[^1] > steps[0], $"steps {string.Join(",", steps)}");
        output.WriteLine($"{steps.Count} frames in {seconds:F2} s = {steps.Count / seconds:F1} frames/s (nominal {1 / LabSession.FrameInterval.TotalSeconds})");
        Assert.True(LabSession.FrameInterval <= TimeSpan.FromMilliseconds(100));
        await fx.Http.DeleteAsync($"api/lab/sessions/{id}");
    }

    [Fact]
    public async Task CapsOnSessionsAndConcurrentTrainingsAnswer429()
    {
        var ids = new List<string>();
        try
        {
            for (int i = fx.Server.Sessions.Count; i < LabLimits.MaxSessions; i++)
                ids.Add((await fx.Create(new LabConfig { Points = 40, Hidden = [1] })).GetProperty("id").GetString()!);
            var refused = await fx.Http.PostAsJsonAsync("api/lab/sessions", new LabConfig(), LabJson.Options);
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.Contains("at most", (await fx.Json(refused)).GetProperty("error").GetString());
            for (int i = 0; i < LabLimits.MaxConcurrentTrainings; i++)
                Assert.Equal(HttpStatusCode.OK, (await fx.Http.PostAsync($"api/lab/sessions/{ids[i]}/play", null)).StatusCode);
            var busy = await fx.Http.PostAsync($"api/lab/sessions/{ids[^1]}/play", null);
            Assert.Equal((HttpStatusCode)429, busy.StatusCode);
            Assert.Contains("trainings run at once", (await fx.Json(busy)).GetProperty("error").GetString());
        }
        finally
        {
            foreach (var id in ids) await fx.Http.DeleteAsync($"api/lab/sessions/{id}");
        }
    }

    [Fact]
    public async Task PagesAndAssetsAreServedFromTheAssemblyWithNothingExternal()
    {
        var page = await fx.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        foreach (string name in EmbeddedAssets.Names)
        {
            string text = await fx.Http.GetStringAsync("assets/" + name);
            Assert.DoesNotContain("https://", text.Replace("http://www.w3.org", ""));
            Assert.DoesNotContain("http://", text.Replace("http://www.w3.org", ""));
        }
        Assert.Contains("lab.js", EmbeddedAssets.Names);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Http.GetAsync("assets/..%2FLabServer.cs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Http.GetAsync("assets/DeepSharp.Lab.dll")).StatusCode);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/");
        foreign.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.SendAsync(foreign)).StatusCode);
    }
}
