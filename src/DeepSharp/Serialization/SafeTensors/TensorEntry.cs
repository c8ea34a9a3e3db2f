namespace DeepSharp.Serialization;

/// <summary>
/// One tensor described by a safetensors header: its name, element type, shape and where its
/// bytes lie in the data section. Entries produced by the readers have been validated: the shape
/// times the element size equals <see cref="ByteLength"/>, and the ranges of all entries tile
/// the data section exactly.
/// </summary>
public sealed class TensorEntry
{
    private readonly int[] _shape;

    internal TensorEntry(string name, SafeTensorsDType dtype, int[] shape, long elementCount, long dataOffset, long byteLength)
    {
        Name = name;
        DType = dtype;
        _shape = shape;
        Shape = Array.AsReadOnly(shape);
        ElementCount = elementCount;
        DataOffset = dataOffset;
        ByteLength = byteLength;
    }

    /// <summary>The tensor's name (any string except "__metadata__").</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The product of the dimensions (1 for a scalar, 0 if any dimension is 0).</summary>
    public long ElementCount { get; }

    /// <summary>Offset of the first byte, relative to the start of the data section.</summary>
    public long DataOffset { get; }

    /// <summary>Number of bytes: <see cref="ElementCount"/> times the element size.</summary>
    public long ByteLength { get; }

    /// <summary>The shape as a new array the caller owns.</summary>
    public int[] GetShapeArray() => (int[])_shape.Clone();

    /// <summary>The shape written as "(2, 3)", "()" for a scalar.</summary>
    public string FormatShape() => FormatShape(_shape);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {SafeTensorsDTypeInfo.HeaderName(DType)} {FormatShape()} @ [{DataOffset}, {DataOffset + ByteLength})";

    internal static string FormatShape(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "(" + string.Join(", ", parts) + ")";
    }
}
