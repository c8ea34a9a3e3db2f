using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DeepSharp.Serialization;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests
{
    [Fact]
    public void EveryDTypeAndMetadataRoundTripsThroughAStream()
    {
        var file = Load(ToBytes(MixedWriter()));

        Assert.Equal(Weights, file.GetFloat32("layer1.weight"));
        Assert.Equal(Doubles, file.GetFloat64("layer1.double"));
        Assert.Equal(Ints, file.GetInt32("counts"));
        Assert.Equal(Longs, file.GetInt64("step"));
        Assert.Equal(Bytes, file.GetUInt8("mask"));
        Assert.Equal([0.5f], file.GetFloat32("scalar"));
        Assert.Empty(file.GetFloat32("empty"));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("épsilon \"quoted\" \\ tab\t", file.Metadata["note"]);
        Assert.Equal(2, file.Metadata.Count);

        // -0f and the bit pattern of every float survive exactly.
        var back = file.GetFloat32("layer1.weight");
        for (int i = 0; i < Weights.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(Weights[i]), BitConverter.SingleToInt32Bits(back[i]));
    }

    [Fact]
    public void EntriesDescribeShapesDTypesAndContiguousSortedRanges()
    {
        var file = Load(ToBytes(MixedWriter()));
        string[] expectedOrder = ["counts", "empty", "layer1.double", "layer1.weight", "mask", "scalar", "step"];
        Assert.Equal(expectedOrder, file.Entries.Select(e => e.Name));

        long cursor = 0;
        foreach (var entry in file.Entries)
        {
            Assert.Equal(cursor, entry.DataOffset);
            cursor += entry.ByteLength;
        }
        var mask = file.GetEntry("mask");
        Assert.Equal(SafeTensorsDType.UInt8, mask.DType);
        Assert.Equal([3, 2, 1], mask.Shape);
        Assert.Equal(6, mask.ElementCount);
        Assert.Equal("(3, 2, 1)", mask.FormatShape());
        var scalar = file.GetEntry("scalar");
        Assert.Empty(scalar.Shape);
        Assert.Equal(1, scalar.ElementCount);
        Assert.Equal(4, scalar.ByteLength);
        var empty = file.GetEntry("empty");
        Assert.Equal(0, empty.ElementCount);
        Assert.Equal(0, empty.ByteLength);
        Assert.True(file.Contains("step"));
        Assert.False(file.Contains("missing"));
        Assert.False(file.TryGetEntry("missing", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => file.GetFloat32("missing"));
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void SaveAndReadByPathRoundTripAndTheLazyReaderFillsSpans()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        MixedWriter().Save(path);

        var file = SafeTensorsFile.Read(path);
        Assert.Equal(Longs, file.GetInt64("step"));

        using var reader = SafeTensorsReader.Open(path);
        Assert.Equal(path, reader.SourceName);
        Assert.Equal(Ints, reader.ReadInt32("counts"));
        Assert.Equal(Doubles, reader.ReadFloat64("layer1.double"));
        Assert.Equal(Bytes, reader.ReadUInt8("mask"));
        Assert.Equal(Longs, reader.ReadInt64("step"));
        var weights = new float[8];
        reader.ReadFloat32("layer1.weight", weights);
        Assert.Equal(Weights, weights);
        var ints = new int[6];
        reader.ReadInt32("counts", ints);
        Assert.Equal(Ints, ints);
        Assert.Throws<ArgumentException>(() => reader.ReadFloat32("layer1.weight", new float[7]));
        Assert.Equal(file.GetRawBytes("mask").ToArray(), reader.ReadRawBytes("mask"));
        Assert.Equal("pt", reader.Metadata["format"]);
    }

    [Fact]
    public void TheReaderStartsAtTheStreamPositionAndNeedsSeeking()
    {
        var bytes = ToBytes(MixedWriter());
        var stream = new MemoryStream([.. new byte[] { 0xDE, 0xAD, 0xBE }, .. bytes]);
        stream.Position = 3;
        var reader = new SafeTensorsReader(stream, "embedded");
        Assert.Equal(Longs, reader.ReadInt64("step"));
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.ReadInt64("step"));
        Assert.False(stream.CanRead); // disposed with the reader (leaveOpen: false)
        Assert.Throws<ArgumentException>(() => new SafeTensorsReader(new ForwardOnlyStream(bytes), "pipe"));
    }

    [Fact]
    public void NonSeekableStreamsAreAccepted()
    {
        var bytes = ToBytes(MixedWriter());
        var file = SafeTensorsFile.Read(new ForwardOnlyStream(bytes), "pipe");
        Assert.Equal(Weights, file.GetFloat32("layer1.weight"));
    }

    [Fact]
    public void Float16AndBFloat16AreWidenedExactlyToFloat32()
    {
        Half[] halves = [(Half)1.5f, (Half)(-0.000061035156f), Half.MaxValue, (Half)0f];
        var halfBytes = new byte[halves.Length * 2];
        for (int i = 0; i < halves.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(halfBytes.AsSpan(2 * i), BitConverter.HalfToUInt16Bits(halves[i]));
        float[] bf = [1f, -3.5f, 65536f, 0.15625f]; // all exactly representable in bfloat16
        var bfBytes = new byte[bf.Length * 2];
        for (int i = 0; i < bf.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bfBytes.AsSpan(2 * i), (ushort)(BitConverter.SingleToUInt32Bits(bf[i]) >> 16));

        var writer = new SafeTensorsWriter()
            .AddRaw("h", SafeTensorsDType.Float16, [2, 2], halfBytes)
            .AddRaw("bf", SafeTensorsDType.BFloat16, [4], bfBytes)
            .AddRaw("flags", SafeTensorsDType.Bool, [2], [1, 0]);
        var bytes = ToBytes(writer);
        var file = Load(bytes);

        Assert.Equal(halves.Select(h => (float)h), file.GetFloat32("h"));
        Assert.Equal(bf, file.GetFloat32("bf"));
        Assert.Equal(SafeTensorsDType.Bool, file.GetEntry("flags").DType);
        Assert.Equal([1, 0], file.GetRawBytes("flags").ToArray());
        using var reader = new SafeTensorsReader(new MemoryStream(bytes), "mem");
        Assert.Equal(bf, reader.ReadFloat32("bf"));
        Assert.Equal(halves.Select(h => (float)h), reader.ReadFloat32("h"));
    }

    [Fact]
    public void AskingForTheWrongDTypeNamesFileTensorAndBothDTypes()
    {
        var file = Load(ToBytes(MixedWriter()), "model.safetensors");
        var ex = Assert.Throws<ModelFormatException>(() => file.GetFloat64("layer1.weight"));
        Assert.Equal("layer1.weight", ex.TensorName);
        Assert.Equal("model.safetensors", ex.FilePath);
        Assert.Contains("expected dtype F64, found F32", ex.Message);
        Assert.Throws<ModelFormatException>(() => file.GetFloat32("mask"));
        Assert.Throws<ModelFormatException>(() => file.GetInt64("counts"));
    }

    [Fact]
    public void TinyFileIsByteExact()
    {
        var bytes = ToBytes(new SafeTensorsWriter()
            .AddFloat32("w", [2], [1f, 2f])
            .AddUInt8("b", [1], [9])
            .SetMetadata("k", "v"));

        const string header = "{\"__metadata__\":{\"k\":\"v\"},"
            + "\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1,9]}}"
            + "     "; // 131 bytes of JSON padded to 136
        byte[] expected =
        [
            0x88, 0, 0, 0, 0, 0, 0, 0,
            .. Encoding.ASCII.GetBytes(header),
            0x09,
            0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void AnIndependentMinimalReaderPinsTheLayout()
    {
        var bytes = ToBytes(MixedWriter());

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        Assert.True(8 + (long)n <= bytes.Length);
        string headerText = Encoding.UTF8.GetString(bytes, 8, (int)n);
        // Compact JSON, then fewer than 8 spaces of padding.
        Assert.StartsWith("{\"__metadata__\":", headerText);
        Assert.EndsWith("}", headerText.TrimEnd(' '));
        Assert.InRange(headerText.Length - headerText.TrimEnd(' ').Length, 0, 7);
        using var json = JsonDocument.Parse(headerText);
        int dataStart = 8 + (int)n;
        var seen = new List<(long Begin, long End)>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                Assert.Equal("pt", property.Value.GetProperty("format").GetString());
                continue;
            }
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            string dtype = property.Value.GetProperty("dtype").GetString()!;
            seen.Add((offsets[0], offsets[1]));
            var span = bytes.AsSpan(dataStart + (int)offsets[0], (int)(offsets[1] - offsets[0]));
            switch (property.Name)
            {
                case "layer1.weight":
                    Assert.Equal("F32", dtype);
                    Assert.Equal([2, 4], shape);
                    for (int i = 0; i < Weights.Length; i++)
                        Assert.Equal(Weights[i], BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]));
                    break;
                case "layer1.double":
                    Assert.Equal("F64", dtype);
                    for (int i = 0; i < Doubles.Length; i++)
                        Assert.Equal(Doubles[i], BinaryPrimitives.ReadDoubleLittleEndian(span[(8 * i)..]));
                    break;
                case "counts":
                    Assert.Equal("I32", dtype);
                    for (int i = 0; i < Ints.Length; i++)
                        Assert.Equal(Ints[i], BinaryPrimitives.ReadInt32LittleEndian(span[(4 * i)..]));
                    break;
                case "step":
                    Assert.Equal("I64", dtype);
                    for (int i = 0; i < Longs.Length; i++)
                        Assert.Equal(Longs[i], BinaryPrimitives.ReadInt64LittleEndian(span[(8 * i)..]));
                    break;
                case "mask":
                    Assert.Equal("U8", dtype);
                    Assert.Equal([3, 2, 1], shape);
                    Assert.Equal(Bytes, span.ToArray());
                    break;
                case "scalar":
                    Assert.Empty(shape);
                    Assert.Equal(0.5f, BinaryPrimitives.ReadSingleLittleEndian(span));
                    break;
                case "empty":
                    Assert.Equal([0, 3], shape);
                    Assert.Equal(0, span.Length);
                    break;
                default:
                    Assert.Fail($"unexpected tensor {property.Name}");
                    break;
            }
        }
        Assert.Equal(7, seen.Count);
        // Contiguous, no gaps, and the last range ends exactly at the end of the file.
        seen.Sort();
        long cursor = 0;
        foreach (var (begin, end) in seen)
        {
            Assert.Equal(cursor, begin);
            cursor = end;
        }
        Assert.Equal(bytes.Length - dataStart, cursor);
    }

    [Fact]
    public void WriterRejectsInvalidArguments()
    {
        var writer = new SafeTensorsWriter().AddFloat32("a", [2], [1f, 2f]);
        Assert.Throws<ArgumentException>(() => writer.AddFloat32("a", [1], [1f]));
        Assert.Throws<ArgumentException>(() => writer.AddFloat32("__metadata__", [1], [1f]));
        Assert.Throws<ArgumentException>(() => writer.AddFloat32("b", [2, 2], [1f, 2f, 3f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddInt32("c", [-1], []));
        Assert.Throws<ArgumentException>(() => writer.AddRaw("d", SafeTensorsDType.Float16, [3], new byte[5]));
        Assert.Throws<ArgumentException>(() => writer.AddInt64("e", [int.MaxValue, int.MaxValue, int.MaxValue], [1L]));
        Assert.Throws<ArgumentException>(() => writer.SetMetadata("bad\uD800", "x"));
        Assert.Throws<ArgumentNullException>(() => writer.SetMetadata("k", null!));
        Assert.Equal(1, writer.Count);

        // The writer copies data: changing the caller's buffer afterwards changes nothing.
        float[] buffer = [7f];
        writer.AddFloat32("copied", [1], buffer);
        buffer[0] = 8f;
        Assert.Equal([7f], Load(ToBytes(writer)).GetFloat32("copied"));
    }

    [Fact]
    public void NonAsciiNamesRoundTripAsUtf8()
    {
        var bytes = ToBytes(new SafeTensorsWriter().AddInt32("couche.poids→ü😀", [1], [5]).SetMetadata("clé", "valeur ñ"));
        var file = Load(bytes);
        Assert.Equal([5], file.GetInt32("couche.poids→ü😀"));
        Assert.Equal("valeur ñ", file.Metadata["clé"]);
    }

    [Fact]
    public void AnEmptyWriterWritesAValidEmptyFile()
    {
        var bytes = ToBytes(new SafeTensorsWriter());
        Assert.Equal(16, bytes.Length); // "{}" padded to 8 bytes
        var file = Load(bytes);
        Assert.Empty(file.Entries);
        Assert.Empty(file.Metadata);
    }

    /// <summary>A read-only stream that cannot seek, like a pipe or a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7), data.Length - _position); // short reads on purpose
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
