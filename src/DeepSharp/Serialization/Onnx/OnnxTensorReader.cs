using System.Buffers.Binary;
using DeepSharp.Serialization.Onnx.Proto;
using DeepSharp.Tensors;
using static DeepSharp.Serialization.Onnx.Proto.TensorProto.Types;

namespace DeepSharp.Serialization.Onnx;

/// <summary>Turns an ONNX TensorProto (initializer or Constant) into a value, checking that the data held
/// matches the declared shape before anything is allocated for it.</summary>
internal static class OnnxTensorReader
{
    public static OnnxValue Read(TensorProto t, string file)
    {
        if (t.DataLocation == DataLocation.External)
            throw new ModelFormatException(file, t.Name, "external tensor data is not supported (save the model with the weights inside the file).");
        if (t.Dims.Any(d => d < 0 || d > int.MaxValue))
            throw new ModelFormatException(file, t.Name, $"dimension out of range in [{string.Join(", ", t.Dims)}].");
        int[] shape = [.. t.Dims.Select(d => (int)d)];
        long count = 1;
        foreach (int d in shape) count = checked(count * d);
        var type = (DataType)t.DataType;
        int width = type switch
        {
            DataType.Float or DataType.Int32 => 4,
            DataType.Double or DataType.Int64 => 8,
            DataType.Bool or DataType.Int8 or DataType.Uint8 => 1,
            _ => throw new ModelFormatException(file, t.Name, $"tensor type {type} is not supported (Float, Double, Int64, Int32, Int8, Uint8, Bool are)."),
        };
        bool raw = t.HasRawData;
        long held = raw ? t.RawData.Length / width : type switch
        {
            DataType.Float => t.FloatData.Count,
            DataType.Double => t.DoubleData.Count,
            DataType.Int64 => t.Int64Data.Count,
            _ => t.Int32Data.Count, // Int32, Int8, Uint8 and Bool are stored in int32_data
        };
        if (raw && t.RawData.Length != count * width || !raw && held != count)
            throw new ModelFormatException(file, t.Name, $"shape [{string.Join(", ", shape)}] needs {count} values, the tensor holds {held}.");
        var bytes = t.RawData.Span;
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = type switch
            {
                DataType.Float => raw ? BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]) : t.FloatData[i],
                DataType.Double => raw ? BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]) : t.DoubleData[i],
                DataType.Int64 => raw ? BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]) : t.Int64Data[i],
                DataType.Int32 => raw ? BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]) : t.Int32Data[i],
                DataType.Int8 => raw ? (sbyte)bytes[i] : t.Int32Data[i],
                _ => raw ? bytes[i] : t.Int32Data[i],
            };
        bool floating = type is DataType.Float or DataType.Double;
        var tensor = shape.Length == 0 ? Tensor.Scalar(values[0], DType.Float64) : Tensor.FromArray(values, shape);
        return floating ? OnnxValue.Float(tensor.To(DType.Float32)) : new OnnxValue(tensor, true);
    }
}
