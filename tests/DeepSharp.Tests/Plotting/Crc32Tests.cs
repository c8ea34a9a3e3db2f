using System.Text;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Plotting;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("IEND", 0xAE426082u)] // the CRC that ends every PNG file
    public void MatchesKnownValues(string text, uint expected)
        => Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void MatchesBitwiseOracleOnRandomData()
    {
        var rng = new RandomGenerator(7);
        for (int length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            for (int i = 0; i < length; i++) data[i] = (byte)rng.NextInt(256);
            Assert.Equal(PlotAssert.BitwiseCrc(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void IncrementalUpdateEqualsOneShot()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        uint running = Crc32.Update(Crc32.Start, data.AsSpan(0, 4));
        running = Crc32.Update(running, data.AsSpan(4));
        Assert.Equal(0xCBF43926u, Crc32.Finish(running));
    }
}
