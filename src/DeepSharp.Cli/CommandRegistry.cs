using DeepSharp.Cli.Commands;

namespace DeepSharp.Cli;

/// <summary>The list of built-in commands, in the order help shows them.</summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<ICommand> All() =>
        [new TrainCommand(), new EvaluateCommand(), new PredictCommand(), new SummaryCommand(), new ExportCommand(), new PlotCommand(), new BenchCommand(), new LabCommand(), new DashboardCommand(), new InfoCommand()];
}
