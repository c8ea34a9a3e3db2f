using System.Diagnostics;
using System.Globalization;
using DeepSharp.Serialization;
using DeepSharp.Tests.Cli;
using DeepSharp.Training;

namespace DeepSharp.Tests.Distributed;

/// <summary>
/// <c>mpirun -np 2 deepsharp train</c> with batch B against one process with batch 2B: the same
/// per-epoch losses and final weights up to float rounding (the two half-batch means are averaged
/// instead of one mean taken), for the MLP and LeNet-5; checkpoints cross between the two ways of
/// running; a killed rank ends the job.
/// </summary>
[Collection(TestSupport.AloneCollection.Name)]
public sealed class DataParallelTrainingTests
{
    private const double Tolerance = 2e-4;

    private static readonly string[] Mlp = ["--dataset", "spirals", "--samples", "512", "--validation-split", "0", "--seed", "2", "--optimizer", "momentum",
        "--schedule", "exponential:0.9", "--threads", "1"]; // a schedule that does not depend on the total epochs, for the resume test

    [SkippableFact]
    public void TwoRanksWithBatch16TrainTheMlpAsOneProcessWithBatch32()
    {
        MpiRun.SkipUnlessAvailable();
        string root = CliRunner.TempDirectory();
        string parallel = Path.Combine(root, "mpi"), single = Path.Combine(root, "single");
        var mpi = MpiRun.Run(2, ["train", .. Mlp, "--epochs", "3", "--batch-size", "16", "--out", parallel]);
        Assert.True(mpi.ExitCode == 0, $"mpirun exit {mpi.ExitCode}: {mpi.Error}");
        Assert.Contains("distributed: 2 ranks over MPI, batch 16 per rank (32 per step), 256 samples per rank per epoch", mpi.Out);
        Assert.Single(mpi.Out.Split('\n'), l => l.Contains("training mlp (4,482 parameters)", StringComparison.Ordinal)); // rank 1 prints nothing
        Assert.Equal(0, CliRunner.Run(["train", .. Mlp, "--epochs", "3", "--batch-size", "32", "--quiet", "--out", single]).ExitCode);
        AssertSameTraining(single, parallel, epochs: 3);
        Directory.Delete(root, recursive: true);
    }

