using DeepSharp.Training;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>A checkpoint save that fails part-way (simulated by a stream failing at byte k, for
/// many k) leaves the previous checkpoint in place, byte for byte, and no temporary files.</summary>
public sealed class CheckpointAtomicWriteTests : IDisposable
{
    private readonly string _dir = TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ASaveInterruptedAtAnyByteLeavesThePreviousCheckpointLoadable()
    {
        var model = SmallDescription().Build(new RandomGenerator(1));
        var optimizer = new Adam(model.Parameters());
        string path = Path.Combine(_dir, "last.safetensors");
        Checkpoint.Save(path, model, optimizer, epoch: 1);
        byte[] previous = File.ReadAllBytes(path);

        Train(model, optimizer, Clouds(5), 1);
        var next = Checkpoint.Capture(model, optimizer, epoch: 2);
        next.Save(Path.Combine(_dir, "probe.safetensors"));
        int length = (int)new FileInfo(Path.Combine(_dir, "probe.safetensors")).Length;
        File.Delete(Path.Combine(_dir, "probe.safetensors"));
        int headerEnd = 8 + (int)BitConverter.ToUInt64(previous, 0);

        var positions = new SortedSet<long> { 0, 1, 7, 8, 9, headerEnd - 1, headerEnd, headerEnd + 1, length - 1 };
        for (int i = 1; i < 64; i++) positions.Add((long)length * i / 64);
        foreach (long failAt in positions)
        {
            var ex = Assert.Throws<IOException>(() => next.Save(path, s => new FailingStream(s, failAt)));
            Assert.Contains("simulated failure", ex.Message);
            Assert.Equal(previous, File.ReadAllBytes(path));
            Assert.Equal(1, Checkpoint.Load(path).Epoch);
            Assert.Equal(["last.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        }
        next.Save(path, s => new FailingStream(s, length)); // failing only past the end: the save completes
        Assert.Equal(2, Checkpoint.Load(path).Epoch);
    }

    [Fact]
    public void ALeftoverTemporaryFileFromAKilledProcessDoesNotDisturbLoadingOrSaving()
    {
        var model = ModelDescription.Perceptron(2, 2).Build(new RandomGenerator(1));
        string path = Path.Combine(_dir, "last.safetensors");
        Checkpoint.Save(path, model, epoch: 1);
        // What a kill between writing and renaming leaves: a partial temporary next to the target.
        File.WriteAllBytes(Path.Combine(_dir, ".last.safetensors.0123456789abcdef.tmp"), [1, 2, 3]);
        Assert.Equal(1, Checkpoint.Load(path).Epoch);
        Checkpoint.Save(path, model, epoch: 2);
        Assert.Equal(2, Checkpoint.Load(path).Epoch);
    }

    /// <summary>Passes writes through until byte <c>failAt</c>, then throws.</summary>
    private sealed class FailingStream(Stream inner, long failAt) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            long room = failAt - _written;
            if (room < buffer.Length)
            {
                if (room > 0) inner.Write(buffer[..(int)room]);
                _written = failAt;
                throw new IOException($"simulated failure at byte {failAt}");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }
}
