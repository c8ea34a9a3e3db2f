using System.Buffers.Binary;
using System.IO.Compression;
using DeepSharp.Data;
using DeepSharp.Tests.TestSupport;

namespace DeepSharp.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepsharp-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    internal static byte[] ToBytes(IdxFile file, bool gzip)
    {
        var ms = new MemoryStream();
        IdxWriter.Write(ms, file, gzip);
        return ms.ToArray();
    }

    // Header bytes for a hand-made (possibly hostile) file.
    private static byte[] Header(byte type, params uint[] dims)
    {
        var h = new byte[4 + 4 * dims.Length];
        h[2] = type;
        h[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4 + 4 * i), dims[i]);
        return h;
    }

    private static DataFormatException ReadFails(byte[] bytes, bool seekable = true)
    {
        Stream s = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);
        return Assert.Throws<DataFormatException>(() => IdxReader.Read(s, "test.idx"));
    }

    public static TheoryData<bool> Gzip => new() { false, true };

    [Theory, MemberData(nameof(Gzip))]
    public void RoundTrip_EveryDataTypeAndRank(bool gzip)
    {
        var files = new (IdxFile File, double[] Expected)[]
        {
            (IdxFile.FromBytes([2, 3], [0, 1, 127, 128, 254, 255]), [0, 1, 127, 128, 254, 255]),
            (IdxFile.FromSBytes([6], [-128, -1, 0, 1, 64, 127]), [-128, -1, 0, 1, 64, 127]),
            (IdxFile.FromInt16([1, 2, 3], [short.MinValue, -300, 0, 1, 258, short.MaxValue]), [short.MinValue, -300, 0, 1, 258, short.MaxValue]),
            (IdxFile.FromInt32([3, 1, 1, 2], [int.MinValue, -70000, 0, 1, 16777217, int.MaxValue]), [int.MinValue, -70000, 0, 1, 16777217, int.MaxValue]),
            (IdxFile.FromSingles([2, 3], [-1.5f, 0f, 1e-30f, 3.25f, float.MaxValue, -7e20f]), [-1.5, 0, 1e-30f, 3.25, float.MaxValue, -7e20f]),
            (IdxFile.FromDoubles([3, 2], [-1.5, 0, 1e-300, Math.PI, double.MaxValue, 1.0 / 3]), [-1.5, 0, 1e-300, Math.PI, double.MaxValue, 1.0 / 3]),
        };
        foreach (var (file, expected) in files)
        {
            string path = PathOf($"{file.DataType}.idx");
            IdxWriter.Write(path, file, gzip);
            IdxFile back = IdxReader.Read(path);
            Assert.Equal(file.DataType, back.DataType);
            Assert.Equal(file.Dims, back.Dims);
            Assert.Equal(expected, back.ToDoubleArray());
            Assert.Equal(file.RawData.ToArray(), back.RawData.ToArray());
            Assert.Equal(expected.Select(v => (float)v).ToArray(), back.ToSingleArray());
            if (file.DataType is not (IdxDataType.Float32 or IdxDataType.Float64))
                Assert.Equal(expected.Select(v => (int)v).ToArray(), back.ToInt32Array());
            else
                Assert.Throws<InvalidOperationException>(() => back.ToInt32Array());
        }
    }

    [Fact]
    public void Writer_EncodesBigEndianMnistLayout()
    {
        byte[] bytes = ToBytes(IdxFile.FromInt32([2], [0x01020304, -2]), gzip: false);
        Assert.Equal(new byte[] { 0, 0, 0x0C, 1, 0, 0, 0, 2, 1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFE }, bytes);
        byte[] gz = ToBytes(IdxFile.FromInt32([2], [0x01020304, -2]), gzip: true);
        Assert.Equal(new byte[] { 0x1F, 0x8B }, gz[..2]);
    }

    [Fact]
    public void GzipIsDetectedByContentNotByName()
    {
        var file = IdxFile.FromBytes([4], [9, 8, 7, 6]);
        IdxWriter.Write(PathOf("compressed.idx"), file, gzip: true);
        IdxWriter.Write(PathOf("plain.gz"), file, gzip: false);
        Assert.Equal(new[] { 9, 8, 7, 6 }, IdxReader.ReadLabels(PathOf("compressed.idx")));
        Assert.Equal(new[] { 9, 8, 7, 6 }, IdxReader.ReadLabels(PathOf("plain.gz")));
    }

    [Theory, MemberData(nameof(Gzip))]
    public void ReadImagesAndLabels_ScalesPixelsAndKeepsShape(bool gzip)
    {
        byte[] pixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 17 % 256)).ToArray();
        pixels[7] = 255;
        IdxWriter.Write(PathOf("img"), [3, 4, 5], pixels, gzip);
        IdxWriter.Write(PathOf("lbl"), [3], [2, 0, 9], gzip);
        LabeledImages data = IdxReader.ReadImagesAndLabels(PathOf("img"), PathOf("lbl"));
        Assert.Equal((3, 4, 5), (data.Count, data.Rows, data.Cols));
        Assert.Equal(new[] { 2, 0, 9 }, data.Labels);
        Assert.Equal(pixels.Select(b => b / 255f).ToArray(), data.Pixels);
        Assert.Equal(1f, data.Pixels[7]);
        Assert.All(data.Pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void ReadImagesAndLabels_CountMismatch_NamesBothCounts()
    {
        IdxWriter.Write(PathOf("img"), [3, 2, 2], new byte[12]);
        IdxWriter.Write(PathOf("lbl"), [2], [1, 1]);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImagesAndLabels(PathOf("img"), PathOf("lbl")));
        Assert.Equal(PathOf("lbl"), ex.FilePath);
        Assert.Contains("expected 3 labels", ex.Message);
        Assert.Contains("found 2", ex.Message);
        Assert.Contains(PathOf("img"), ex.Message);
    }

    [Fact]
    public void ReadImages_RejectsWrongTypeAndRank()
    {
        var asFloat = Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadImages(new MemoryStream(ToBytes(IdxFile.FromSingles([1, 1, 1], [0.5f]), false)), "f.idx"));
        Assert.Contains("expected unsigned-byte pixels", asFloat.Message);
        Assert.Equal(2, asFloat.Offset);
        var asFlat = Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadImages(new MemoryStream(ToBytes(IdxFile.FromBytes([2, 3], new byte[6]), false)), "flat.idx"));
        Assert.Contains("expected 3 dimensions", asFlat.Message);
        Assert.Contains("found 2: (2, 3)", asFlat.Message);
    }

    [Fact]
    public void ReadLabels_RejectsFloatsRankAndNegativeLabels()
    {
        Assert.Contains("expected integer labels", Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadLabels(new MemoryStream(ToBytes(IdxFile.FromDoubles([1], [1.0]), false)), "l")).Message);
        Assert.Contains("expected 1 dimension", Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadLabels(new MemoryStream(ToBytes(IdxFile.FromBytes([1, 2], [1, 2]), false)), "l")).Message);
        var negative = Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadLabels(new MemoryStream(ToBytes(IdxFile.FromInt16([3], [1, 2, -4]), false)), "l"));
        Assert.Contains("label 2 is -4", negative.Message);
        Assert.Equal(8 + 2 * 2, negative.Offset);
        Assert.Equal(new[] { 0, 300, 70000 }, IdxReader.ReadLabels(new MemoryStream(ToBytes(IdxFile.FromInt32([3], [0, 300, 70000]), false)), "l"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedPlainFile_AtEveryCut_ReportsTheCutOffset(bool seekable)
    {
        byte[] valid = ToBytes(IdxFile.FromInt16([2, 3, 2], Enumerable.Range(0, 12).Select(i => (short)i).ToArray()), false);
        for (int cut = 0; cut < valid.Length; cut++)
        {
            var ex = ReadFails(valid[..cut], seekable);
            Assert.Contains("truncated", ex.Message);
            Assert.Equal(cut, ex.Offset);
            Assert.Equal("test.idx", ex.FilePath);
            Assert.StartsWith("test.idx", ex.Message);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedGzipFile_AtEveryCut_Throws(bool seekable)
    {
        var rng = new global::DeepSharp.Tensors.RandomGenerator(5);
        byte[] payload = Enumerable.Range(0, 300).Select(_ => (byte)rng.NextInt(256)).ToArray();
        byte[] valid = ToBytes(IdxFile.FromBytes([3, 10, 10], payload), true);
        for (int cut = 0; cut < valid.Length; cut++)
            ReadFails(valid[..cut], seekable);
    }

    [Fact]
    public void WrongMagic_BadType_BadRank_AreNamed()
    {
        byte[] valid = ToBytes(IdxFile.FromBytes([2], [1, 2]), false);
        byte[] magic = (byte[])valid.Clone();
        magic[1] = 8;
        var ex = ReadFails(magic);
        Assert.Contains("bad magic number", ex.Message);
        Assert.Contains("found 00 08 08 01", ex.Message);
        Assert.Equal(0, ex.Offset);

        byte[] type = (byte[])valid.Clone();
        type[2] = 0x0A;
        ex = ReadFails(type);
        Assert.Contains("unknown data type code 0x0A", ex.Message);
        Assert.Equal(2, ex.Offset);

        foreach (byte rank in new byte[] { 0, 5, 255 })
        {
            byte[] bad = (byte[])valid.Clone();
            bad[3] = rank;
            ex = ReadFails(bad);
            Assert.Contains($"expected 1..4 dimensions, found {rank}", ex.Message);
            Assert.Equal(3, ex.Offset);
        }
    }

    [Fact]
    public void DimsNotMatchingLength_TrailingBytes_Throws()
    {
        byte[] valid = ToBytes(IdxFile.FromBytes([2, 2], [1, 2, 3, 4]), false);
        var ex = ReadFails([.. valid, 0, 0, 0]);
        Assert.Contains("3 unexpected trailing bytes", ex.Message);
        Assert.Equal(valid.Length, ex.Offset);
        ex = ReadFails([.. valid, 0], seekable: false);
        Assert.Contains("unexpected trailing data", ex.Message);
        // Trailing data inside the compressed stream.
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write([.. valid, 7]);
        Assert.Contains("unexpected trailing data (decompressed)", ReadFails(gz.ToArray()).Message);
    }

    [Fact]
    public void DimensionAboveInt32_Throws()
    {
        var ex = ReadFails([.. Header(0x08, 2, 0x80000000u), 1, 2]);
        Assert.Contains("dimension 1 is 2147483648", ex.Message);
        Assert.Equal(8, ex.Offset);
    }

    [Theory]
    [InlineData(60000u, 100000u, 100000u)]   // 6e14 bytes: above the hard cap
    [InlineData(0xFFFFFFFu, 0xFFFFFFFu, 0xFFFFFFFu)]   // would overflow a long if multiplied blindly
    [InlineData(1000u, 1000u, 1000u)]        // 1e9 bytes: below the cap, but the file is tiny
    public void HugeDeclaredDims_TinyFile_ThrowWithoutAllocating(uint n, uint rows, uint cols)
    {
        byte[] hostile = [.. Header(0x08, n, rows, cols), 1, 2, 3, 4];
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(hostile);
        foreach (var (bytes, seekable) in new[] { (hostile, true), (hostile, false), (gz.ToArray(), true), (gz.ToArray(), false) })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = ReadFails(bytes, seekable);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte hostile file ({ex.Message})");
        }
    }

    [Fact]
    public void CorruptGzipBody_ThrowsDataFormatException()
    {
        var rng = new global::DeepSharp.Tensors.RandomGenerator(11);
        byte[] payload = Enumerable.Range(0, 500).Select(_ => (byte)rng.NextInt(256)).ToArray();
        byte[] gz = ToBytes(IdxFile.FromBytes([500], payload), true);
        gz[gz.Length / 2] ^= 0x5A;
        ReadFails(gz);
        byte[] badCrc = ToBytes(IdxFile.FromBytes([500], payload), true);
        badCrc[^6] ^= 1;   // the CRC-32 in the gzip trailer
        var ex = ReadFails(badCrc);
        Assert.Contains("gzip", ex.Message);
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(PathOf("absent.idx")));

    [Fact]
    public void IdxFile_RejectsInconsistentDims()
    {
        Assert.Throws<ArgumentException>(() => new IdxFile(IdxDataType.Int32, [2], new byte[4]));
        Assert.Throws<ArgumentException>(() => new IdxFile(IdxDataType.UInt8, [], []));
        Assert.Throws<ArgumentException>(() => new IdxFile(IdxDataType.UInt8, [1, 1, 1, 1, 1], [0]));
        Assert.Throws<ArgumentException>(() => new IdxFile(IdxDataType.UInt8, [-1], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdxFile((IdxDataType)7, [1], [0]));
    }

    [Fact]
    public void EmptyDimension_IsAValidEmptyFile()
    {
        IdxFile back = IdxReader.Read(new MemoryStream(ToBytes(IdxFile.FromBytes([0, 28, 28], []), true)), "empty");
        Assert.Equal(new[] { 0, 28, 28 }, back.Dims);
        Assert.Equal(0, back.ElementCount);
    }
}
