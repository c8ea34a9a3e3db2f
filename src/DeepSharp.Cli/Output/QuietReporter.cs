namespace DeepSharp.Cli.Output;

/// <summary>--quiet: nothing but the final result line.</summary>
internal sealed class QuietReporter(TextWriter output) : TrainingReporter(output)
{
    public override void Note(string line) { }

    public override void Final(RunResult result) => Output.WriteLine(FinalLines(result).First());
}
