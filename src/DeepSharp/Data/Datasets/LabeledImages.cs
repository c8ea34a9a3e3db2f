namespace DeepSharp.Data;

/// <summary>Images with one class label each, as flat arrays.</summary>
/// <remarks>Pixels (Count, Rows, Cols) row-major, scaled to [0, 1]; Labels (Count).</remarks>
/// <param name="Pixels">Count * Rows * Cols pixel values in [0, 1].</param>
/// <param name="Labels">One non-negative class index per image.</param>
/// <param name="Rows">Image height.</param>
/// <param name="Cols">Image width.</param>
public sealed record LabeledImages(float[] Pixels, int[] Labels, int Rows, int Cols)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
}
