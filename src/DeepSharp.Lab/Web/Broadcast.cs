using System.Threading.Channels;

namespace DeepSharp.Lab.Web;

/// <summary>Fans serialized messages out to the open event streams. A slow reader loses old
/// messages, never blocks the publisher (each subscriber keeps only the newest few).</summary>
public sealed class Broadcast
{
    private readonly Lock _gate = new();
    private readonly List<Channel<byte[]>> _subscribers = [];

    /// <summary>Open subscriptions.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _subscribers.Count;
        }
    }

    /// <summary>A new subscription; dispose it when the stream closes.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    /// <summary>Sends <paramref name="message"/> to every subscriber.</summary>
    public void Publish(byte[] message)
    {
        lock (_gate)
            foreach (var s in _subscribers) s.Writer.TryWrite(message);
    }

    /// <summary>Ends every subscription (their streams finish).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var s in _subscribers) s.Writer.TryComplete();
            _subscribers.Clear();
        }
    }

    private void Remove(Channel<byte[]> channel)
    {
        lock (_gate) _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    /// <summary>One reader of a <see cref="Broadcast"/>.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly Broadcast _owner;
        private readonly Channel<byte[]> _channel;

        internal Subscription(Broadcast owner, Channel<byte[]> channel)
        {
            _owner = owner;
            _channel = channel;
        }

        /// <summary>The messages, until the broadcast completes or the token fires.</summary>
        public IAsyncEnumerable<byte[]> ReadAllAsync(CancellationToken cancellation) => _channel.Reader.ReadAllAsync(cancellation);

        /// <inheritdoc/>
        public void Dispose() => _owner.Remove(_channel);
    }
}
