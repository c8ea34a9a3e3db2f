using System.Globalization;
using System.Text;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>
/// Counts of (actual class, predicted class) pairs, with accuracy and per-class precision,
/// recall and F1 derived from them.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classes"/> ≥ 1 classes.</summary>
    public ConfusionMatrix(int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 1.");
        Classes = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>Number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>Counts one sample.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
    }

    /// <summary>Counts a batch: predictions (N, C) scores (or one score per sample, class 1 at
    /// ≥ <paramref name="threshold"/>) against targets (Int32 indices, 0/1 floats or one-hot rows).</summary>
    public void Add(Tensor predictions, Tensor targets, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var predicted = ClassLabels.Predicted(predictions, threshold, "ConfusionMatrix");
        var actual = ClassLabels.Actual(targets, predicted.Length, "ConfusionMatrix");
        for (int i = 0; i < predicted.Length; i++) Add(actual[i], predicted[i]);
    }

    /// <summary>Fraction of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long diagonal = 0;
            for (int c = 0; c < Classes; c++) diagonal += this[c, c];
            return Total == 0 ? double.NaN : (double)diagonal / Total;
        }
    }

    /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction that are <paramref name="c"/> (0 when none were predicted).</summary>
    public double Precision(int c)
    {
        long predicted = 0;
        for (int a = 0; a < Classes; a++) predicted += this[a, c];
        return predicted == 0 ? 0 : (double)this[c, c] / predicted;
    }

    /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/> (0 when there are none).</summary>
    public double Recall(int c)
    {
        long actual = 0;
        for (int p = 0; p < Classes; p++) actual += this[c, p];
        return actual == 0 ? 0 : (double)this[c, c] / actual;
    }

    /// <summary>Harmonic mean of precision and recall of class <paramref name="c"/> (0 when both are 0).</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Enumerable.Range(0, Classes).Average(F1);

    /// <summary>The counts as a table (rows: actual class, columns: predicted class), then precision, recall and F1 per class.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("actual \\ predicted");
        for (int p = 0; p < Classes; p++) sb.Append(CultureInfo.InvariantCulture, $"\t{p}");
        sb.AppendLine("\tprecision\trecall\tf1");
        for (int a = 0; a < Classes; a++)
        {
            sb.Append(a.ToString(CultureInfo.InvariantCulture));
            for (int p = 0; p < Classes; p++) sb.Append(CultureInfo.InvariantCulture, $"\t{this[a, p]}");
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\t{Precision(a):F4}\t{Recall(a):F4}\t{F1(a):F4}"));
        }
        return sb.ToString();
    }

    private int Index(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(actual), actual, $"Class index must lie in [0, {Classes}).");
        if ((uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"Class index must lie in [0, {Classes}).");
        return actual * Classes + predicted;
    }
}
