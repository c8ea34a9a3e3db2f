using DeepSharp.Cli.Commands;
using DeepSharp.Cli.Datasets;
using DeepSharp.Cli.Setup;
using DeepSharp.Lab;
using DeepSharp.Lab.Dashboard;

namespace DeepSharp.Cli.Output;

/// <summary><c>train --dashboard</c>: records the run's frames and serves the dashboard of its runs folder while it trains.</summary>
internal sealed class DashboardSession : IDisposable
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("dashboard", "Serve a live dashboard of this run (and its sibling runs) while training; records per-epoch frames in <run>/dashboard/", IsFlag: true),
        ServerArguments.Port(DashboardCommand.DefaultPort, "dashboard-port"),
    ];

    private readonly LabServer _server;

    private DashboardSession(LabServer server, DashboardRecorder recorder)
    {
        _server = server;
        Recorder = recorder;
    }

    public DashboardRecorder Recorder { get; }

    public string Url => _server.Url;

    /// <summary>Starts the dashboard when --dashboard was given, else returns null.</summary>
    public static DashboardSession? Start(ParsedArguments args, string runDirectory, TrainingPlan plan, CliContext context)
    {
        if (!args.Has("dashboard"))
        {
            if (args.Has("dashboard-port")) throw new CliUsageException("'train': --dashboard-port needs --dashboard.");
            return null;
        }
        string root = Path.GetDirectoryName(Path.GetFullPath(runDirectory))!;
        var options = ServerArguments.Options(args, DashboardCommand.DefaultPort, "dashboard-port") with
        {
            RunsRoot = root, StartPage = LabStartPage.Dashboard,
        };
        var evaluation = plan.Validation ?? plan.Data.Test ?? plan.Train;
        var recorder = new DashboardRecorder(runDirectory, plan.Model.Module, plan.Model.Name,
            new DashboardData(plan.Data.Name, plan.Data.Train, plan.Data.ClassNames,
                plan.Data.Kind == DatasetKind.Images ? plan.Data.ImageRows : 0, plan.Data.Kind == DatasetKind.Images ? plan.Data.ImageCols : 0), evaluation);
        var server = ServerArguments.Start(options, context, "the dashboard");
        return new DashboardSession(server, recorder);
    }

    /// <summary>After training: marks the run finished and, on a terminal, keeps the page up until Ctrl-C.</summary>
    public void Finish(CliContext context, bool cancelled)
    {
        Recorder.MarkFinished();
        if (cancelled || !context.IsTerminal) return;
        context.Out.WriteLine($"dashboard still at {Url}  (Ctrl-C to quit)");
        context.Cancellation.WaitHandle.WaitOne();
    }

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
