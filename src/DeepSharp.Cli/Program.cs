using DeepSharp.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop after the current batch and keep what was written; a second one kills.
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
var context = new CliContext(Console.Out, Console.Error, !Console.IsOutputRedirected, cts.Token);
return CliApp.Run(args, context);
