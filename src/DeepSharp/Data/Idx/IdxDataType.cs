namespace DeepSharp.Data;

/// <summary>The element type code of an IDX file (third byte of the magic number).</summary>
public enum IdxDataType : byte
{
    /// <summary>Unsigned 8-bit integer (code 0x08); MNIST images and labels.</summary>
    UInt8 = 0x08,

    /// <summary>Signed 8-bit integer (code 0x09).</summary>
    Int8 = 0x09,

    /// <summary>Big-endian signed 16-bit integer (code 0x0B).</summary>
    Int16 = 0x0B,

    /// <summary>Big-endian signed 32-bit integer (code 0x0C).</summary>
    Int32 = 0x0C,

    /// <summary>Big-endian IEEE 754 single (code 0x0D).</summary>
    Float32 = 0x0D,

    /// <summary>Big-endian IEEE 754 double (code 0x0E).</summary>
    Float64 = 0x0E,
}
