using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>One-hot encoding of class labels and its inverse (the index of the largest score).</summary>
public static class OneHot
{
    /// <summary>Row-major one-hot rows (labels.Length x classes) for the class indices in <paramref name="labels"/>.</summary>
    public static float[] Encode(ReadOnlySpan<int> labels, int classes)
    {
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be positive.");
        var result = new float[(long)labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label at position {i} is outside [0, {classes}).");
            result[i * classes + labels[i]] = 1;
        }
        return result;
    }

    /// <summary>One-hot Float32 rows (N, classes) for Int32 class indices (N).</summary>
    public static Tensor Encode(Tensor labels, int classes) => Tensor.OneHot(labels, classes);

    /// <summary>The index of the largest entry of each row of <paramref name="scores"/> (N, classes): the inverse of <see cref="Encode(Tensor, int)"/>.</summary>
    public static int[] Decode(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Rank != 2)
            throw new ArgumentException($"OneHot.Decode expected scores (N, classes), got {Shapes.Format(scores.Shape)}.", nameof(scores));
        return scores.ArgMax(1).ToArray<int>();
    }
}
