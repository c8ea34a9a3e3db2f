using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Builds <see cref="TensorDataset"/>s from what the readers and generators return.</summary>
public static class DatasetFactory
{
    /// <summary>Labelled images as inputs (N, Rows·Cols) when <paramref name="flatten"/>, else (N, 1, Rows, Cols),
    /// with Int32 labels (N). The pixel array is shared, not copied.</summary>
    public static TensorDataset FromImages(LabeledImages images, bool flatten = true)
    {
        ArgumentNullException.ThrowIfNull(images);
        int n = images.Count;
        var inputs = flatten
            ? Tensor.Wrap(images.Pixels, n, images.Rows * images.Cols)
            : Tensor.Wrap(images.Pixels, n, 1, images.Rows, images.Cols);
        return new TensorDataset(inputs, Tensor.Wrap(images.Labels, n));
    }

    /// <summary>A CSV table as inputs (N, F) and its label column: Int32 class indices (N) or
    /// float regression targets (N, 1).</summary>
    /// <exception cref="ArgumentException">The table has no label column.</exception>
    public static TensorDataset FromCsv(CsvData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var inputs = Tensor.Wrap(data.Features, data.N, data.FeatureCount);
        if (data.ClassLabels is { } labels) return new TensorDataset(inputs, Tensor.Wrap(labels, data.N));
        if (data.Targets is { } targets) return new TensorDataset(inputs, Tensor.Wrap(targets, data.N, 1));
        throw new ArgumentException("The CSV data has no label column; read it with a label column to build a dataset.", nameof(data));
    }

    /// <summary>Feature rows (N, features) and class labels (N), e.g. from <see cref="ToyData"/>.</summary>
    public static TensorDataset FromArrays(float[] x, int features, int[] labels) => TensorDataset.FromArrays(x, features, labels);

    /// <summary>Feature rows (N, features) and regression targets (N, 1).</summary>
    public static TensorDataset FromArrays(float[] x, int features, float[] targets) => TensorDataset.FromArrays(x, features, targets);
}
