namespace DeepSharp.Data;

/// <summary>A read-only forward stream that yields a few already-read bytes, then the rest of
/// an inner stream; lets a reader sniff magic bytes of a non-seekable stream. It remembers the
/// last 8 bytes it passed on, so a gzip reader can check the trailer afterwards.</summary>
internal sealed class PrefixStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;
    private readonly byte[] _tail = new byte[8];

    /// <summary>Total bytes passed on so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The last min(8, <see cref="BytesRead"/>) bytes passed on.</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(8 - (int)Math.Min(8, BytesRead));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_prefix.IsEmpty)
        {
            n = inner.Read(buffer);
        }
        else
        {
            n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
        }
        Remember(buffer[..n]);
        return n;
    }

    private void Remember(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (bytes.Length >= 8)
        {
            bytes[^8..].CopyTo(_tail);
            return;
        }
        _tail.AsSpan(bytes.Length).CopyTo(_tail);
        bytes.CopyTo(_tail.AsSpan(8 - bytes.Length));
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
