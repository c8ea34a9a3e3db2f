using DeepSharp.Backends;

namespace DeepSharp.Tensors;

/// <summary>
/// The raw (not recorded) element-wise computations behind tensor operations: dtype and device
/// checks, broadcasting to the output shape, output allocation, then one backend call. The autograd
/// rules call these for their forward passes.
/// </summary>
internal static class ElementWiseCompute
{
    public static Tensor Binary(BinaryOp op, Tensor a, Tensor b, string name)
    {
        CheckPair(a, b, name);
        if (!a.DType.IsFloatingPoint()) throw NotFloat(name, a);
        var shape = Shapes.SameShape(a._shape, b._shape) ? a.ShapeArray : Shapes.Broadcast(a._shape, b._shape, name);
        var result = a.EmptyLike(a.DType, shape);
        a.Backend.Binary(op, a.BroadcastView(shape), b.BroadcastView(shape), result.BackendView);
        return result;
    }

    /// <summary>d = op(a, b) with a and b broadcast to d's shape (d may be a or a view being written).</summary>
    public static void BinaryInto(BinaryOp op, Tensor a, Tensor b, Tensor d, string name)
    {
        CheckPair(a, b, name);
        CheckPair(a, d, name);
        if (!d.DType.IsFloatingPoint()) throw NotFloat(name, d);
        d.Backend.Binary(op, a.BroadcastView(d._shape), b.BroadcastView(d._shape), d.BackendView);
    }

    public static Tensor Unary(UnaryOp op, Tensor x, string name)
    {
        if (!x.DType.IsFloatingPoint()) throw NotFloat(name, x);
        var result = x.EmptyLike(x.DType, x.ShapeArray);
        x.Backend.Unary(op, x.BackendView, result.BackendView);
        return result;
    }

    /// <summary>The dtype of a mask for inputs of <paramref name="dtype"/>: floats keep theirs, Int32 gives Float32.</summary>
    public static DType MaskType(DType dtype) => dtype == DType.Int32 ? DType.Float32 : dtype;

    public static Tensor Compare(ComparisonOp op, Tensor a, Tensor b, string name)
    {
        CheckPair(a, b, name);
        var shape = Shapes.Broadcast(a._shape, b._shape, name);
        var result = a.EmptyLike(MaskType(a.DType), shape);
        a.Backend.Compare(op, a.BroadcastView(shape), b.BroadcastView(shape), result.BackendView);
        return result;
    }

    /// <summary>where(c != 0, a, b), all three broadcast together.</summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b)
    {
        CheckPair(a, b, "Where");
        Devices.Same(cond, a, "Where");
        var shape = Shapes.Broadcast(Shapes.Broadcast(cond._shape, a._shape, "Where"), b._shape, "Where");
        var d = a.EmptyLike(a.DType, shape);
        a.Backend.Where(cond.BroadcastView(shape), a.BroadcastView(shape), b.BroadcastView(shape), d.BackendView);
        return d;
    }

    /// <summary>A contiguous tensor with the same values (the input itself when already contiguous).</summary>
    public static Tensor Contiguous(Tensor x) => x.IsContiguous ? x : x.CloneRaw();

    private static void CheckPair(Tensor a, Tensor b, string name)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{name}: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        Devices.Same(a, b, name);
    }

    internal static NotSupportedException NotFloat(string name, Tensor t) =>
        new($"{name}: needs a floating-point tensor, got {t.DType} {Shapes.Format(t._shape)}; convert with To(DType.Float32).");
}
