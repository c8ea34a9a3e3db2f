using System.Buffers.Binary;
using System.Text;
using DeepSharp.Serialization;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class SafeTensorsHostileTests
{
    private const string Source = "hostile.safetensors";

    private static ModelFormatException Reject(byte[] file)
    {
        var ex = Assert.Throws<ModelFormatException>(() => Load(file, Source));
        Assert.Equal(Source, ex.FilePath);
        Assert.Contains(Source, ex.Message);
        // The lazy reader applies the same validation.
        Assert.Throws<ModelFormatException>(() => new SafeTensorsReader(new MemoryStream(file), Source).Dispose());
        return ex;
    }

    private static void AssertRejected(string header, int dataLength, string? tensor, string fragment)
    {
        var ex = Reject(Build(header, new byte[dataLength]));
        Assert.Equal(tensor, ex.TensorName);
        Assert.Contains(fragment, ex.Problem);
        if (tensor is not null) Assert.Contains($"tensor '{tensor}'", ex.Message);
    }

    [Theory]
    // Structure and JSON syntax.
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8, null, "malformed JSON")]
    [InlineData("[1,2]", 0, null, "must be a JSON object, found an array")]
    [InlineData("\"text\"", 0, null, "must be a JSON object, found a string")]
    [InlineData("{} x", 0, null, "malformed JSON")]
    [InlineData("{/*comment*/}", 0, null, "malformed JSON")]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",}}", 0, null, "malformed JSON")]
    [InlineData("", 0, null, "malformed JSON")]
    [InlineData("{\"t\":5}", 0, "t", "the entry must be a JSON object, found a number")]
    [InlineData("{\"t\":null}", 0, "t", "the entry must be a JSON object, found null")]
    [InlineData("{\"t\":[1]}", 0, "t", "the entry must be a JSON object, found an array")]
    // Fields.
    [InlineData("{\"t\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "t", "\"dtype\" is missing")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "t", "\"shape\" is missing")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "t", "\"data_offsets\" is missing")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "t", "\"dtype\" appears more than once")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}", 8, "t", "unexpected field 'extra'")]
    // Dtypes.
    [InlineData("{\"t\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "t", "unknown dtype 'F31'")]
    [InlineData("{\"t\":{\"dtype\":\"f32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "t", "unknown dtype 'f32'")]
    [InlineData("{\"t\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "t", "\"dtype\" must be a string, found a number")]
    // Shapes.
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers, found -2")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers, found 2.5")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2e0],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers, found 2e0")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers, found a string")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[[2]],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers, found an array")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8, "t", "\"shape\" must be an array")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", 8, "t", "overflows")]
    [InlineData("{\"t\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2],\"data_offsets\":[0,8]}}", 8, "t", "needs more than")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,8]}}", 8, "t", "exceeds the supported maximum")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}", 8, "t", "non-negative integers")]
    // Offsets and sizes.
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "t", "needs 12 bytes, but data_offsets [0, 8] hold 8")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "t", "run past the end of the 8-byte data section")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "t", "end before they begin")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}", 8, "t", "exactly 2 integers, found more")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]}}", 8, "t", "exactly 2 integers, found 1")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 8, "t", "non-negative integers, found -8")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,18446744073709551615]}}", 8, "t", "exceed any possible file size")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":{\"a\":0}}}", 8, "t", "must be an array [begin, end]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "b", "overlap those of tensor 'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "b", "overlap those of tensor 'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20, "b", "must be contiguous")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "a", "must be contiguous")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12, null, "4 bytes belong to no tensor")]
    [InlineData("{}", 3, null, "3 bytes belong to no tensor")]
    // Truncated data: the header promises more bytes than the file holds.
    [InlineData("{\"t\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 11, "t", "file truncated?")]
    // Names.
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "t", "appears more than once")]
    [InlineData("{\"\\u0074\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "t", "appears more than once")]
    [InlineData("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, null, "malformed JSON")]
    // Metadata.
    [InlineData("{\"__metadata__\":{\"k\":1}}", 0, null, "metadata value of key 'k' must be a string, found a number")]
    [InlineData("{\"__metadata__\":{\"k\":{\"nested\":\"x\"}}}", 0, null, "must be a string, found an object")]
    [InlineData("{\"__metadata__\":[\"k\"]}", 0, null, "must be an object of strings, found an array")]
    [InlineData("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}", 0, null, "metadata key 'k' appears more than once")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", 0, null, "\"__metadata__\" appears more than once")]
    public void HostileHeaderIsRejectedWithAMessageNamingTheProblem(string header, int dataLength, string? tensor, string fragment) =>
        AssertRejected(header, dataLength, tensor, fragment);

    [Fact]
    public void ANullMetadataObjectMeansNoMetadata()
    {
        var file = Load(Build("{\"__metadata__\":null,\"t\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", [42]));
        Assert.Empty(file.Metadata);
        Assert.Equal([42], file.GetUInt8("t"));
    }

    [Fact]
    public void HeaderLengthBeyondTheFileOrTheLimitIsRejectedBeforeAllocating()
    {
        byte[] small = Build("{}", []);
        foreach (ulong declared in new ulong[] { 3, 100, 99_999_999, SafeTensorsReader.MaxHeaderLength })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Reject(Build("{}", [], declared));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 200_000);
            Assert.Contains("runs past the end of the file", ex.Problem);
        }
        foreach (ulong declared in new ulong[] { SafeTensorsReader.MaxHeaderLength + 1, 1UL << 40, ulong.MaxValue })
        {
            var ex = Reject(Build("{}", [], declared));
            Assert.Contains($"exceeds the limit of {SafeTensorsReader.MaxHeaderLength} bytes", ex.Problem);
        }
        Assert.Equal(10, small.Length);
    }

    [Fact]
    public void FilesShorterThanTheLengthPrefixAreRejected()
    {
        for (int length = 0; length < 8; length++)
        {
            var ex = Reject(new byte[length]);
            Assert.Contains("fewer than the 8-byte header length", ex.Problem);
        }
    }

    [Fact]
    public void HugeClaimedTensorsAllocateNothingLarge()
    {
        // 1e9 floats promised by a 100-byte file: rejected from the header alone.
        var file = Build("{\"t\":{\"dtype\":\"F32\",\"shape\":[1000000000],\"data_offsets\":[0,4000000000]}}", new byte[16]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(file);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 200_000);
        Assert.Contains("run past the end", ex.Problem);
    }

    [Fact]
    public void InvalidUtf8InTheHeaderIsRejected()
    {
        byte[] header = [.. Encoding.ASCII.GetBytes("{\"t"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}")];
        var ex = Reject(Build(header, [1]));
        Assert.Contains("not valid UTF-8", ex.Problem);
    }

    [Fact]
    public void DeepNestingIsRejectedWithoutStackOverflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        AssertRejected("{\"__metadata__\":{\"k\":" + deep + "}}", 0, null, "must be a string, found an array");
        AssertRejected("{\"t\":{\"dtype\":\"F32\",\"shape\":" + deep + ",\"data_offsets\":[0,0]}}", 0, "t", "found an array");
        AssertRejected("{\"t\":{\"extra\":" + deep + "}}", 0, "t", "unexpected field");
        // Malformed deep nesting where the reader's own depth limit is what stops it.
        AssertRejected(new string('{', 100_000), 0, null, "malformed JSON");
    }

    [Fact]
    public void HostileNamesAreShortenedAndEscapedInMessages()
    {
        string longName = new string('x', 5000) + "\n";
        var ex = Reject(Build("{\"" + longName.Replace("\n", "\\n") + "\":7}", []));
        Assert.Equal(longName, ex.TensorName);
        Assert.True(ex.Message.Length < 400, $"message of {ex.Message.Length} chars");
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Fact]
    public void AFileTruncatedAfterOpeningIsReportedAsAFormatError()
    {
        var bytes = ToBytes(MixedWriter());
        var stream = new MemoryStream();
        stream.Write(bytes);
        stream.Position = 0;
        using var reader = new SafeTensorsReader(stream, Source, leaveOpen: true);
        stream.SetLength(bytes.Length - 3);
        var ex = Assert.Throws<ModelFormatException>(() => reader.ReadInt64("step"));
        Assert.Equal("step", ex.TensorName);
        Assert.Contains("ended early", ex.Problem);
    }

    [Fact]
    public void ValidHeaderWithPaddingAndLeadingWhitespaceIsAccepted()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 1.25f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -4f);
        var file = Load(Build(" \n{\"t\" : {\"data_offsets\": [0, 8], \"shape\": [2], \"dtype\": \"F32\"}}\t   ", data));
        Assert.Equal([1.25f, -4f], file.GetFloat32("t"));
    }
}
