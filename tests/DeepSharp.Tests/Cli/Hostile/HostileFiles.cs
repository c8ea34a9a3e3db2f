using System.IO.Compression;
using System.Text;
using DeepSharp.Serialization;

namespace DeepSharp.Tests.Cli.Hostile;

/// <summary>Makes the hostile inputs of issue 17 (D1-D14): model descriptions, IDX, CSV and rewritten checkpoints.</summary>
internal static class HostileFiles
{
    public static string Write(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A gzip IDX file of <paramref name="dims"/> unsigned bytes, all zero, with the data truncated
    /// to <paramref name="dataBytes"/> (or complete when null).</summary>
    public static string GzipIdx(string path, int[] dims, long? dataBytes = null)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        gz.Write([0, 0, 0x08, (byte)dims.Length]);
        foreach (int d in dims) gz.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        long total = dataBytes ?? dims.Aggregate(1L, (a, b) => a * b);
        var zeros = new byte[1 << 16];
        for (long left = total; left > 0; left -= zeros.Length) gz.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        return path;
    }

    /// <summary>An MNIST-style folder of four IDX files holding zero images.</summary>
    public static string EmptyMnistFolder(string dir)
    {
        string folder = Path.Combine(dir, "empty-mnist");
        Directory.CreateDirectory(folder);
        foreach (string split in new[] { "train", "t10k" })
        {
            GzipIdx(Path.Combine(folder, $"{split}-images-idx3-ubyte.gz"), [0, 28, 28]);
            using var file = File.Create(Path.Combine(folder, $"{split}-labels-idx1-ubyte.gz"));
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write([0, 0, 0x08, 1, 0, 0, 0, 0]);
        }
        return folder;
    }

    /// <summary>A copy of a safetensors file with its metadata changed (null removes a key) and its
    /// tensors changed by <paramref name="tensor"/> (given name, dtype, shape, bytes; returns the new ones).</summary>
    public static string Rewrite(string source, string target, IReadOnlyDictionary<string, string?> metadata,
        Func<string, SafeTensorsDType, int[], byte[], (SafeTensorsDType, int[], byte[])>? tensor = null)
    {
        var file = SafeTensorsFile.Read(source);
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in file.Metadata)
            if (!metadata.ContainsKey(key)) writer.SetMetadata(key, value);
        foreach (var (key, value) in metadata)
            if (value is not null) writer.SetMetadata(key, value);
        foreach (var entry in file.Entries)
        {
            var (dtype, shape, bytes) = (entry.DType, entry.GetShapeArray(), file.GetRawBytes(entry.Name).ToArray());
            if (tensor is not null) (dtype, shape, bytes) = tensor(entry.Name, dtype, shape, bytes);
            writer.AddRaw(entry.Name, dtype, shape, bytes);
        }
        using var stream = File.Create(target);
        writer.WriteTo(stream);
        return target;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
