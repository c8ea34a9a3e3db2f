using DeepSharp.Backends.Cuda;

namespace DeepSharp.Tests.Cli;

/// <summary><c>--device</c> and <c>deepsharp info</c> on a machine without a GPU (skipped where one is present).</summary>
public sealed class CliDeviceTests
{
    private static void RequireNoGpu() =>
        Skip.If(CudaDevices.Probe().Reason is null, "this machine has a CUDA device; the no-GPU paths cannot be shown here");

    [SkippableFact]
    public void TrainOnCudaWithoutAGpuIsOneLineAndExitTwo()
    {
        RequireNoGpu();
        var r = CliRunner.Run("train", "--device", "cuda", "--epochs", "1", "--quiet");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains("no CUDA device: ", line);
    }

    [SkippableFact]
    public void AutoFallsBackToTheCpuAndTrains()
    {
        RequireNoGpu();
        var dir = Path.Combine(Path.GetTempPath(), "deepsharp-device-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("train", "--device", "auto", "--epochs", "1", "--quiet", "--out", dir);
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Contains("using the CPU", r.Error);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void BenchGemmOnCudaWithoutAGpuIsOneLineAndExitTwo()
    {
        RequireNoGpu();
        var r = CliRunner.Run("bench", "gemm", "--device", "cuda", "--size", "8", "--seconds", "0.01");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains("no CUDA device: ", line);
        Assert.Equal("", r.Out);
    }

    [SkippableFact]
    public void BenchGemmOnAutoWithoutAGpuMeasuresOnTheCpu()
    {
        RequireNoGpu();
        var r = CliRunner.Run("bench", "gemm", "--device", "auto", "--size", "16", "--seconds", "0.01", "--peak", "100");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("using the CPU", r.Error);
        Assert.Contains("sgemm 16 x 16 x 16", r.Out);
    }

    [Fact]
    public void AnUnknownDeviceNameIsAUsageError()
    {
        var r = CliRunner.Run("train", "--device", "tpu", "--epochs", "1", "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("expected cpu, cuda, cuda:N or auto", r.Error);
    }

    [SkippableFact]
    public void InfoListsTheCpuAndWhyThereIsNoCudaDevice()
    {
        RequireNoGpu();
        var r = CliRunner.Run("info");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("cpu ", r.Out);
        Assert.Contains("cuda     no CUDA device: ", r.Out);
    }
}
