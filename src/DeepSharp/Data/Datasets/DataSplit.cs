using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Seeded train / validation splits, optionally stratified so every class keeps its proportion.</summary>
public static class DataSplit
{
    /// <summary>
    /// Splits the indices 0..count-1: round(fraction * count) go to validation (per class, when
    /// <paramref name="stratifyLabels"/> is given). Both lists come back sorted ascending.
    /// </summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="validationFraction">Share of the samples held out, in (0, 1).</param>
    /// <param name="seed">Seed of the random assignment.</param>
    /// <param name="stratifyLabels">Class labels (non-negative) of the <paramref name="count"/> samples, or empty for a plain split.</param>
    public static (int[] Train, int[] Validation) Indices(int count, double validationFraction, ulong seed, ReadOnlySpan<int> stratifyLabels = default)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "validationFraction must lie in (0, 1).");
        var rng = new RandomGenerator(seed);
        var validation = new List<int>();
        if (stratifyLabels.IsEmpty)
        {
            var order = rng.Permutation(count);
            validation.AddRange(order.AsSpan(0, (int)Math.Round(validationFraction * count, MidpointRounding.AwayFromZero)));
        }
        else
        {
            if (stratifyLabels.Length != count)
                throw new ArgumentException($"Expected {count} stratification labels, got {stratifyLabels.Length}.", nameof(stratifyLabels));
            // Classes in ascending order, each shuffled on its own: the result does not depend on sample order within a class.
            var byClass = new SortedDictionary<int, List<int>>();
            for (int i = 0; i < count; i++)
            {
                int label = stratifyLabels[i];
                if (label < 0) throw new ArgumentOutOfRangeException(nameof(stratifyLabels), label, $"Labels must be non-negative; sample {i} has {label}.");
                if (!byClass.TryGetValue(label, out var list)) byClass[label] = list = [];
                list.Add(i);
            }
            foreach (var members in byClass.Values)
            {
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members);
                rng.Shuffle(span);
                validation.AddRange(span[..(int)Math.Round(validationFraction * members.Count, MidpointRounding.AwayFromZero)]);
            }
        }
        var isValidation = new bool[count];
        foreach (int i in validation) isValidation[i] = true;
        var train = new int[count - validation.Count];
        var val = new int[validation.Count];
        for (int i = 0, t = 0, v = 0; i < count; i++)
        {
            if (isValidation[i]) val[v++] = i;
            else train[t++] = i;
        }
        return (train, val);
    }

    /// <summary>
    /// Splits a dataset into copies of its training and validation parts. With
    /// <paramref name="stratify"/> the targets must be Int32 class indices (N).
    /// </summary>
    public static (TensorDataset Train, TensorDataset Validation) Split(TensorDataset data, double validationFraction, ulong seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[]? labels = null;
        if (stratify)
        {
            if (data.TargetDType != DType.Int32 || data.TargetShape.Count != 0)
                throw new ArgumentException(
                    $"A stratified split needs Int32 class-index targets (N), got {data.TargetDType} {Shapes.Format(data.Targets.Shape)}.", nameof(data));
            labels = data.Targets.ToArray<int>();
        }
        var (train, val) = Indices(data.Count, validationFraction, seed, labels);
        return (data.Subset(train), data.Subset(val));
    }
}
