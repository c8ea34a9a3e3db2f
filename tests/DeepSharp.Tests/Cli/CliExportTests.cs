using System.Text.Json;
using DeepSharp.Serialization.Onnx;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Cli;

/// <summary>deepsharp export (ONNX, PyTorch-style safetensors), evaluate/predict --model file.onnx and
/// --model NAME --weights FILE, train --init-from; a PyTorch-trained LeNet-5 gives PyTorch's accuracy.</summary>
public sealed class CliExportTests(TrainedRunFixture run, ITestOutputHelper output) : IClassFixture<TrainedRunFixture>
{
    private static double Accuracy(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return result.JsonLines().Single().GetProperty("accuracy").GetDouble();
    }

    [Fact]
    public void OnnxExportEvaluatesLikeTheCheckpoint()
    {
        string onnx = Path.Combine(run.Root, "model.onnx");
        var export = CliRunner.Run("export", "--checkpoint", run.Dir, "--out", onnx, "--force");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(File.Exists(onnx));
        double expected = Accuracy(CliRunner.Run("evaluate", "--checkpoint", run.Checkpoint, "--json"));
        double actual = Accuracy(CliRunner.Run("evaluate", "--model", onnx, "--dataset", "gaussians", "--json"));
        Assert.Equal(expected, actual);
        var predict = CliRunner.Run("predict", "--model", onnx, "--input", WriteCsv());
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Equal(3, predict.OutLines.Length); // header + 2 rows
    }

    [Fact]
    public void TorchStyleWeightsEvaluateLikeTheCheckpointAndInitializeTraining()
    {
        string weights = Path.Combine(run.Root, "torch.safetensors");
        var export = CliRunner.Run("export", "--checkpoint", run.Dir, "--format", "safetensors-torch", "--out", weights, "--force");
        Assert.True(export.ExitCode == 0, export.Error);
        var names = DeepSharp.Serialization.SafeTensorsFile.Read(weights).Entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"], names); // no "model." prefix, nothing else
        double expected = Accuracy(CliRunner.Run("evaluate", "--checkpoint", run.Checkpoint, "--json"));
        double actual = Accuracy(CliRunner.Run("evaluate", "--model", "mlp", "--hidden", "64,64", "--weights", weights, "--dataset", "gaussians", "--json"));
        Assert.Equal(expected, actual);
        var train = CliRunner.Run("train", "--dataset", "gaussians", "--hidden", "64,64", "--init-from", weights, "--epochs", "1", "--quiet",
            "--out", Path.Combine(run.Root, "init-run"));
        Assert.True(train.ExitCode == 0, train.Error);
        var wrong = CliRunner.Run("evaluate", "--model", "mlp", "--hidden", "32", "--weights", weights, "--dataset", "gaussians");
        CliRunner.AssertUsageError(wrong, "0.weight");
    }

    [Fact]
    public void ExportRefusesToOverwriteAndUnsupportedOpsAreOneLine()
    {
        string existing = Path.Combine(run.Root, "exists.onnx");
        File.WriteAllText(existing, "keep");
        CliRunner.AssertUsageError(CliRunner.Run("export", "--checkpoint", run.Dir, "--out", existing), "--force");
        Assert.Equal("keep", File.ReadAllText(existing));
        string gelu = Path.Combine(run.Root, "gelu.onnx");
        new DeepSharp.Nn.Sequential(new DeepSharp.Nn.Linear(2, 3), new DeepSharp.Nn.Gelu()).ExportOnnx(gelu, 2);
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--model", gelu, "--dataset", "gaussians"), "op 'Erf'", "node '");
    }

    [SkippableFact]
    public void PyTorchTrainedLeNet5GivesPyTorchsAccuracy()
    {
        const string folder = "/usr/share/datasets/fashion-mnist";
        Skip.IfNot(File.Exists(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")), "Fashion-MNIST (Debian: dataset-fashion-mnist) is not installed");
        string? python = PythonModules.Find("torch", "numpy");
        Skip.If(python is null, "python3 with torch (Debian: python3-torch) is not installed");
        string weights = Path.Combine(run.Root, "lenet5-torch.safetensors");
        string script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cli", "Data", "torch_lenet5_weights.py"));
        var (code, stdout, stderr) = PythonModules.Run(python!, script, [weights, folder], timeoutSeconds: 600);
        Assert.True(code == 0, stderr);
        using var torch = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        double torchAccuracy = torch.RootElement.GetProperty("correct").GetInt32() / 10000.0;
        double ours = Accuracy(CliRunner.Run("evaluate", "--model", "lenet5", "--weights", weights, "--dataset", "fashion-mnist", "--json"));
        output.WriteLine($"PyTorch test accuracy {torchAccuracy:F4}, deepsharp evaluate {ours:F4}");
        Assert.True(torchAccuracy > 0.6, $"the short PyTorch training reached only {torchAccuracy}");
        // The same predictions up to float rounding at near-ties: at most 2 of 10,000 images may differ.
        Assert.True(Math.Abs(ours - torchAccuracy) <= 2e-4, $"deepsharp {ours} vs PyTorch {torchAccuracy}");
    }

    private string WriteCsv()
    {
        string path = Path.Combine(run.Root, "rows.csv");
        File.WriteAllText(path, "x0,x1\n0.5,1.0\n-1.0,0.25\n");
        return path;
    }
}
