namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="ConfusionMatrixPlot"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record ConfusionMatrixOptions
{
    /// <summary>Title above the matrix; none when null.</summary>
    public string? Title { get; init; } = "Confusion matrix";

    /// <summary>Label under the columns.</summary>
    public string? XLabel { get; init; } = "Predicted";

    /// <summary>Label beside the rows (drawn turned).</summary>
    public string? YLabel { get; init; } = "True";

    /// <summary>Side of one cell in pixels, 12..400.</summary>
    public int CellSize { get; init => field = OptionCheck.InRange(value, 12, 400, nameof(CellSize)); } = 52;

    /// <summary>Pixels per bitmap-font cell for titles and class labels, 1..4 (counts are sized to fit their cells).</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Shade each cell by its share of its row (true class), so rare and common classes
    /// read alike; otherwise by its share of the largest count.</summary>
    public bool ShadeByRow { get; init; } = true;
}
