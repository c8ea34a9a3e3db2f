using DeepSharp.Tensors;

namespace DeepSharp.Distributed;

/// <summary>
/// Consecutive parameters whose gradients are reduced together: one host buffer (float or double)
/// with a view per parameter. It is ready once every member's gradient is final in this backward
/// pass; then the gradients are copied in and the all-reduce (sum, then 1/N) is queued.
/// </summary>
internal sealed class GradientBucket
{
    private readonly Tensor[] _views;
    private int _pending;

    public GradientBucket(int index, IReadOnlyList<Tensor> parameters)
    {
        Index = index;
        Parameters = [.. parameters];
        int count = Parameters.Sum(p => p.Numel);
        var dtype = Parameters[0].DType;
        Tensor flat;
        if (dtype == DType.Float64)
        {
            var data = new double[count];
            (Buffer, flat) = (data, Tensor.Wrap(data));
        }
        else
        {
            var data = new float[count];
            (Buffer, flat) = (data, Tensor.Wrap(data));
        }
        _views = new Tensor[Parameters.Length];
        int offset = 0;
        for (int i = 0; i < Parameters.Length; i++)
        {
            _views[i] = flat.Narrow(0, offset, Parameters[i].Numel).View(Parameters[i].ShapeArray);
            offset += Parameters[i].Numel;
        }
        Count = count;
        _pending = Parameters.Length;
    }

    public int Index { get; }

    public Tensor[] Parameters { get; }

    /// <summary>The host buffer MPI reduces.</summary>
    public Array Buffer { get; }

    /// <summary>Elements in the buffer.</summary>
    public int Count { get; }

    /// <summary>Bytes in the buffer.</summary>
    public int Bytes => Count * (Buffer is double[] ? 8 : 4);

    /// <summary>The queued reduction of this step, or null before it is launched.</summary>
    public Task? Reduction { get; set; }

    public bool Ready => _pending == 0;

    /// <summary>Notes that one member's gradient is final; true when that made the bucket ready.</summary>
    public bool MarkReady() => --_pending == 0;

    /// <summary>Copies the members' gradients into the buffer (zeros for a member without one).</summary>
    public void Gather()
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (Parameters[i].Grad is { } grad) _views[i].CopyFrom(grad);
            else _views[i].Fill(0);
        }
    }

    /// <summary>Copies the reduced buffer back into the members' gradients (creating those that are missing).</summary>
    public void Scatter()
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null)
            {
                using var outside = TensorArena.Suspend(); // gradients outlive the step
                p.Grad = Tensor.Zeros(p.ShapeArray, p.DType, p.Device);
            }
            p.Grad.CopyFrom(_views[i]);
        }
    }

    /// <summary>Forgets this step: no member ready, nothing launched.</summary>
    public void Reset()
    {
        _pending = Parameters.Length;
        Reduction = null;
    }
}
