using System.Text.Json;
using DeepSharp.Autograd;
using DeepSharp.Lab.Playground;
using DeepSharp.Lab.Web;
using DeepSharp.Tensors;

namespace DeepSharp.Lab.Tests;

/// <summary>The gradients of one sample computed directly with the library (the model's own fused
/// forward pass and Backward), from a session's settings and weights as the API returned them.</summary>
public sealed class LibraryReference
{
    public LibraryReference(JsonElement snapshot, int index)
    {
        var settings = LabSettings.From(snapshot.GetProperty("config").Deserialize<LabConfig>(LabJson.Options));
        Network = new LabNetwork(settings);
        var weights = snapshot.GetProperty("frame").GetProperty("weights");
        using (GradMode.NoGrad())
        for (int l = 0; l < Network.Layers.Count; l++)
        {
            var w = weights[l].GetProperty("w").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();
            var b = weights[l].GetProperty("b").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Network.Layers[l].Weight.CopyFrom(Tensor.FromArray(w, Network.Layers[l].Weight.ShapeArray));
            Network.Layers[l].Bias.CopyFrom(Tensor.FromArray(b, b.Length));
        }
        var data = snapshot.GetProperty("data");
        float x = data.GetProperty("x")[index].GetSingle(), y = data.GetProperty("y")[index].GetSingle();
        int label = data.GetProperty("label")[index].GetInt32();
        var input = FeatureMap.Compute(Tensor.FromArray(new[] { x, y }, 1, 2), settings.Features);
        var loss = LabTrainer.Loss(Network.Model.Forward(input), Tensor.FromArray(new float[] { label }, 1, 1), settings.Loss);
        Loss = loss.Item();
        loss.Backward();
        WeightGrad = [.. Network.Layers.Select(l => l.Weight.Grad!.ToArray<float>())];
        BiasGrad = [.. Network.Layers.Select(l => l.Bias.Grad!.ToArray<float>())];
        LearningRate = settings.LearningRate;
    }

    public LabNetwork Network { get; }
    public double Loss { get; }
    public double LearningRate { get; }

    /// <summary>Per layer, ∂L/∂W row-major (rows, inputs).</summary>
    public float[][] WeightGrad { get; }

    /// <summary>Per layer, ∂L/∂b.</summary>
    public float[][] BiasGrad { get; }
}
