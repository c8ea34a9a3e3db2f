using DeepSharp.IO;
using DeepSharp.Serialization;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void WritesTheContentAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "out.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        AtomicFile.Write(path, s => s.Write([9]));
        Assert.Equal([9], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ASaveInterruptedAtAnyByteKeepsThePreviousFileIntactAndLoadable()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        new SafeTensorsWriter().AddFloat32("w", [2], [1f, 2f]).SetMetadata("version", "1").Save(path);
        byte[] previous = File.ReadAllBytes(path);

        var next = MixedWriter().SetMetadata("version", "2");
        long length = ToBytes(next).Length;
        for (long k = 0; k < length; k++)
        {
            var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, next.WriteTo, s => new FailingStream(s, k)));
            Assert.Contains($"byte {k}", ex.Message);
            Assert.Equal(previous, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(dir.Path));
        }
        var old = SafeTensorsFile.Read(path);
        Assert.Equal("1", old.Metadata["version"]);
        Assert.Equal([1f, 2f], old.GetFloat32("w"));

        // The same writer through a stream that fails only past its end succeeds.
        AtomicFile.Write(path, next.WriteTo, s => new FailingStream(s, length));
        var current = SafeTensorsFile.Read(path);
        Assert.Equal("2", current.Metadata["version"]);
        Assert.Equal(Weights, current.GetFloat32("layer1.weight"));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AnInterruptedFirstSaveLeavesNothingBehind()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "first.safetensors");
        foreach (long k in new long[] { 0, 1, 8, 50 })
        {
            Assert.Throws<IOException>(() => AtomicFile.Write(path, MixedWriter().WriteTo, s => new FailingStream(s, k)));
            Assert.Empty(Directory.GetFiles(dir.Path));
        }
    }

    [Fact]
    public void AnExceptionFromTheWriteActionPropagatesUnchanged()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "data.bin");
        File.WriteAllBytes(path, [4, 5, 6]);
        var thrown = new InvalidOperationException("serializer failed");
        var caught = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]); // past the file buffer, so the temp file really holds data
            throw thrown;
        }));
        Assert.Same(thrown, caught);
        Assert.Equal([4, 5, 6], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AFailedRenameDeletesTheTemporaryFile()
    {
        using var dir = new TempDirectory();
        string target = Path.Combine(dir.Path, "taken");
        Directory.CreateDirectory(target); // a directory cannot be replaced by a file
        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(target, s => s.Write([1])));
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void RejectsPathsThatNameNoFile()
    {
        Assert.Throws<ArgumentException>(() => AtomicFile.Write("", _ => { }));
        Assert.Throws<ArgumentException>(() => AtomicFile.Write(Path.GetTempPath(), _ => { }));
        Assert.Throws<ArgumentNullException>(() => AtomicFile.Write("x.bin", null!));
    }

    [Fact]
    public void LongFileNamesStillGetAValidTemporaryName()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, new string('m', 240) + ".st");
        AtomicFile.Write(path, s => s.Write([7]));
        Assert.Equal([7], File.ReadAllBytes(path));
    }

    /// <summary>Passes writes through until byte <c>failAt</c>, then throws, like a full disk or
    /// a killed process would stop a save part-way.</summary>
    private sealed class FailingStream(Stream inner, long failAt) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAt)
            {
                int allowed = (int)(failAt - _written);
                inner.Write(buffer[..allowed]);
                _written = failAt;
                throw new IOException($"simulated failure at byte {failAt}");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
