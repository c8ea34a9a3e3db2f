namespace DeepSharp.Plotting;

/// <summary>
/// CRC-32 as used by PNG, zlib and gzip (ISO-HDLC: reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF), computed byte-wise from a 256-entry table.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    /// <summary>The running value before any byte has been fed.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Feeds <paramref name="data"/> into a running value (start from <see cref="Start"/>).</summary>
    public static uint Update(uint running, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint c = running;
        foreach (byte b in data)
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c;
    }

    /// <summary>Turns a running value into the final CRC.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;
}
