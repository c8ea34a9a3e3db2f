using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>--json: one JSON object per epoch, then the final object; nothing else on stdout.</summary>
internal sealed class JsonReporter(TextWriter output) : TrainingReporter(output)
{
    public override void Note(string line) { }

    public override void OnEpochEnd(TrainingContext context, EpochRecord r)
    {
        Output.WriteLine(new JsonLine()
            .Add("epoch", r.Epoch)
            .Add("trainLoss", r.TrainLoss)
            .Add("trainAccuracy", r.TrainMetric)
            .Add("valLoss", r.ValidationLoss)
            .Add("valAccuracy", r.ValidationMetric)
            .Add("learningRate", r.LearningRate)
            .Add("seconds", r.Seconds)
            .ToString());
        Output.Flush();
    }

    public override void Final(RunResult result)
    {
        Output.WriteLine(new JsonLine()
            .Add("final", true)
            .Add("testLoss", result.Test?.Loss)
            .Add("testAccuracy", result.Test?.Accuracy)
            .Add("epochs", result.History.Count)
            .Add("totalSeconds", result.TotalSeconds)
            .Add("checkpoint", result.Checkpoint)
            .Add("outDir", result.OutDir)
            .Add("cancelled", result.Cancelled)
            .ToString());
    }
}
