using DeepSharp.Backends;

namespace DeepSharp.Tensors;

/// <summary>
/// Reuses tensor memory across the steps of a loop. While a scope from <see cref="Begin"/> is
/// active on a thread, every new tensor on that thread takes its storage from the arena; when the
/// scope ends, all of that storage goes back to the arena and the next scope hands it out again.
/// A training step repeats the same shapes, so after the first step it allocates no tensor data.
/// </summary>
/// <remarks>
/// Ownership: a tensor created inside a scope is valid only until the scope ends: reading it
/// afterwards throws <see cref="ObjectDisposedException"/> (the storage carries a generation that the
/// end of the scope advances), never another step's values. Keep a copy made under
/// <see cref="Suspend"/> (or a .NET value such as <c>Item()</c>) to use it later.
/// Gradients of leaf tensors are always allocated outside the arena so they survive the step.
/// An arena belongs to the thread that began its scope; it is not thread-safe.
/// </remarks>
public sealed class TensorArena
{
    [ThreadStatic] private static TensorArena? t_current;
    [ThreadStatic] private static int t_suspended;

    private readonly Dictionary<(IBackend, DType, int), Stack<Storage>> _free = [];
    private readonly List<Storage> _rented = [];
    private bool _active;

    /// <summary>Bytes handed out in the current (or last) scope.</summary>
    public long RentedBytes { get; private set; }

    /// <summary>Bytes this arena holds in total (rented or free).</summary>
    public long PooledBytes { get; private set; }

    /// <summary>The arena serving the current thread, or null.</summary>
    public static TensorArena? Current => t_suspended == 0 ? t_current : null;

    /// <summary>Makes this arena serve new tensors on this thread until the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">The arena already has an active scope.</exception>
    public Scope Begin()
    {
        if (_active) throw new InvalidOperationException("This TensorArena already has an active scope; end it before beginning another.");
        _active = true;
        var previous = t_current;
        t_current = this;
        RentedBytes = 0;
        return new Scope(this, previous);
    }

    /// <summary>Allocates normally (outside any arena) on this thread until the returned scope is disposed.</summary>
    public static SuspendScope Suspend() => new(++t_suspended);

    internal static Storage? TryRent(IBackend backend, DType dtype, int length)
    {
        var arena = Current;
        if (arena is null || length == 0) return null;
        var key = (backend, dtype, length);
        Storage storage;
        if (arena._free.TryGetValue(key, out var stack) && stack.Count > 0)
            storage = stack.Pop();
        else
        {
            storage = backend.Allocate(dtype, length);
            arena.PooledBytes += (long)length * dtype.ElementSize();
        }
        arena._rented.Add(storage);
        arena.RentedBytes += (long)length * dtype.ElementSize();
        return storage;
    }

    private void End(TensorArena? previous)
    {
        foreach (var storage in _rented)
        {
            storage.Generation++; // every tensor of the scope now fails loudly when read
            var key = (storage.Backend, storage.DType, storage.Length);
            if (!_free.TryGetValue(key, out var stack)) _free[key] = stack = new Stack<Storage>();
            stack.Push(storage);
        }
        _rented.Clear();
        _active = false;
        t_current = previous;
    }

    /// <summary>An active arena scope; disposing it returns the scope's storage to the arena.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TensorArena _arena;
        private readonly TensorArena? _previous;

        internal Scope(TensorArena arena, TensorArena? previous) => (_arena, _previous) = (arena, previous);

        /// <summary>Ends the scope.</summary>
        public void Dispose() => _arena?.End(_previous);
    }

    /// <summary>A region where tensors are allocated outside any arena.</summary>
    /// <remarks>Disposing twice never drives the nesting depth below what the region found.</remarks>
    public readonly struct SuspendScope : IDisposable
    {
        private readonly int _depth;

        internal SuspendScope(int depth) => _depth = depth;

        /// <summary>Ends the region (and any region opened inside it and not yet disposed).</summary>
        public void Dispose()
        {
            if (_depth > 0 && t_suspended >= _depth) t_suspended = _depth - 1;
        }
    }
}
