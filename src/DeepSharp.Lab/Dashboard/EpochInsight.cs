namespace DeepSharp.Lab.Dashboard;

/// <summary>What the dashboard shows of a model after one epoch (file <see cref="RunFileNames.Frame"/>).</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Boundary">Decision regions for 2-D data, else null.</param>
/// <param name="Confusion">Counts [actual][predicted] on the evaluation samples, or null.</param>
/// <param name="Samples">How many samples the confusion matrix counts.</param>
/// <param name="Misclassified">Up to <see cref="RunInsights.MaxMisclassified"/> wrongly classified images, or empty.</param>
/// <param name="Filters">The first convolution's filters, or null when the model has none.</param>
public sealed record EpochInsight(int Epoch, BoundaryImage? Boundary, long[][]? Confusion, int Samples, MisclassifiedImage[] Misclassified,
    FilterSet? Filters);

/// <summary>Decision regions on a Size × Size grid over <see cref="RunInfo.Extent"/>, rows from the top.</summary>
/// <param name="Size">Cells per side.</param>
/// <param name="Classes">The predicted class of each cell, base64 bytes.</param>
/// <param name="Confidence">The predicted class's probability (0..255), base64 bytes.</param>
public sealed record BoundaryImage(int Size, string Classes, string Confidence);

/// <summary>A misclassified image.</summary>
/// <param name="Index">Its index among the evaluation samples.</param>
/// <param name="Actual">The true class.</param>
/// <param name="Predicted">The predicted class.</param>
/// <param name="Pixels">Gray levels 0..255 (row-major), base64.</param>
public sealed record MisclassifiedImage(int Index, int Actual, int Predicted, string Pixels);

/// <summary>Convolution filters as signed gray levels (128 is zero), each scaled by its largest magnitude.</summary>
/// <param name="Count">Filters (output channels).</param>
/// <param name="Channels">Input channels per filter.</param>
/// <param name="Height">Kernel rows.</param>
/// <param name="Width">Kernel columns.</param>
/// <param name="Data">Count · Channels · Height · Width bytes, base64.</param>
public sealed record FilterSet(int Count, int Channels, int Height, int Width, string Data);

/// <summary>What the recorder knows of a run (file <see cref="RunFileNames.Info"/>).</summary>
/// <param name="Dataset">The data set's name.</param>
/// <param name="Kind">points, images or table.</param>
/// <param name="ClassNames">One name per class.</param>
/// <param name="ImageRows">Image height, or 0.</param>
/// <param name="ImageCols">Image width, or 0.</param>
/// <param name="Extent">For points: the plotted box [minX, maxX, minY, maxY]; else null.</param>
/// <param name="Points">For points: up to <see cref="RunInsights.MaxPoints"/> training points, else null.</param>
/// <param name="Status">running or finished.</param>
/// <param name="Model">The model's one-line description.</param>
public sealed record RunInfo(string Dataset, string Kind, string[] ClassNames, int ImageRows, int ImageCols, double[]? Extent,
    RunPoints? Points, string Status, string Model);

/// <summary>2-D points with their classes.</summary>
/// <param name="X">First coordinates.</param>
/// <param name="Y">Second coordinates.</param>
/// <param name="Label">Classes.</param>
public sealed record RunPoints(float[] X, float[] Y, int[] Label);
