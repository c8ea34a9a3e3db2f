namespace DeepSharp.Serialization;

/// <summary>Header strings and element sizes of <see cref="SafeTensorsDType"/>.</summary>
internal static class SafeTensorsDTypeInfo
{
    private static readonly (SafeTensorsDType DType, string Name, int Size)[] Table =
    [
        (SafeTensorsDType.Bool, "BOOL", 1),
        (SafeTensorsDType.UInt8, "U8", 1),
        (SafeTensorsDType.Int8, "I8", 1),
        (SafeTensorsDType.Int16, "I16", 2),
        (SafeTensorsDType.UInt16, "U16", 2),
        (SafeTensorsDType.Int32, "I32", 4),
        (SafeTensorsDType.UInt32, "U32", 4),
        (SafeTensorsDType.Int64, "I64", 8),
        (SafeTensorsDType.UInt64, "U64", 8),
        (SafeTensorsDType.Float16, "F16", 2),
        (SafeTensorsDType.BFloat16, "BF16", 2),
        (SafeTensorsDType.Float32, "F32", 4),
        (SafeTensorsDType.Float64, "F64", 8),
        (SafeTensorsDType.Float8E4M3, "F8_E4M3", 1),
        (SafeTensorsDType.Float8E5M2, "F8_E5M2", 1),
    ];

    /// <summary>The list of accepted header strings, for error messages.</summary>
    internal static string KnownNames { get; } = string.Join(", ", Table.Select(t => t.Name));

    /// <summary>The header string of <paramref name="dtype"/>, e.g. "F32".</summary>
    internal static string HeaderName(SafeTensorsDType dtype) => Find(dtype).Name;

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    internal static int ElementSize(SafeTensorsDType dtype) => Find(dtype).Size;

    /// <summary>Parses a header string (case-sensitive, as the format defines).</summary>
    internal static bool TryParse(string name, out SafeTensorsDType dtype)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                dtype = entry.DType;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    private static (SafeTensorsDType DType, string Name, int Size) Find(SafeTensorsDType dtype)
    {
        foreach (var entry in Table)
            if (entry.DType == dtype) return entry;
        throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown SafeTensorsDType value.");
    }
}
