using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DeepSharp.Serialization;

/// <summary>
/// Conversions between little-endian file bytes and typed elements. On little-endian machines
/// (every platform .NET ships for today) the byte swaps are no-ops and data moves with one copy.
/// </summary>
internal static class LittleEndianCodec
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> as little-endian bytes.</summary>
    internal static void Encode<T>(ReadOnlySpan<T> source, Span<byte> destination) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(source);
        bytes.CopyTo(destination);
        if (!BitConverter.IsLittleEndian) SwapInPlace<T>(destination[..bytes.Length]);
    }

    /// <summary>Decodes little-endian <paramref name="source"/> bytes into <paramref name="destination"/>.</summary>
    internal static void Decode<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        source.CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) SwapInPlace<T>(bytes);
    }

    /// <summary>Turns little-endian bytes already placed in an element buffer into native order.</summary>
    internal static void FixInPlace<T>(Span<T> elements) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) SwapInPlace<T>(MemoryMarshal.AsBytes(elements));
    }

    /// <summary>Widens little-endian F16 or BF16 bytes to floats (both conversions are exact).</summary>
    internal static void WidenToSingle(ReadOnlySpan<byte> source, Span<float> destination, SafeTensorsDType dtype)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2));
            destination[i] = dtype == SafeTensorsDType.BFloat16
                ? BitConverter.Int32BitsToSingle(bits << 16)
                : (float)BitConverter.UInt16BitsToHalf(bits);
        }
    }

    private static void SwapInPlace<T>(Span<byte> bytes) where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        switch (size)
        {
            case 1: return;
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(bytes), MemoryMarshal.Cast<byte, ushort>(bytes)); return;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes)); return;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes)); return;
            default: throw new NotSupportedException($"No byte order conversion for {size}-byte elements.");
        }
    }
}
