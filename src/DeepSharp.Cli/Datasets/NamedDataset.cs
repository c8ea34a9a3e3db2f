using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
namespace DeepSharp.Cli.Datasets;

/// <summary>A classification dataset loaded by name from <see cref="DatasetCatalog"/>: the
/// training samples, the held-out test samples when the source has them, and the class names.</summary>
/// <remarks>Inputs are (N, F) for tables, points and flattened images, or (N, 1, Rows, Cols) for
/// images that were not flattened; targets are Int32 class indices (N).</remarks>
/// <param name="Name">The name or specification it was loaded from, e.g. <c>spirals</c> or <c>csv:iris.csv</c>.</param>
/// <param name="Train">The training samples.</param>
/// <param name="Test">The test samples, or null when the source has no test split.</param>
/// <param name="ClassNames">One name per class index.</param>
/// <param name="Kind">Points, images or table rows.</param>
/// <param name="ImageRows">Image height for <see cref="DatasetKind.Images"/>, else 0.</param>
/// <param name="ImageCols">Image width for <see cref="DatasetKind.Images"/>, else 0.</param>
internal sealed record NamedDataset(string Name, TensorDataset Train, TensorDataset? Test, IReadOnlyList<string> ClassNames,
    DatasetKind Kind, int ImageRows = 0, int ImageCols = 0)
{
    /// <summary>The number of input values per sample (the product of the input shape).</summary>
    public int Features => Train.InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The number of classes.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The same data with another test split (e.g. from <c>--test-dataset</c>).</summary>
    public NamedDataset WithTest(TensorDataset? test) => this with { Test = test };
}
