namespace DeepSharp.Data;

/// <summary>How the label column of a CSV file is interpreted.</summary>
public enum CsvLabelKind
{
    /// <summary>Class labels (any strings), mapped to indices 0..C-1 in a stable order.</summary>
    Class,

    /// <summary>A numeric regression target.</summary>
    Regression,
}
