namespace DeepSharp.Data;

/// <summary>A numeric table read by <see cref="CsvDataReader"/>.</summary>
/// <remarks>Features (N, F) row-major with F = FeatureNames.Length; ClassLabels (N) with values
/// 0..ClassNames.Length-1, or Targets (N), or neither when there is no label column.</remarks>
/// <param name="Features">N * F feature values, row-major.</param>
/// <param name="N">Number of rows (samples).</param>
/// <param name="FeatureNames">Names of the feature columns, in file order.</param>
/// <param name="ClassLabels">Class index per row, for class labels; otherwise null.</param>
/// <param name="Targets">Target per row, for regression labels; otherwise null.</param>
/// <param name="ClassNames">Label text per class index (numeric-looking labels sorted
/// numerically, others by ordinal string order); null unless class labels.</param>
/// <param name="LabelName">Name of the label column, or null when there is none.</param>
public sealed record CsvData(float[] Features, int N, string[] FeatureNames, int[]? ClassLabels, float[]? Targets,
    string[]? ClassNames, string? LabelName)
{
    /// <summary>Number of feature columns F.</summary>
    public int FeatureCount => FeatureNames.Length;
}
