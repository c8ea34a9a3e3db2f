using DeepSharp.Data;
using DeepSharp.IO;
using DeepSharp.Lab.Web;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Lab.Dashboard;

/// <summary>
/// A training callback that writes, after every epoch, the dashboard's frame of the run
/// (<see cref="EpochInsight"/>: decision regions for 2-D data, confusion matrix, misclassified images,
/// first-layer filters) into the run folder, atomically; plus <see cref="RunInfo"/> at the start and end.
/// Used by <c>deepsharp train --dashboard</c>.
/// </summary>
public sealed class DashboardRecorder : TrainingCallback
{
    private readonly string _directory;
    private readonly Module _model;
    private readonly Tensor _inputs;
    private readonly int[] _labels;
    private readonly int _classes;
    private readonly (int, int)? _images;
    private RunInfo _info;

    /// <summary>Creates the recorder.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="model">The model being trained.</param>
    /// <param name="modelName">Its one-line description.</param>
    /// <param name="data">The data set (its kind, classes and image size).</param>
    /// <param name="evaluation">The samples of the confusion matrix (the first <see cref="RunInsights.MaxSamples"/> are used).</param>
    public DashboardRecorder(string runDirectory, Module model, string modelName, DashboardData data, TensorDataset evaluation)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(evaluation);
        _directory = runDirectory;
        _model = model;
        int n = Math.Min(evaluation.Count, RunInsights.MaxSamples);
        var subset = n == evaluation.Count ? evaluation : evaluation.Subset(Enumerable.Range(0, n).ToArray());
        _inputs = subset.Inputs;
        _labels = subset.Targets.ToArray<int>();
        _classes = data.ClassNames.Count;
        bool points = data.Features == 2 && data.Train.InputShape.Count == 1;
        _images = data.IsImages ? (data.ImageRows, data.ImageCols) : null;
        double[]? extent = null;
        RunPoints? stored = null;
        if (points)
        {
            var xy = data.Train.Inputs.Contiguous().ToArray<float>();
            var labels = data.Train.Targets.ToArray<int>();
            extent = Extent(xy);
            int m = Math.Min(labels.Length, RunInsights.MaxPoints);
            stored = new RunPoints([.. Enumerable.Range(0, m).Select(i => xy[2 * i])], [.. Enumerable.Range(0, m).Select(i => xy[2 * i + 1])], labels[..m]);
        }
        string kind = points ? "points" : data.IsImages ? "images" : "table";
        _info = new RunInfo(data.Name, kind, [.. data.ClassNames], data.ImageRows, data.ImageCols, extent, stored, "running", modelName);
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context) => WriteInfo("running");

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var insight = RunInsights.Compute(_model, record.Epoch, _inputs, _labels, _classes, _info.Extent, _images);
        Write(RunFileNames.Frame(record.Epoch), LabJson.Bytes(insight));
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context) => WriteInfo("finished");

    /// <summary>Marks the run finished (also after Ctrl-C, when <see cref="OnTrainEnd"/> does not run).</summary>
    public void MarkFinished() => WriteInfo("finished");

    private void WriteInfo(string status)
    {
        _info = _info with { Status = status };
        Write(RunFileNames.Info, LabJson.Bytes(_info));
    }

    private void Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    // The points' box with a margin of a tenth of its size on every side.
    private static double[] Extent(float[] xy)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (int i = 0; i + 1 < xy.Length; i += 2)
        {
            (minX, maxX) = (Math.Min(minX, xy[i]), Math.Max(maxX, xy[i]));
            (minY, maxY) = (Math.Min(minY, xy[i + 1]), Math.Max(maxY, xy[i + 1]));
        }
        if (xy.Length < 2) return [-1, 1, -1, 1];
        double mx = Math.Max(1e-3, maxX - minX) * 0.1, my = Math.Max(1e-3, maxY - minY) * 0.1;
        return [minX - mx, maxX + mx, minY - my, maxY + my];
    }
}
