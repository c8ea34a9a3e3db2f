namespace DeepSharp.Backends.Reference;

/// <summary>
/// The one place where the reference backend deals with layouts: it reads any strided view
/// (broadcast, transposed, sliced) into a dense row-major array and writes a dense array back into
/// any view. Every kernel of <see cref="ReferenceBackend"/> then loops over dense arrays with the
/// index formulas written out. Floating-point values travel as double (Float32 widens exactly;
/// results are rounded once when written), indices as int.
/// </summary>
internal static class StridedElements
{
    /// <summary>The storage position of each element of <paramref name="view"/>, in row-major order of its shape.</summary>
    public static int[] Positions(StorageView view)
    {
        var shape = view.Shape;
        var strides = view.Strides;
        int count = view.Numel;
        var positions = new int[count];
        var index = new int[shape.Length];
        for (int e = 0; e < count; e++)
        {
            int at = view.Offset;
            for (int d = 0; d < shape.Length; d++) at += index[d] * strides[d];
            positions[e] = at;
            // advance the multi-index like an odometer: the last dimension fastest
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return positions;
    }

    /// <summary>The elements of <paramref name="view"/> in row-major order, as doubles (any dtype).</summary>
    public static double[] Read(StorageView view)
    {
        var positions = Positions(view);
        var values = new double[positions.Length];
        switch (view.Storage)
        {
            case HostStorage<float> f:
                for (int e = 0; e < values.Length; e++) values[e] = f.Data[positions[e]];
                break;
            case HostStorage<double> d:
                for (int e = 0; e < values.Length; e++) values[e] = d.Data[positions[e]];
                break;
            case HostStorage<int> i:
                for (int e = 0; e < values.Length; e++) values[e] = i.Data[positions[e]];
                break;
            default:
                throw NotHost(view);
        }
        return values;
    }

    /// <summary>The elements of an Int32 view (indices, class labels) in row-major order.</summary>
    /// <exception cref="ArgumentException">The view is not Int32.</exception>
    public static int[] ReadIndices(StorageView view, string op)
    {
        if (view.Storage is not HostStorage<int> storage)
            throw new ArgumentException($"{op}: indices must be Int32 host storage, found {view.DType} on {view.Storage.Backend.Device}.");
        var positions = Positions(view);
        var values = new int[positions.Length];
        for (int e = 0; e < values.Length; e++) values[e] = storage.Data[positions[e]];
        return values;
    }

    /// <summary>Writes <paramref name="values"/> (row-major) into <paramref name="view"/>, rounding to
    /// Float32 or truncating toward zero into Int32 as the view's dtype asks.</summary>
    public static void Write(StorageView view, double[] values)
    {
        var positions = Positions(view);
        if (positions.Length != values.Length)
            throw new ArgumentException($"Write: the view holds {positions.Length} elements, the values {values.Length}.");
        switch (view.Storage)
        {
            case HostStorage<float> f:
                for (int e = 0; e < values.Length; e++) f.Data[positions[e]] = (float)values[e];
                break;
            case HostStorage<double> d:
                for (int e = 0; e < values.Length; e++) d.Data[positions[e]] = values[e];
                break;
            case HostStorage<int> i:
                for (int e = 0; e < values.Length; e++) i.Data[positions[e]] = (int)values[e];
                break;
            default:
                throw NotHost(view);
        }
    }

    /// <summary>Writes Int32 results (arg-max indices) into an Int32 view.</summary>
    public static void WriteIndices(StorageView view, int[] values, string op)
    {
        if (view.Storage is not HostStorage<int> storage)
            throw new ArgumentException($"{op}: the output must be Int32 host storage, found {view.DType}.");
        var positions = Positions(view);
        for (int e = 0; e < values.Length; e++) storage.Data[positions[e]] = values[e];
    }

    private static InvalidOperationException NotHost(StorageView view) =>
        new($"The reference backend computes on host storage; found {view.DType} storage of {view.Storage.Backend.Device}.");
}
