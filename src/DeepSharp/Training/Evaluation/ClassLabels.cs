using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>Turns model outputs and targets into class indices, for accuracy and confusion matrices.</summary>
internal static class ClassLabels
{
    /// <summary>Number of rows and of score columns of <paramref name="predictions"/>: (N, C), or (N) / (N, 1) for one score.</summary>
    public static (int Rows, int Columns) Layout(Tensor predictions, string caller)
    {
        if (predictions.Rank == 1) return (predictions.Size(0), 1);
        if (predictions.Rank == 2) return (predictions.Size(0), predictions.Size(1));
        throw new ArgumentException($"{caller} expected predictions (N, classes) or (N), got {Shapes.Format(predictions.Shape)}.", nameof(predictions));
    }

    /// <summary>
    /// Predicted classes: the arg-max of each row for several columns; for one column, 1 when the
    /// score is at least <paramref name="threshold"/> (0.5 for probabilities, 0 for logits).
    /// </summary>
    public static int[] Predicted(Tensor predictions, float threshold, string caller)
    {
        var (rows, columns) = Layout(predictions, caller);
        var values = Floats(predictions);
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            if (columns == 1)
            {
                result[r] = values[r] >= threshold ? 1 : 0;
                continue;
            }
            var row = values.AsSpan(r * columns, columns);
            int best = 0;
            for (int c = 1; c < columns; c++)
                if (row[c] > row[best]) best = c;
            result[r] = best;
        }
        return result;
    }

    /// <summary>
    /// True classes from Int32 indices (N) or (N, 1), floating-point 0 / 1 labels (N) or (N, 1)
    /// (rounded at 0.5), or one-hot rows (N, C) (arg-max).
    /// </summary>
    public static int[] Actual(Tensor targets, int rows, string caller)
    {
        bool oneColumn = targets.Rank == 1 || (targets.Rank == 2 && targets.Size(1) == 1);
        if (targets.Rank == 0 || targets.Size(0) != rows || !(oneColumn || targets.Rank == 2))
            throw new ArgumentException($"{caller} expected targets for {rows} samples ((N) class indices or (N, C) one-hot), got {Shapes.Format(targets.Shape)}.", nameof(targets));
        if (targets.DType == DType.Int32)
        {
            if (!oneColumn)
                throw new ArgumentException($"{caller} expected Int32 class indices (N), got {Shapes.Format(targets.Shape)}.", nameof(targets));
            return targets.ToArray<int>();
        }
        if (oneColumn)
        {
            var v = Floats(targets);
            var result = new int[rows];
            for (int i = 0; i < rows; i++) result[i] = v[i] >= 0.5f ? 1 : 0;
            return result;
        }
        return Predicted(targets, 0.5f, caller);
    }

    /// <summary>The values as a new float array in row-major order.</summary>
    public static float[] Floats(Tensor t) => t.ToArray<float>();
}
