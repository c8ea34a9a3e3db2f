namespace DeepSharp.Backends;

/// <summary>
/// A strided view of a <see cref="Backends.Storage"/>: element (i0, i1, ...) is at
/// <c>Offset + Σ i_d · Strides[d]</c>. Strides may be 0 (a broadcast dimension) and need not be
/// row-major (a transposed or sliced tensor); an output view handed to a backend is contiguous
/// unless the operation says otherwise.
/// </summary>
public readonly struct StorageView
{
    internal readonly int[] _shape;
    internal readonly int[] _strides;

    /// <summary>Creates a view; the arrays are kept, not copied (callers never mutate them).</summary>
    public StorageView(Storage storage, int offset, int[] shape, int[] strides)
    {
        Storage = storage;
        Offset = offset;
        _shape = shape;
        _strides = strides;
    }

    /// <summary>A contiguous row-major view of the first elements of <paramref name="storage"/>.</summary>
    public static StorageView Contiguous(Storage storage, int[] shape) => new(storage, 0, shape, RowMajorStrides(shape));

    /// <summary>The viewed storage.</summary>
    public Storage Storage { get; }

    /// <summary>Element offset of index (0, 0, ...).</summary>
    public int Offset { get; }

    /// <summary>The sizes of the dimensions.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The element steps between neighbours along each dimension.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>The element type of the storage.</summary>
    public DType DType => Storage.DType;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements viewed.</summary>
    public int Numel
    {
        get
        {
            int n = 1;
            foreach (int s in _shape) n *= s;
            return n;
        }
    }

    /// <summary>True when the elements are row-major without gaps from <see cref="Offset"/> on.</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int i = _shape.Length - 1; i >= 0; i--)
            {
                if (_shape[i] == 0) return true;
                if (_shape[i] != 1 && _strides[i] != expected) return false;
                expected *= _shape[i];
            }
            return true;
        }
    }

    /// <summary>The host array and the viewed elements as a span, for a contiguous view of host storage.</summary>
    /// <exception cref="InvalidOperationException">The view is not contiguous or the storage is not host memory of <typeparamref name="T"/>.</exception>
    public Span<T> Span<T>() where T : unmanaged
    {
        if (Storage is not HostStorage<T> host)
            throw new InvalidOperationException($"StorageView.Span<{typeof(T).Name}>: the storage is {Storage.DType} on {Storage.Backend.Device}, not host {typeof(T).Name}.");
        if (!IsContiguous) throw new InvalidOperationException("StorageView.Span: the view is not contiguous.");
        return host.Data.AsSpan(Offset, Numel);
    }

    /// <summary>The host array behind the view (any layout).</summary>
    public T[] HostArray<T>() where T : unmanaged =>
        Storage is HostStorage<T> host ? host.Data
            : throw new InvalidOperationException($"StorageView: the storage is {Storage.DType} on {Storage.Backend.Device}, not host {typeof(T).Name}.");

    /// <summary>Row-major strides of <paramref name="shape"/>.</summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }
}
