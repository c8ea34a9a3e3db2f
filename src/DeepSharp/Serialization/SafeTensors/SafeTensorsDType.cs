namespace DeepSharp.Serialization;

/// <summary>
/// Element types of the safetensors layout. Each maps to the header string in its XML doc.
/// All are recognised when reading (so a file's layout can be validated and its raw bytes read);
/// typed access exists for <see cref="Float32"/>, <see cref="Float64"/>, <see cref="Int32"/>,
/// <see cref="Int64"/> and <see cref="UInt8"/>, and <see cref="Float16"/> / <see cref="BFloat16"/>
/// are widened exactly to <c>float</c> on request.
/// </summary>
public enum SafeTensorsDType
{
    /// <summary>"BOOL": one byte per element.</summary>
    Bool,
    /// <summary>"U8": unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>"I8": signed 8-bit integer.</summary>
    Int8,
    /// <summary>"I16": signed 16-bit integer.</summary>
    Int16,
    /// <summary>"U16": unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>"I32": signed 32-bit integer.</summary>
    Int32,
    /// <summary>"U32": unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>"I64": signed 64-bit integer.</summary>
    Int64,
    /// <summary>"U64": unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>"F16": IEEE 754 half precision.</summary>
    Float16,
    /// <summary>"BF16": bfloat16 (the upper 16 bits of a float32).</summary>
    BFloat16,
    /// <summary>"F32": IEEE 754 single precision.</summary>
    Float32,
    /// <summary>"F64": IEEE 754 double precision.</summary>
    Float64,
    /// <summary>"F8_E4M3": 8-bit float, 4 exponent and 3 mantissa bits (raw bytes only).</summary>
    Float8E4M3,
    /// <summary>"F8_E5M2": 8-bit float, 5 exponent and 2 mantissa bits (raw bytes only).</summary>
    Float8E5M2,
}
