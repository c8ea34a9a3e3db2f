using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>One operand given to both backends: the same host contents and the same view (offset,
/// shape, strides), in a storage of each.</summary>
internal readonly record struct Twin(StorageView Cpu, StorageView Reference)
{
    /// <summary>This operand's view on <paramref name="backend"/>.</summary>
    public StorageView On(IBackend backend) => ReferenceEquals(backend, CpuBackend.Instance) ? Cpu : Reference;

    /// <summary>The same storage under another view (a slice, a reshaped block).</summary>
    public Twin View(int offset, int[] shape, int[] strides) =>
        new(new StorageView(Cpu.Storage, offset, shape, strides), new StorageView(Reference.Storage, offset, shape, strides));
}

/// <summary>How an operand's elements are laid out in its storage.</summary>
internal enum Layout
{
    /// <summary>Row-major from offset 0.</summary>
    Contiguous,
    /// <summary>From offset 3, every stride doubled (gaps between all elements).</summary>
    Strided,
    /// <summary>From offset 1, dimensions stored in reverse order (a transposed view).</summary>
    Transposed,
    /// <summary>The first dimension longer than one repeats one slice (stride 0), as broadcasting does.</summary>
    Broadcast,
}
