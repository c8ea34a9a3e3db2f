using System.Buffers.Binary;
using System.Text;
using DeepSharp.Serialization;

namespace DeepSharp.Tests.Serialization;

/// <summary>Valid sample files and a builder for hand-crafted (hostile) ones.</summary>
internal static class SafeTensorsTestData
{
    internal static readonly float[] Weights = [1.5f, -2.25f, 0f, -0f, float.Epsilon, float.MaxValue, 3.1415927f, -1e-20f];
    internal static readonly double[] Doubles = [Math.PI, -Math.E, 1e300, double.Epsilon, 0.1];
    internal static readonly int[] Ints = [int.MinValue, -1, 0, 1, int.MaxValue, 42];
    internal static readonly long[] Longs = [long.MinValue, -1L, 0L, (1L << 53) + 1, long.MaxValue];
    internal static readonly byte[] Bytes = [0, 1, 127, 128, 255, 7];

    /// <summary>A writer holding every typed dtype, a scalar, an empty tensor and metadata.</summary>
    internal static SafeTensorsWriter MixedWriter() => new SafeTensorsWriter()
        .AddFloat32("layer1.weight", [2, 4], Weights)
        .AddFloat64("layer1.double", [5], Doubles)
        .AddInt32("counts", [2, 3], Ints)
        .AddInt64("step", [5], Longs)
        .AddUInt8("mask", [3, 2, 1], Bytes)
        .AddFloat32("scalar", [], [0.5f])
        .AddFloat32("empty", [0, 3], [])
        .SetMetadata("format", "pt")
        .SetMetadata("note", "épsilon \"quoted\" \\ tab\t");

    internal static byte[] ToBytes(SafeTensorsWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>A file from a header text and a data section; the length prefix is the header's
    /// byte count unless <paramref name="declaredHeaderLength"/> says otherwise.</summary>
    internal static byte[] Build(string headerJson, byte[] data, ulong? declaredHeaderLength = null) =>
        Build(Encoding.UTF8.GetBytes(headerJson), data, declaredHeaderLength);

    internal static byte[] Build(byte[] header, byte[] data, ulong? declaredHeaderLength = null)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredHeaderLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    internal static SafeTensorsFile Load(byte[] file, string name = "test.safetensors") =>
        SafeTensorsFile.Read(new MemoryStream(file, writable: false), name);

    /// <summary>Reads every tensor through the typed getter of its dtype, so decoding runs too.</summary>
    internal static long ReadAll(SafeTensorsFile file)
    {
        long total = 0;
        foreach (var entry in file.Entries)
        {
            total += entry.DType switch
            {
                SafeTensorsDType.Float32 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 => file.GetFloat32(entry.Name).Length,
                SafeTensorsDType.Float64 => file.GetFloat64(entry.Name).Length,
                SafeTensorsDType.Int32 => file.GetInt32(entry.Name).Length,
                SafeTensorsDType.Int64 => file.GetInt64(entry.Name).Length,
                SafeTensorsDType.UInt8 => file.GetUInt8(entry.Name).Length,
                _ => file.GetRawBytes(entry.Name).Length,
            };
        }
        return total;
    }

    /// <summary>A unique temporary directory, deleted on dispose.</summary>
    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deepsharp-st-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
