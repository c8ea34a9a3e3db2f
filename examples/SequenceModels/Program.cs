// The recurrent layers on two small synthetic tasks: forecasting noisy sine waves with an LSTM (one step
// ahead, then 50 steps autoregressively, plotted), and one sequence classification task learned by a
// plain RNN, a GRU and an LSTM side by side.
// Usage: dotnet run -c Release --project examples/SequenceModels [-- OUTPUT_DIR]   (default sequence-output/)
using System.Diagnostics;
using System.Globalization;
using DeepSharp.Examples.SequenceModels;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 1)
{
    Console.Error.WriteLine($"Expected at most one argument (the output folder), got {args.Length}.");
    return 2;
}
string outDir = args.Length == 1 ? args[0] : "sequence-output";
Directory.CreateDirectory(outDir);

var clock = Stopwatch.StartNew();
SineForecast.Run(outDir);
Console.WriteLine();
SequenceClassification.Run();
Console.WriteLine();
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;
