using DeepSharp.Data;

namespace DeepSharp.Lab.Dashboard;

/// <summary>What the dashboard needs to know about the data a run trains on.</summary>
/// <param name="Name">The data set's name, shown in the page's header.</param>
/// <param name="Train">The training samples (2-D points get a decision-region view).</param>
/// <param name="ClassNames">One name per class index.</param>
/// <param name="ImageRows">Image height when the samples are images, else 0.</param>
/// <param name="ImageCols">Image width when the samples are images, else 0.</param>
public sealed record DashboardData(string Name, TensorDataset Train, IReadOnlyList<string> ClassNames, int ImageRows = 0, int ImageCols = 0)
{
    /// <summary>True when the samples are images (misclassified images and filters are shown).</summary>
    public bool IsImages => ImageRows > 0 && ImageCols > 0;

    /// <summary>The number of input values per sample.</summary>
    public int Features => Train.InputShape.Aggregate(1, (a, b) => a * b);
}
