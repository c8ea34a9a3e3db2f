using System.Diagnostics;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Examples.SequenceModels;

/// <summary>
/// Part 2: is the sum of a sequence of ±1 values positive? The answer is in no single step, so the
/// network must keep a running count over the whole sequence. A plain RNN, a GRU and an LSTM of the
/// same hidden size learn it on a short and on a long sequence length.
/// </summary>
internal static class SequenceClassification
{
    private const int Hidden = 16, Epochs = 10, BatchSize = 32, TrainCount = 2000, TestCount = 1000;
    private static readonly int[] Lengths = [15, 51]; // odd: a sum is never zero

    public static void Run()
    {
        Console.WriteLine($"Part 2: is the sum of a ±1 sequence positive? {TrainCount} training and {TestCount} test sequences per length;");
        Console.WriteLine($"each model: recurrent layer (hidden {Hidden}) + LastTimeStep + Linear({Hidden}, 2), cross-entropy, Adam 0.01, batch {BatchSize}, {Epochs} epochs;");
        Console.WriteLine("time is Trainer.Fit's wall clock, including the test pass after each epoch.");
        foreach (int length in Lengths)
        {
            var rng = new RandomGenerator((ulong)length);
            var train = Sequences(TrainCount, length, rng);
            var test = Sequences(TestCount, length, rng);
            double positive = test.Targets.ToArray<int>().Average();
            Console.WriteLine($"Length {length} (test set {positive:P1} positive, so always guessing the majority scores {Math.Max(positive, 1 - positive):F3}):");
            Console.WriteLine($"  model  params  {"test accuracy after each epoch",-(6 * Epochs - 1)}  best  final   time");
            foreach (string kind in new[] { "Rnn", "Gru", "Lstm" })
                Train(kind, train, test);
        }
    }

    private static void Train(string kind, TensorDataset train, TensorDataset test)
    {
        var rng = new RandomGenerator(11); // the same initialization stream for each kind
        Module recurrent = kind switch
        {
            "Rnn" => new Rnn(1, Hidden, batchFirst: true, rng: rng),
            "Gru" => new Gru(1, Hidden, batchFirst: true, rng: rng),
            _ => new Lstm(1, Hidden, batchFirst: true, rng: rng),
        };
        var model = new Sequential(recurrent, new LastTimeStep(batchFirst: true), new Linear(Hidden, 2, rng: rng));
        var clock = Stopwatch.StartNew();
        var history = Trainer.Fit(model, new CrossEntropy(), new Adam(model.Parameters(), new AdamOptions(0.01)),
            new DataLoader(train, BatchSize, shuffle: true, seed: 3),
            new FitOptions { Epochs = Epochs, Validation = new DataLoader(test, 500), Metric = new AccuracyMetric() });
        clock.Stop();
        var accuracies = history.Epochs.Select(e => e.ValidationMetric!.Value).ToArray();
        Console.WriteLine($"  {kind,-5} {model.ParameterCount,7}  {string.Join(" ", accuracies.Select(a => $"{a:F3}"))}  {accuracies.Max():F3}  {accuracies[^1]:F3}  " +
            $"{clock.Elapsed.TotalSeconds,5:F1} s");
    }

    /// <summary>(n, length, 1) of ±1 and labels 1 when the sum is positive.</summary>
    private static TensorDataset Sequences(int n, int length, RandomGenerator rng)
    {
        var x = new float[n * length];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int sum = 0;
            for (int t = 0; t < length; t++)
            {
                int v = rng.NextDouble() < 0.5 ? -1 : 1;
                x[i * length + t] = v;
                sum += v;
            }
            labels[i] = sum > 0 ? 1 : 0;
        }
        return new TensorDataset(Tensor.FromArray(x, n, length, 1), Tensor.FromArray(labels, n));
    }
}
