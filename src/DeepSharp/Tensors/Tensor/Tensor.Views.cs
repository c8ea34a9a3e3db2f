using DeepSharp.Autograd;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>The same elements with a new shape (one entry may be -1): a view when the layout allows, else a copy.</summary>
    public Tensor Reshape(params int[] shape) => ViewRules.Reshape(this, shape, allowCopy: true, "Reshape");

    /// <summary>A view with a new shape; throws if the tensor is not contiguous (use <see cref="Reshape"/>).</summary>
    public Tensor View(params int[] shape) => ViewRules.Reshape(this, shape, allowCopy: false, "View");

    /// <summary>Flattens dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = Shapes.NormalizeDim(startDim, Rank, "Flatten"), e = Shapes.NormalizeDim(endDim, Rank, "Flatten");
        if (s > e) throw new ArgumentException($"Flatten: startDim {startDim} comes after endDim {endDim}.");
        var shape = new List<int>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        int n = 1;
        for (int i = s; i <= e; i++) n *= _shape[i];
        shape.Add(n);
        for (int i = e + 1; i < Rank; i++) shape.Add(_shape[i]);
        return Reshape([.. shape]);
    }

    /// <summary>Reorders dimensions (a view).</summary>
    public Tensor Permute(params int[] order) => ViewRules.Permute(this, order);

    /// <summary>Swaps two dimensions (a view).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = Shapes.NormalizeDim(dim0, Rank, "Transpose"), b = Shapes.NormalizeDim(dim1, Rank, "Transpose");
        var order = new int[Rank];
        for (int i = 0; i < Rank; i++) order[i] = i;
        (order[a], order[b]) = (order[b], order[a]);
        return Permute(order);
    }

    /// <summary>The transpose of a matrix (a view): <c>(n, m) -> (m, n)</c>.</summary>
    public Tensor T => Rank == 2 ? Transpose(0, 1) : throw new InvalidOperationException($"T needs a matrix, got shape {Shapes.Format(_shape)}; use Transpose or Permute.");

    /// <summary>Removes all size-1 dimensions, or only <paramref name="dim"/> when given (a view).</summary>
    public Tensor Squeeze(int? dim = null)
    {
        var shape = new List<int>();
        int? d = dim is { } x ? Shapes.NormalizeDim(x, Rank, "Squeeze") : null;
        for (int i = 0; i < Rank; i++)
            if (!(_shape[i] == 1 && (d is null || d == i))) shape.Add(_shape[i]);
        return shape.Count == Rank ? this : ViewLike([.. shape], "Squeeze");
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/> (a view).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = Shapes.NormalizeDim(dim, Rank + 1, "Unsqueeze");
        var shape = new List<int>(_shape);
        shape.Insert(d, 1);
        return ViewLike([.. shape], "Unsqueeze");
    }

    /// <summary>Size-1 dimensions stretched to <paramref name="shape"/> without copying (stride 0); -1 keeps a size.</summary>
    public Tensor Expand(params int[] shape) => ViewRules.Expand(this, shape);

    /// <summary>Elements [start, start + length) along <paramref name="dim"/> (a view).</summary>
    public Tensor Narrow(int dim, int start, int length) => ViewRules.Narrow(this, dim, start, length);

    /// <summary>Elements in <paramref name="range"/> along <paramref name="dim"/> (a view): <c>x.Slice(0, 2..5)</c>.</summary>
    public Tensor Slice(int dim, Range range)
    {
        int d = Shapes.NormalizeDim(dim, Rank, "Slice");
        var (start, length) = range.GetOffsetAndLength(_shape[d]);
        return Narrow(d, start, length);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> of the first dimension (a view with one dimension less).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[int index]
    {
        get
        {
            if (Rank == 0) throw new InvalidOperationException("Cannot index a zero-dimensional tensor.");
            int i = index < 0 ? index + _shape[0] : index;
            if ((uint)i >= (uint)_shape[0])
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is out of range for dimension 0 of size {_shape[0]}.");
            return Narrow(0, i, 1).Squeeze(0);
        }
    }

    /// <summary>A contiguous tensor with the same values: this one if already contiguous, else a recorded copy.</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>Reshape when only size-1 dimensions change, keeping the strides of the others (works on any layout).</summary>
    private Tensor ViewLike(int[] shape, string name)
    {
        var strides = new int[shape.Length];
        int src = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            while (src < Rank && _shape[src] == 1 && shape[i] != 1) src++;
            if (src < Rank && _shape[src] == shape[i]) strides[i] = _strides[src++];
            else strides[i] = 1;
        }
        var view = ViewOf(shape, strides, _offset);
        int[] inShape = ShapeArray;
        return Node.Record(view, name, [this], g => [g.Reshape(inShape)], saved: []);
    }
}
