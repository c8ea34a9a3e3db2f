using System.Text.Json;
using DeepSharp.Lab.Playground;

namespace DeepSharp.Lab.Tests;

/// <summary>The walk's numbers (served as JSON) against the library's gradients of the same sample.</summary>
public sealed class BackpropWalkTests(LabServerFixture fx) : IClassFixture<LabServerFixture>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string a in LabNames.Of<LabActivation>()) data.Add(a, "cross-entropy");
        foreach (string a in new[] { "tanh", "relu", "maxout" }) data.Add(a, "squared-error");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WalkEqualsTheLibrarysGradients(string activation, string loss)
    {
        var s = await fx.Create(new LabConfig
        {
            Dataset = "spirals", Points = 80, Hidden = [3, 2], Activation = activation, Loss = loss, Features = ["x1", "x2", "x1*x2"],
            LearningRate = 0.1, Optimizer = "adam",
        });
        string id = s.GetProperty("id").GetString()!;
        await fx.Http.PostAsync($"api/lab/sessions/{id}/step?count=15", null);
        var snapshot = await fx.Json(await fx.Http.GetAsync($"api/lab/sessions/{id}"));
        int index = snapshot.GetProperty("data").GetProperty("train")[3].GetInt32();
        var walk = await fx.Json(await fx.Http.GetAsync($"api/lab/sessions/{id}/walk?index={index}"));
        var reference = new LibraryReference(snapshot, index);
        Check(walk, reference);
        await fx.Http.DeleteAsync($"api/lab/sessions/{id}");
    }

    /// <summary>Every number of the walk: gradients δ·o and updates against the library, and the delta
    /// rule δ_j = φ'(z_j) Σ_k w_kj δ_k between the layers.</summary>
    internal static void Check(JsonElement walk, LibraryReference reference)
    {
        const double tol = 1e-6;
        Assert.Equal(reference.Loss, walk.GetProperty("loss").GetDouble(), tol);
        var layers = walk.GetProperty("layers");
        Assert.Equal(reference.Network.Layers.Count + 1, layers.GetArrayLength());
        for (int l = 1; l < layers.GetArrayLength(); l++)
        {
            var c = layers[l].GetProperty("incoming");
            int cols = c.GetProperty("inputs").GetArrayLength();
            var grad = reference.WeightGrad[l - 1];
            for (int r = 0; r < c.GetProperty("gradient").GetArrayLength(); r++)
            {
                Assert.Equal(reference.BiasGrad[l - 1][r], c.GetProperty("biasGradient")[r].GetSingle(), tol);
                for (int i = 0; i < cols; i++)
                {
                    double g = c.GetProperty("gradient")[r][i].GetDouble();
                    Assert.True(Math.Abs(grad[r * cols + i] - g) <= tol, $"layer {l} w[{r}][{i}]: walk {g}, library {grad[r * cols + i]}");
                    Assert.Equal(-reference.LearningRate * g, c.GetProperty("update")[r][i].GetDouble(), tol);
                    // The product the drawing shows: the row's delta times the input's output.
                    Assert.Equal(c.GetProperty("rowDeltas")[r].GetDouble() * c.GetProperty("inputs")[i].GetDouble(), g, tol);
                }
            }
            if (l == layers.GetArrayLength() - 1) continue;
            // Back-sum of hidden neuron j: Σ over the next layer's rows of w[row][j] · δ_row.
            var next = layers[l + 1].GetProperty("incoming");
            foreach (var (n, j) in layers[l].GetProperty("neurons").EnumerateArray().Select((n, j) => (n, j)))
            {
                double sum = 0;
                for (int r = 0; r < next.GetProperty("rowDeltas").GetArrayLength(); r++)
                    sum += next.GetProperty("weight")[r][j].GetDouble() * next.GetProperty("rowDeltas")[r].GetDouble();
                Assert.Equal(sum, n.GetProperty("backSum").GetDouble(), tol);
                Assert.Equal(n.GetProperty("derivative").GetDouble() * n.GetProperty("backSum").GetDouble(), n.GetProperty("delta").GetDouble(), tol);
            }
        }
    }

    [Fact]
    public async Task StepActivationsPassNoDelta()
    {
        var s = await fx.Create(new LabConfig { Hidden = [3], Activation = "step" });
        string id = s.GetProperty("id").GetString()!;
        var walk = await fx.Json(await fx.Http.GetAsync($"api/lab/sessions/{id}/walk?index=0"));
        foreach (var n in walk.GetProperty("layers")[1].GetProperty("neurons").EnumerateArray())
        {
            Assert.Equal(0, n.GetProperty("derivative").GetDouble());
            Assert.Equal(0, n.GetProperty("delta").GetDouble());
        }
        Assert.NotEqual(0, walk.GetProperty("layers")[2].GetProperty("neurons")[0].GetProperty("delta").GetDouble());
        await fx.Http.DeleteAsync($"api/lab/sessions/{id}");
    }
}
