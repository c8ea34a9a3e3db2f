using DeepSharp.Backends;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>In place: this += other (broadcast into this shape). Not recorded: for gradients,
    /// optimizers and data; refused on a tensor the graph tracks, and it bumps the version, so a
    /// backward pass that saved this tensor throws instead of using the changed values.</summary>
    public void AddInPlace(Tensor other) => BinaryInPlace(BinaryOp.Add, other, "AddInPlace");

    /// <summary>In place: this *= other (broadcast into this shape). Not recorded; checked as <see cref="AddInPlace"/>.</summary>
    public void MulInPlace(Tensor other) => BinaryInPlace(BinaryOp.Multiply, other, "MulInPlace");

    /// <summary>In place: this *= <paramref name="value"/>. Not recorded; checked as <see cref="AddInPlace"/>.</summary>
    public void MulInPlace(double value) => BinaryInPlace(BinaryOp.Multiply, ScalarOnDevice(value), "MulInPlace");

    /// <summary>In place: clamps every element into [<paramref name="min"/>, <paramref name="max"/>]. Not recorded.</summary>
    public void ClampInPlace(double min, double max)
    {
        if (!(min <= max)) throw new ArgumentOutOfRangeException(nameof(min), $"ClampInPlace: min {min} must not exceed max {max}.");
        BinaryInPlace(BinaryOp.Maximum, ScalarOnDevice(min), "ClampInPlace");
        BinaryInPlace(BinaryOp.Minimum, ScalarOnDevice(max), "ClampInPlace");
    }

    private void BinaryInPlace(BinaryOp op, Tensor other, string name)
    {
        var shape = Shapes.Broadcast(_shape, other._shape, name);
        if (!Shapes.SameShape(shape, _shape))
            throw new ShapeMismatchException($"{name}: {Shapes.Format(other._shape)} does not broadcast into {Shapes.Format(_shape)}.");
        if (other.DType != DType) other = other.ConvertRaw(DType);
        BeginInPlace(name);
        ElementWiseCompute.BinaryInto(op, this, other, this, name);
    }

    /// <summary>In place: copies <paramref name="source"/> (same shape, broadcast allowed) into this tensor or view. Not recorded.</summary>
    public void CopyFrom(Tensor source)
    {
        if (!Shapes.SameShape(source._shape, _shape))
        {
            var shape = Shapes.Broadcast(_shape, source._shape, "CopyFrom");
            if (!Shapes.SameShape(shape, _shape))
                throw new ShapeMismatchException($"CopyFrom: {Shapes.Format(source._shape)} does not fit {Shapes.Format(_shape)}.");
        }
        Devices.Same(this, source, "CopyFrom");
        var src = source.BroadcastView(_shape);
        BeginInPlace("CopyFrom");
        Backend.Copy(src, BackendView);
    }

    /// <summary>In place: sets every element to <paramref name="value"/>. Not recorded.</summary>
    public void Fill(double value)
    {
        BeginInPlace("Fill");
        Backend.Fill(BackendView, value);
    }
}
