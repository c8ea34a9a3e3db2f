namespace DeepSharp.Tests.Cli;

/// <summary>One short training run on the Gaussian clouds (three classes), shared by the tests of what reads its files.</summary>
public sealed class TrainedRunFixture : IDisposable
{
    public TrainedRunFixture()
    {
        Root = CliRunner.TempDirectory();
        Dir = Path.Combine(Root, "run");
        var result = CliRunner.Run("train", "--dataset", "gaussians", "--epochs", "8", "--quiet", "--out", Dir);
        Assert.Equal(0, result.ExitCode);
    }

    public string Root { get; }

    public string Dir { get; }

    public string Checkpoint => Path.Combine(Dir, "checkpoint.safetensors");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
