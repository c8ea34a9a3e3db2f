using DeepSharp.Backends;
namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>Converts a leaf tensor's elements to <paramref name="dtype"/> in place: the tensor keeps
    /// its identity (what modules and optimizers hold) and gets new storage, as PyTorch's
    /// <c>param.data = param.data.to(dtype)</c>. Views made before keep the old storage; a gradient
    /// of the old dtype is dropped. This is what <c>Module.To(DType)</c> uses.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a contiguous leaf starting at
    /// its storage's first element, or a dtype is not floating point.</exception>
    internal void ConvertLeafInPlace(DType dtype)
    {
        CheckAlive();
        if (dtype == DType) return;
        if (!IsLeaf || !IsContiguous || _offset != 0 || _storage.Length != Numel)
            throw new InvalidOperationException($"ConvertLeafInPlace: only a whole contiguous leaf tensor can change dtype in place, got a {(IsLeaf ? "view" : "computed tensor")} of shape {Shapes.Format(_shape)}.");
        if (!dtype.IsFloatingPoint() || !DType.IsFloatingPoint())
            throw new InvalidOperationException($"ConvertLeafInPlace: converts between floating-point dtypes, got {DType} -> {dtype}.");
        var converted = new Tensor(Backend.Allocate(dtype, Numel), ShapeArray);
        Backend.Copy(BackendView, converted.BackendView);
        _storage = converted._storage;
        _generation = _storage.Generation;
        if (Grad is { } g && g.DType != dtype) Grad = null;
    }
    /// <summary>Moves a leaf tensor to <paramref name="backend"/>'s device in place: the tensor keeps
    /// its identity (what modules and optimizers hold) and gets new storage there, as PyTorch's
    /// <c>param.data = param.data.to(device)</c>; its gradient, if any, moves with it. Views made
    /// before keep the old storage. This is what <c>Module.To(Device)</c> uses.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a contiguous leaf starting at
    /// its storage's first element.</exception>
    internal void MoveLeafInPlace(IBackend backend)
    {
        CheckAlive();
        if (ReferenceEquals(backend, Backend)) return;
        if (!IsLeaf || !IsContiguous || _offset != 0 || _storage.Length != Numel)
            throw new InvalidOperationException($"MoveLeafInPlace: only a whole contiguous leaf tensor can change device in place, got a {(IsLeaf ? "view" : "computed tensor")} of shape {Shapes.Format(_shape)} on {Device}.");
        var moved = ToBackend(backend);
        if (Grad is { } g) Grad = g.ToBackend(backend);
        _storage = moved._storage;
        _generation = _storage.Generation;
    }
}
