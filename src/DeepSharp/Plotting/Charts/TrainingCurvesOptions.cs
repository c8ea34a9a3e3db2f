namespace DeepSharp.Plotting;

/// <summary>Options of <see cref="TrainingCurves"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record TrainingCurvesOptions
{
    /// <summary>Title over both panels; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Width of each panel in pixels, 200..4000.</summary>
    public int PanelWidth { get; init => field = OptionCheck.InRange(value, 200, 4000, nameof(PanelWidth)); } = 580;

    /// <summary>Height of each panel in pixels, 150..4000.</summary>
    public int PanelHeight { get; init => field = OptionCheck.InRange(value, 150, 4000, nameof(PanelHeight)); } = 440;

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Label of the loss axis.</summary>
    public string LossLabel { get; init => field = value ?? throw new ArgumentNullException(nameof(LossLabel)); } = "Loss";

    /// <summary>Label of the accuracy axis.</summary>
    public string AccuracyLabel { get; init => field = value ?? throw new ArgumentNullException(nameof(AccuracyLabel)); } = "Accuracy";
}