    [SkippableFact]
    public void TwoRanksWithBatch16TrainLeNet5AsOneProcessWithBatch32()
    {
        MpiRun.SkipUnlessAvailable();
        Skip.IfNot(File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"), "Fashion-MNIST (dataset-fashion-mnist) is not installed");
        string root = CliRunner.TempDirectory();
        string[] lenet = ["--dataset", "fashion-mnist", "--model", "lenet5", "--samples", "512", "--validation-split", "0", "--epochs", "2", "--optimizer", "adam", "--lr", "0.002", "--threads", "1"];
        string parallel = Path.Combine(root, "mpi"), single = Path.Combine(root, "single");
        var mpi = MpiRun.Run(2, ["train", .. lenet, "--batch-size", "16", "--quiet", "--out", parallel]);
        Assert.True(mpi.ExitCode == 0, $"mpirun exit {mpi.ExitCode}: {mpi.Error}");
        Assert.Equal(0, CliRunner.Run(["train", .. lenet, "--batch-size", "32", "--quiet", "--out", single]).ExitCode);
        AssertSameTraining(single, parallel, epochs: 2);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>2 epochs under MPI resumed to 4 in one process, and 2 in one process resumed to 4
    /// under MPI, both end where 4 straight epochs in one process end.</summary>
    [SkippableFact]
    public void CheckpointsResumeAcrossSingleAndMpiRuns()
    {
        MpiRun.SkipUnlessAvailable();
        string root = CliRunner.TempDirectory();
        string Dir(string name) => Path.Combine(root, name);
        var first = MpiRun.Run(2, ["train", .. Mlp, "--epochs", "2", "--batch-size", "16", "--quiet", "--out", Dir("mpi-2")]);
        Assert.True(first.ExitCode == 0, $"mpirun exit {first.ExitCode}: {first.Error}");
        Assert.Equal(0, CliRunner.Run(["train", "--resume", Dir("mpi-2"), .. Mlp, "--epochs", "4", "--batch-size", "32", "--quiet", "--out", Dir("mpi-2-single-4")]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["train", .. Mlp, "--epochs", "2", "--batch-size", "32", "--quiet", "--out", Dir("single-2")]).ExitCode);
        var resumed = MpiRun.Run(2, ["train", "--resume", Dir("single-2"), .. Mlp, "--epochs", "4", "--batch-size", "16", "--quiet", "--out", Dir("single-2-mpi-4")]);
        Assert.True(resumed.ExitCode == 0, $"mpirun exit {resumed.ExitCode}: {resumed.Error}");
        Assert.Equal(0, CliRunner.Run(["train", .. Mlp, "--epochs", "4", "--batch-size", "32", "--quiet", "--out", Dir("single-4")]).ExitCode);
        AssertSameTraining(Dir("single-4"), Dir("mpi-2-single-4"), epochs: 4);
        AssertSameTraining(Dir("single-4"), Dir("single-2-mpi-4"), epochs: 4);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>The hostfile path across a network: two hosts made of network namespaces joined by a
    /// veth pair, one rank each, MPI over TCP on their subnet only; the result equals one process
    /// with the global batch, and host B's end of the link carried at least the gradients.</summary>
    [SkippableFact]
    public void TwoHostsInNetworkNamespacesTrainOverTcpAsOneProcess()
    {
        MpiRun.SkipUnlessAvailable();
        string? unavailable = NetworkNamespaceHosts.Unavailable();
        Skip.If(unavailable is not null, unavailable);
        string root = CliRunner.TempDirectory();
        string parallel = Path.Combine(root, "run"), single = Path.Combine(root, "single");
        using (var hosts = NetworkNamespaceHosts.Create(root))
        {
            long before = hosts.ReceivedBytesOnB();
            var (file, args) = hosts.LaunchCommand(["dotnet", typeof(DeepSharp.Cli.CliApp).Assembly.Location, "train", .. Mlp, "--epochs", "2", "--batch-size", "16", "--out", parallel]);
            var (code, output) = NetworkNamespaceHosts.Run(file, args, timeoutSeconds: 300);
            Assert.True(code == 0, $"mpirun over the namespaces: exit {code}: {output}");
            Assert.Contains("distributed: 2 ranks over MPI, batch 16 per rank (32 per step)", output);
            long received = hosts.ReceivedBytesOnB() - before;
            // 2 epochs x 16 steps x 17,928 gradient bytes reached host B over the veth pair, at least.
            Assert.True(received >= 2 * 16 * 17_928, $"host B received only {received} bytes over the veth pair");
        }
        Assert.Equal(0, CliRunner.Run(["train", .. Mlp, "--epochs", "2", "--batch-size", "32", "--quiet", "--out", single]).ExitCode);
        AssertSameTraining(single, parallel, epochs: 2);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>SIGKILL on rank 1 during training: the job ends with an error well within 60 s.</summary>
    [SkippableFact]
    public void AKilledRankEndsTheJobWithinAMinute()
    {
        MpiRun.SkipUnlessAvailable();
        string root = CliRunner.TempDirectory();
        using var job = MpiRun.Start(2, ["train", .. Mlp, "--epochs", "100000", "--batch-size", "16", "--out", Path.Combine(root, "run")]);
        var stderr = job.StandardError.ReadToEndAsync();
        // Wait for the first epoch line of rank 0, so both ranks are inside the training loop.
        string? line;
        while ((line = job.StandardOutput.ReadLine()) is not null && !line.StartsWith("epoch ", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        var stdout = job.StandardOutput.ReadToEndAsync();
        int victim = RankProcess(job.Id, rank: 1);
        Process.GetProcessById(victim).Kill();
        var clock = Stopwatch.StartNew();
        bool ended = job.WaitForExit(60_000);
        if (!ended) job.Kill(entireProcessTree: true);
        Assert.True(ended, "the job was still running 60 s after rank 1 was killed");
        job.WaitForExit();
        Assert.NotEqual(0, job.ExitCode);
        Assert.True(clock.Elapsed.TotalSeconds < 60);
        Assert.False(string.IsNullOrWhiteSpace(stderr.Result), "no error was reported");
        _ = stdout.Result;
        Directory.Delete(root, recursive: true);
    }

    /// <summary>The pid of the rank-<paramref name="rank"/> process below <paramref name="launcher"/> (Open MPI puts the rank in its environment).</summary>
    private static int RankProcess(int launcher, int rank)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
                try
                {
                    string environ = File.ReadAllText(Path.Combine(dir, "environ"));
                    if (environ.Split('\0').Contains($"OMPI_COMM_WORLD_RANK={rank}") && IsDescendant(pid, launcher)) return pid;
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"no process of rank {rank} below mpirun {launcher}");
    }

    private static bool IsDescendant(int pid, int ancestor)
    {
        for (int i = 0; i < 10 && pid > 1; i++)
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (pid == ancestor) return true;
        }
        return false;
    }

    private static void AssertSameTraining(string expectedDir, string actualDir, int epochs)
    {
        var expected = History.LoadCsv(Path.Combine(expectedDir, "history.csv"));
        var actual = History.LoadCsv(Path.Combine(actualDir, "history.csv"));
        Assert.Equal(epochs, expected.Count);
        Assert.Equal(epochs, actual.Count);
        for (int i = 0; i < epochs; i++)
        {
            Assert.True(Math.Abs(expected[i].TrainLoss - actual[i].TrainLoss) <= Tolerance * Math.Max(1, Math.Abs(expected[i].TrainLoss)),
                $"epoch {i + 1}: train loss {actual[i].TrainLoss} vs {expected[i].TrainLoss}");
            Assert.True(Math.Abs((expected[i].TrainMetric ?? 0) - (actual[i].TrainMetric ?? 0)) <= 2.0 / 512,
                $"epoch {i + 1}: train accuracy {actual[i].TrainMetric} vs {expected[i].TrainMetric}");
        }
        Assert.Equal(epochs, Checkpoint.Load(Path.Combine(actualDir, "checkpoint.safetensors")).Epoch);
        var a = SafeTensorsFile.Read(Path.Combine(expectedDir, "checkpoint.safetensors"));
        var b = SafeTensorsFile.Read(Path.Combine(actualDir, "checkpoint.safetensors"));
        double worst = 0;
        int tensors = 0;
        foreach (var entry in a.Entries.Where(e => e.Name.StartsWith("model.", StringComparison.Ordinal)))
        {
            float[] x = a.GetFloat32(entry.Name), y = b.GetFloat32(entry.Name);
            Assert.Equal(x.Length, y.Length);
            for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(x[i] - y[i]) / Math.Max(1, Math.Abs(x[i])));
            tensors++;
        }
        Assert.True(tensors >= 4, $"only {tensors} model tensors compared");
        Assert.True(worst <= Tolerance, $"final weights differ by up to {worst:G3} (tolerance {Tolerance})");
    }
}
