using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// A float buffer on the pinned object heap whose usable start is 64-byte aligned (one cache line,
/// one zmm register), so packed panels never straddle lines. Being managed, it needs no Dispose:
/// the GC frees it with its owner.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private const int AlignFloats = 16;
    private readonly float[] _storage;

    /// <summary>Allocates room for <paramref name="length"/> floats (contents unspecified).</summary>
    public AlignedBuffer(int length)
    {
        Length = length;
        _storage = GC.AllocateUninitializedArray<float>(length + AlignFloats, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        nint aligned = (address + 63) & ~(nint)63;
        Pointer = (float*)aligned;
    }

    /// <summary>Usable floats.</summary>
    public int Length { get; }

    /// <summary>The aligned start; valid for the buffer's lifetime (the array is pinned).</summary>
    public float* Pointer { get; }

    /// <summary>The usable floats as a span.</summary>
    public Span<float> Span => new(Pointer, Length);
}

/// <summary>
/// The packing scratch of one thread: a block of packed A and a panel of packed B. Owned by the
/// thread (thread-static), grown on demand and then reused, so steady-state GEMM calls allocate
/// nothing; the buffers die with the thread.
/// </summary>
internal sealed unsafe class PackBuffer
{
    [ThreadStatic] private static PackBuffer? t_current;

    private AlignedBuffer? _a;
    private AlignedBuffer? _b;

    /// <summary>The calling thread's buffers.</summary>
    public static PackBuffer ForCurrentThread() => t_current ??= new PackBuffer();

    /// <summary>Packed A with room for at least <paramref name="floats"/> floats.</summary>
    public float* A(int floats) => Ensure(ref _a, floats);

    /// <summary>Packed B with room for at least <paramref name="floats"/> floats.</summary>
    public float* B(int floats) => Ensure(ref _b, floats);

    private static float* Ensure(ref AlignedBuffer? buffer, int floats)
    {
        if (buffer is null || buffer.Length < floats) buffer = new AlignedBuffer(floats);
        return buffer.Pointer;
    }
}
