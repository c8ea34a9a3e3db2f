using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// An in-memory dataset over two tensors whose first dimension indexes the samples:
/// inputs (N, ...) and targets (N, ...) (Int32 class indices (N) or floating-point values).
/// </summary>
/// <remarks>
/// The tensors are detached from any graph and made contiguous; a contiguous input is shared,
/// not copied, so it must not be modified while the dataset is in use.
/// </remarks>
public sealed class TensorDataset : IDataset
{
    private readonly int[] _inputShape;
    private readonly int[] _targetShape;
    private readonly int _inputRow;
    private readonly int _targetRow;

    /// <summary>Creates the dataset.</summary>
    /// <exception cref="ArgumentException">A tensor is zero-dimensional or the sample counts differ.</exception>
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0 || targets.Rank == 0)
            throw new ArgumentException(
                $"TensorDataset expected inputs and targets with a sample dimension first, got shapes {Format(inputs.Shape)} and {Format(targets.Shape)}.");
        if (inputs.Size(0) != targets.Size(0))
            throw new ArgumentException(
                $"TensorDataset expected as many targets as inputs, got {inputs.Size(0)} inputs {Format(inputs.Shape)} and {targets.Size(0)} targets {Format(targets.Shape)}.");
        Inputs = Own(inputs);
        Targets = Own(targets);
        Count = inputs.Size(0);
        _inputShape = inputs.ShapeArray[1..];
        _targetShape = targets.ShapeArray[1..];
        _inputRow = Product(_inputShape);
        _targetRow = Product(_targetShape);
    }

    /// <summary>A dataset of feature rows (row-major <paramref name="features"/>
    /// values each) and Int32 class labels, as returned by the toy-data generators.</summary>
    public static TensorDataset FromArrays(float[] x, int features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        CheckRows(x.Length, features, labels.Length);
        return new TensorDataset(Tensor.FromArray(x, labels.Length, features), Tensor.FromArray(labels, labels.Length));
    }

    /// <summary>A dataset of feature rows and float regression targets, one value per row.</summary>
    public static TensorDataset FromArrays(float[] x, int features, float[] targets)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(targets);
        CheckRows(x.Length, features, targets.Length);
        return new TensorDataset(Tensor.FromArray(x, targets.Length, features), Tensor.FromArray(targets, targets.Length, 1));
    }

    private static void CheckRows(int values, int features, int rows)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "features must be positive.");
        if (values != (long)rows * features)
            throw new ArgumentException($"Expected {rows} rows x {features} features = {(long)rows * features} values, got {values}.");
    }

    /// <summary>All inputs, shape (N, ...).</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets, shape (N, ...).</summary>
    public Tensor Targets { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <inheritdoc/>
    public DType InputDType => Inputs.DType;

    /// <inheritdoc/>
    public IReadOnlyList<int> TargetShape => _targetShape;

    /// <inheritdoc/>
    public DType TargetDType => Targets.DType;

    /// <inheritdoc/>
    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a sample index in [0, {Count}).");
            return (Inputs[index].CloneRaw(), Targets[index].CloneRaw());
        }
    }

    /// <inheritdoc/>
    public void GetBatch(ReadOnlySpan<int> indices, Tensor inputs, Tensor targets)
    {
        CheckBuffer(inputs, Inputs.DType, _inputShape, indices.Length, nameof(inputs));
        CheckBuffer(targets, Targets.DType, _targetShape, indices.Length, nameof(targets));
        Gather(Inputs, _inputRow, indices, inputs);
        Gather(Targets, _targetRow, indices, targets);
    }

    /// <summary>A new dataset holding the samples at <paramref name="indices"/>, in that order (copied).</summary>
    public TensorDataset Subset(ReadOnlySpan<int> indices)
    {
        var inputs = Tensor.Zeros([indices.Length, .. _inputShape], Inputs.DType);
        var targets = Tensor.Zeros([indices.Length, .. _targetShape], Targets.DType);
        GetBatch(indices, inputs, targets);
        return new TensorDataset(inputs, targets);
    }

    private void CheckBuffer(Tensor buffer, DType dtype, int[] sampleShape, int count, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        bool ok = buffer.DType == dtype && buffer.IsContiguous && buffer.Rank == sampleShape.Length + 1 && buffer.Size(0) == count;
        for (int i = 0; ok && i < sampleShape.Length; i++) ok = buffer.Size(i + 1) == sampleShape[i];
        if (!ok)
            throw new ArgumentException(
                $"GetBatch expected a contiguous {dtype} buffer of shape {Format([count, .. sampleShape])} for {name}, got {buffer.DType} {Format(buffer.Shape)}{(buffer.IsContiguous ? "" : " (not contiguous)")}.",
                name);
    }

    private void Gather(Tensor source, int row, ReadOnlySpan<int> indices, Tensor destination)
    {
        switch (source.DType)
        {
            case DType.Float32: Gather(source.AsReadOnlySpan<float>(), row, indices, destination.AsSpan<float>()); break;
            case DType.Float64: Gather(source.AsReadOnlySpan<double>(), row, indices, destination.AsSpan<double>()); break;
            default: Gather(source.AsReadOnlySpan<int>(), row, indices, destination.AsSpan<int>()); break;
        }
    }

    private void Gather<T>(ReadOnlySpan<T> source, int row, ReadOnlySpan<int> indices, Span<T> destination)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            int s = indices[i];
            if ((uint)s >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), s, $"Expected sample indices in [0, {Count}), got {s} at position {i}.");
            source.Slice(s * row, row).CopyTo(destination.Slice(i * row, row));
        }
    }

    private static Tensor Own(Tensor t)
    {
        using var _ = GradMode.NoGrad();
        var detached = t.Detach();
        return detached.IsContiguous ? detached : detached.CloneRaw();
    }

    private static int Product(int[] shape)
    {
        int n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    private static string Format(ReadOnlySpan<int> shape) => Shapes.Format(shape);
}
