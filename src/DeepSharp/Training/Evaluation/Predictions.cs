using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>Class probabilities and predicted classes from a classifier's outputs.</summary>
/// <remarks>Outputs (N, C) with C &gt;= 2 are logits turned into probabilities with a softmax,
/// unless every row already is a probability vector (non-negative, summing to 1 within 1e-4, as
/// after a final softmax layer), which is kept. One output per sample, (N) or (N, 1), is a
/// logit of class 1 of two (sigmoid), unless every value already lies in [0, 1].</remarks>
public static class Predictions
{
    /// <summary>Probabilities (N, C), C &gt;= 2, for the outputs (N, C) or (N) / (N, 1) of a classifier.</summary>
    /// <exception cref="ArgumentException">The outputs are not (N, C) or (N).</exception>
    public static float[,] Probabilities(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var (rows, columns) = ClassLabels.Layout(outputs, "Probabilities");
        float[] values = outputs.To(DType.Float32).ToArray<float>();
        var result = new float[rows, Math.Max(2, columns)];
        if (columns == 1)
        {
            bool already = values.All(v => v is >= 0 and <= 1);
            for (int r = 0; r < rows; r++)
            {
                float p = already ? values[r] : 1 / (1 + MathF.Exp(-values[r]));
                (result[r, 0], result[r, 1]) = (1 - p, p);
            }
            return result;
        }
        bool probabilities = Enumerable.Range(0, rows).All(r => IsDistribution(values.AsSpan(r * columns, columns)));
        if (probabilities)
        {
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++) result[r, c] = values[r * columns + c];
            return result;
        }
        var soft = Functional.Softmax(Tensor.Wrap(values, rows, columns), 1).ToArray<float>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) result[r, c] = soft[r * columns + c];
        return result;
    }

    /// <summary>The predicted class of each row: the arg-max of its probabilities.</summary>
    public static int[] Classes(float[,] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var result = new int[probabilities.GetLength(0)];
        for (int r = 0; r < result.Length; r++)
        {
            int best = 0;
            for (int c = 1; c < probabilities.GetLength(1); c++)
                if (probabilities[r, c] > probabilities[r, best]) best = c;
            result[r] = best;
        }
        return result;
    }

    /// <summary>Runs <paramref name="model"/> on <paramref name="inputs"/> (N, ...) in evaluation mode and returns the class probabilities (N, C).</summary>
    public static float[,] Predict(Module model, Tensor inputs, int batchSize = 256) =>
        Probabilities(Evaluator.Predict(model, inputs, batchSize));

    private static bool IsDistribution(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (float v in row)
        {
            if (!(v >= 0)) return false;
            sum += v;
        }
        return Math.Abs(sum - 1) <= 1e-4;
    }
}
