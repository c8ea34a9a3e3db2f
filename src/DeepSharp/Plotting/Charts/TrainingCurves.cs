namespace DeepSharp.Plotting;

/// <summary>
/// The usual picture of a training run: loss against epoch (train and validation) beside accuracy
/// against epoch (train and validation). Without accuracy values, the loss panel alone.
/// Train lines are blue, validation lines orange, in both panels.
/// </summary>
public sealed class TrainingCurves : Plot
{
    private readonly PanelGrid _grid;

    /// <summary>Lays out the curves. Every given array has one value per epoch; NaN marks a missing value.</summary>
    /// <param name="epochs">Epoch numbers (the x axis).</param>
    /// <param name="trainLoss">Training loss per epoch.</param>
    /// <param name="validationLoss">Validation loss per epoch, or null.</param>
    /// <param name="trainAccuracy">Training accuracy per epoch, or null.</param>
    /// <param name="validationAccuracy">Validation accuracy per epoch, or null.</param>
    /// <param name="options">Sizes and labels; defaults when null.</param>
    public TrainingCurves(double[] epochs, double[] trainLoss, double[]? validationLoss = null,
        double[]? trainAccuracy = null, double[]? validationAccuracy = null, TrainingCurvesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(trainLoss);
        Options = options ?? new TrainingCurvesOptions();
        CheckLength(trainLoss, epochs, nameof(trainLoss));
        CheckLength(validationLoss, epochs, nameof(validationLoss));
        CheckLength(trainAccuracy, epochs, nameof(trainAccuracy));
        CheckLength(validationAccuracy, epochs, nameof(validationAccuracy));

        Rgba train = Palette.Categorical(0), validation = Palette.Categorical(1);
        var panels = new List<Plot>
        {
            Panel(Options.LossLabel, epochs, trainLoss, validationLoss, train, validation),
        };
        if (trainAccuracy is not null || validationAccuracy is not null)
            panels.Add(Panel(Options.AccuracyLabel, epochs, trainAccuracy, validationAccuracy, train, validation));
        _grid = new PanelGrid(panels, 0, Options.Title, Options.TextScale);
    }

    /// <summary>Renders the curves onto a canvas in one call (see the constructor for the arguments).</summary>
    public static Canvas Render(double[] epochs, double[] trainLoss, double[]? validationLoss = null,
        double[]? trainAccuracy = null, double[]? validationAccuracy = null, TrainingCurvesOptions? options = null)
        => new TrainingCurves(epochs, trainLoss, validationLoss, trainAccuracy, validationAccuracy, options).ToCanvas();

    /// <summary>The options.</summary>
    public TrainingCurvesOptions Options { get; }

    /// <summary>The panels: the loss plot, then the accuracy plot if there is one.</summary>
    public IReadOnlyList<LinePlot> Panels => _grid.Panels.Cast<LinePlot>().ToArray();

    /// <inheritdoc/>
    public override int Width => _grid.Width;

    /// <inheritdoc/>
    public override int Height => _grid.Height;

    /// <summary>Top-left corner of panel <paramref name="index"/> in the rendered figure.</summary>
    public (int X, int Y) PanelOrigin(int index) => _grid.PanelOrigin(index);

    internal override void Draw(IPlotSurface surface, double left, double top) => _grid.Draw(surface, left, top);

    private LinePlot Panel(string metric, double[] epochs, double[]? train, double[]? validation, Rgba trainColor, Rgba validationColor)
    {
        var series = new List<PlotSeries>();
        if (train is not null) series.Add(new PlotSeries("train", epochs, train, trainColor));
        if (validation is not null) series.Add(new PlotSeries("validation", epochs, validation, validationColor));
        return new LinePlot(series, new LinePlotOptions
        {
            Title = metric,
            XLabel = "Epoch",
            YLabel = metric,
            Width = Options.PanelWidth,
            Height = Options.PanelHeight,
            TextScale = Options.TextScale,
            IntegerX = true,
        });
    }

    private static void CheckLength(double[]? values, double[] epochs, string name)
    {
        if (values is not null && values.Length != epochs.Length)
            throw new ArgumentException($"Expected {name} to have one value per epoch ({epochs.Length}), got {values.Length}.", name);
    }
}
