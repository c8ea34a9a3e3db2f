using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The CPU backend: managed arrays on the host and the optimized kernels (AVX-512 / AVX2 GEMM and
/// convolutions, SIMD element-wise maths over <c>TensorPrimitives</c>), split across the kernel
/// worker threads. Results never depend on the thread count.
/// </summary>
/// <remarks>One file per family of operations: CpuBackend.ElementWise, .Reduce, .LinearAlgebra,
/// .Conv, .Softmax, .Index, .Optim, .Random.</remarks>
public sealed partial class CpuBackend : IBackend
{
    private static readonly AsyncLocal<int?> s_threadLimit = new();
    private static readonly int s_defaultThreads = DefaultThreads();

    private CpuBackend() { }

    /// <summary>The one CPU backend.</summary>
    public static CpuBackend Instance { get; } = new();

    /// <inheritdoc/>
    public Device Device => Device.Cpu;

    /// <summary>The most threads a kernel started from this asynchronous flow uses: the innermost
    /// <see cref="LimitThreads"/> scope, else the process default (the processor count, or the
    /// environment variable <c>DEEPSHARP_NUM_THREADS</c> read at start-up).</summary>
    public static int ThreadLimit => s_threadLimit.Value ?? s_defaultThreads;

    /// <summary>Limits the kernels started from this asynchronous flow (this thread and the tasks it
    /// starts) to <paramref name="threads"/> threads until the returned scope is disposed; other
    /// threads and tests running beside it keep their own setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static ThreadScope LimitThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
        var previous = s_threadLimit.Value;
        s_threadLimit.Value = threads;
        return new ThreadScope(previous);
    }

    private static int DefaultThreads()
    {
        var text = Environment.GetEnvironmentVariable("DEEPSHARP_NUM_THREADS");
        return int.TryParse(text, out int n) && n >= 1 ? n : Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>An active <see cref="LimitThreads"/> scope.</summary>
    public readonly struct ThreadScope : IDisposable
    {
        private readonly int? _previous;

        internal ThreadScope(int? previous) => _previous = previous;

        /// <summary>Restores the limit in force when the scope began.</summary>
        public void Dispose() => s_threadLimit.Value = _previous;
    }

    /// <inheritdoc/>
    public Storage Allocate(DType dtype, int length) => HostMemory.Allocate(this, dtype, length);

    /// <inheritdoc/>
    public void CopyFromHost<T>(ReadOnlySpan<T> src, Storage dst, int offset) where T : unmanaged =>
        HostMemory.CopyFromHost(src, dst, offset);

    /// <inheritdoc/>
    public void CopyToHost<T>(StorageView src, Span<T> dst) where T : unmanaged => HostMemory.CopyToHost(src, dst);

    /// <inheritdoc/>
    public void Copy(StorageView src, StorageView dst) => HostMemory.Copy(src, dst);

    /// <inheritdoc/>
    public void Fill(StorageView dst, double value) => HostMemory.Fill(dst, value);

    /// <inheritdoc/>
    public void Synchronize() { }

    internal static NotSupportedException NotFloat(string op, DType dtype) =>
        new($"{op}: needs a floating-point tensor, got {dtype}; convert with To(DType.Float32).");

    /// <summary>True for Float32, false for Float64; throws for other dtypes.</summary>
    internal static bool IsSingle(DType dtype, string op) => dtype switch
    {
        DType.Float32 => true,
        DType.Float64 => false,
        _ => throw NotFloat(op, dtype),
    };
}
