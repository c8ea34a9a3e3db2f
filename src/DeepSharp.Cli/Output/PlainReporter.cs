using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>Plain lines, one per epoch: for pipes, logs and CI.</summary>
internal sealed class PlainReporter(TextWriter output) : TrainingReporter(output)
{
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        Output.WriteLine(EpochLine(record, context.Options.Epochs));
        Output.Flush();
    }

    public override void Final(RunResult result)
    {
        foreach (string line in FinalLines(result)) Output.WriteLine(line);
    }
}
