using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace DeepSharp.Data;

/// <summary>
/// The contents of an IDX file: element type, dimensions and the raw element bytes exactly as
/// stored (big-endian). Conversions decode the bytes into managed arrays.
/// </summary>
public sealed class IdxFile
{
    private readonly int[] _dims;
    private readonly byte[] _data;

    /// <summary>Wraps raw big-endian element bytes; <paramref name="data"/> is not copied.</summary>
    /// <exception cref="ArgumentException">The dims are empty, longer than
    /// <see cref="IdxReader.MaxRank"/>, negative, or do not match the data length.</exception>
    public IdxFile(IdxDataType dataType, ReadOnlySpan<int> dims, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int size = ElementSizeOf(dataType);
        if (dims.Length < 1 || dims.Length > IdxReader.MaxRank)
            throw new ArgumentException($"IDX files have 1..{IdxReader.MaxRank} dimensions, got {dims.Length}.", nameof(dims));
        long count = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new ArgumentException($"IDX dimensions must be non-negative, got {d}.", nameof(dims));
            count = checked(count * d);
        }
        if (count * size != data.Length)
            throw new ArgumentException(
                $"dims ({string.Join(", ", dims.ToArray())}) of {dataType} need {count * size} bytes, got {data.Length}.", nameof(data));
        DataType = dataType;
        _dims = dims.ToArray();
        _data = data;
    }

    /// <summary>The element type.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions, outermost first (for MNIST images: count, rows, columns).</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Total number of elements (product of <see cref="Dims"/>).</summary>
    public int ElementCount => _data.Length / ElementSize;

    /// <summary>Bytes per element of <see cref="DataType"/>.</summary>
    public int ElementSize => ElementSizeOf(DataType);

    /// <summary>The element bytes as stored in the file (big-endian).</summary>
    public ReadOnlySpan<byte> RawData => _data;

    /// <summary>Bytes per element of <paramref name="dataType"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a known IDX type code.</exception>
    public static int ElementSizeOf(IdxDataType dataType) => dataType switch
    {
        IdxDataType.UInt8 or IdxDataType.Int8 => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "unknown IDX data type code"),
    };

    /// <summary>The elements converted to float (no scaling; Float64 is rounded).</summary>
    public float[] ToSingleArray()
    {
        if (DataType is not (IdxDataType.Float32 or IdxDataType.Float64)) return DecodeIntegers<float>();
        var result = new float[ElementCount];
        ReadOnlySpan<byte> d = _data;
        if (DataType == IdxDataType.Float32)
            for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadSingleBigEndian(d[(4 * i)..]);
        else
            for (int i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(d[(8 * i)..]);
        return result;
    }

    /// <summary>The elements converted to double (exact for every IDX type).</summary>
    public double[] ToDoubleArray()
    {
        switch (DataType)
        {
            case IdxDataType.Float64:
                var result = new double[ElementCount];
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadDoubleBigEndian(_data.AsSpan(8 * i));
                return result;
            case IdxDataType.Float32:
                return Array.ConvertAll(ToSingleArray(), x => (double)x);
            default:
                // Int32 does not fit a float exactly, so integers are decoded as integers.
                return Array.ConvertAll(ToInt32Array(), x => (double)x);
        }
    }

    /// <summary>The elements as 32-bit integers; only for integer element types.</summary>
    /// <exception cref="InvalidOperationException">The element type is Float32 or Float64.</exception>
    public int[] ToInt32Array() => DataType is IdxDataType.Float32 or IdxDataType.Float64
        ? throw new InvalidOperationException($"IDX elements of type {DataType} are not integers; use ToSingleArray or ToDoubleArray.")
        : DecodeIntegers<int>();

    /// <summary>Decodes integer elements (UInt8, Int8, Int16, Int32) into <typeparamref name="T"/>,
    /// converted as by a cast from int.</summary>
    private T[] DecodeIntegers<T>() where T : INumberBase<T>
    {
        var result = new T[ElementCount];
        ReadOnlySpan<byte> d = _data;
        switch (DataType)
        {
            case IdxDataType.UInt8: for (int i = 0; i < result.Length; i++) result[i] = T.CreateTruncating(d[i]); break;
            case IdxDataType.Int8: for (int i = 0; i < result.Length; i++) result[i] = T.CreateTruncating((sbyte)d[i]); break;
            case IdxDataType.Int16: for (int i = 0; i < result.Length; i++) result[i] = T.CreateTruncating(BinaryPrimitives.ReadInt16BigEndian(d[(2 * i)..])); break;
            default: for (int i = 0; i < result.Length; i++) result[i] = T.CreateTruncating(BinaryPrimitives.ReadInt32BigEndian(d[(4 * i)..])); break;
        }
        return result;
    }

    /// <summary>An IDX file of unsigned bytes (the data is copied).</summary>
    public static IdxFile FromBytes(ReadOnlySpan<int> dims, ReadOnlySpan<byte> values) =>
        new(IdxDataType.UInt8, dims, values.ToArray());

    /// <summary>An IDX file of signed bytes (the data is copied).</summary>
    public static IdxFile FromSBytes(ReadOnlySpan<int> dims, ReadOnlySpan<sbyte> values) =>
        new(IdxDataType.Int8, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>An IDX file of 16-bit integers, encoded big-endian.</summary>
    public static IdxFile FromInt16(ReadOnlySpan<int> dims, ReadOnlySpan<short> values) =>
        Encode(IdxDataType.Int16, dims, values, BinaryPrimitives.WriteInt16BigEndian);

    /// <summary>An IDX file of 32-bit integers, encoded big-endian.</summary>
    public static IdxFile FromInt32(ReadOnlySpan<int> dims, ReadOnlySpan<int> values) =>
        Encode(IdxDataType.Int32, dims, values, BinaryPrimitives.WriteInt32BigEndian);

    /// <summary>An IDX file of floats, encoded big-endian.</summary>
    public static IdxFile FromSingles(ReadOnlySpan<int> dims, ReadOnlySpan<float> values) =>
        Encode(IdxDataType.Float32, dims, values, BinaryPrimitives.WriteSingleBigEndian);

    /// <summary>An IDX file of doubles, encoded big-endian.</summary>
    public static IdxFile FromDoubles(ReadOnlySpan<int> dims, ReadOnlySpan<double> values) =>
        Encode(IdxDataType.Float64, dims, values, BinaryPrimitives.WriteDoubleBigEndian);

    /// <summary>Encodes each value with <paramref name="writeBigEndian"/> into its slot of
    /// <see cref="ElementSizeOf"/> bytes.</summary>
    private static IdxFile Encode<T>(IdxDataType dataType, ReadOnlySpan<int> dims, ReadOnlySpan<T> values, SpanAction<byte, T> writeBigEndian)
    {
        int size = ElementSizeOf(dataType);
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++) writeBigEndian(data.AsSpan(size * i), values[i]);
        return new(dataType, dims, data);
    }
}
