using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Per-feature statistics over the rows of a (N, ...) tensor, shared by the scalers.</summary>
internal static class FeatureStatistics
{
    /// <summary>The rows of <paramref name="data"/> as a flat float array with the row width.</summary>
    public static (float[] Values, int Rows, int Features) Rows(Tensor data, string caller)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank < 1 || !data.DType.IsFloatingPoint())
            throw new ArgumentException($"{caller} expected a floating-point tensor (N, features...), got {data.DType} {Shapes.Format(data.Shape)}.", nameof(data));
        int rows = data.Size(0);
        int features = 1;
        for (int i = 1; i < data.Rank; i++) features *= data.Size(i);
        return (data.ToArray<float>(), rows, features);
    }

    /// <summary>Applies y = (x - shift[f]) * scale[f] + offset[f] per feature and returns a tensor shaped like <paramref name="data"/>.</summary>
    public static Tensor Affine(Tensor data, double[] shift, double[] scale, double[] offset, string caller)
    {
        var (values, rows, features) = Rows(data, caller);
        if (features != shift.Length)
            throw new ArgumentException($"{caller} was fitted on {shift.Length} features per row, got {features} ({Shapes.Format(data.Shape)}).", nameof(data));
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * features, features);
            for (int f = 0; f < features; f++) row[f] = (float)((row[f] - shift[f]) * scale[f] + offset[f]);
        }
        var result = Tensor.FromArray(values, data.ShapeArray);
        return data.DType == DType.Float32 ? result : result.To(data.DType);
    }
}
