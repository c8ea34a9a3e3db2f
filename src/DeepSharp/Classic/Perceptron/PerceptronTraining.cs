using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>The epoch loop shared by the binary and multi-class perceptrons.</summary>
internal static class PerceptronTraining
{
    /// <param name="n">Number of samples.</param>
    /// <param name="options">Epoch limit, shuffling and seed.</param>
    /// <param name="update">Applies the rule to sample i; true on a mistake.</param>
    /// <param name="isCorrect">Whether the current weights classify sample i correctly.</param>
    public static PerceptronResult Run(int n, PerceptronOptions options, Func<int, bool> update, Func<int, bool> isCorrect)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new RandomGenerator(options.Seed);
        var mistakes = new List<int>();
        bool converged = false;
        while (mistakes.Count < options.MaxEpochs && !converged)
        {
            if (options.Shuffle) rng.Shuffle(order.AsSpan());
            int count = 0;
            foreach (int i in order)
                if (update(i)) count++;
            mistakes.Add(count);
            converged = count == 0;
        }
        int final = 0;
        for (int i = 0; i < n; i++)
            if (!isCorrect(i)) final++;
        return new PerceptronResult(converged, mistakes.Count, final, mistakes);
    }
}
