namespace DeepSharp.Backends.Cpu;

/// <summary>
/// A span pinned by the caller (inside a <c>fixed</c> block that outlives the use) and passed by
/// address into the worker lambdas of <see cref="Parallelism.For"/>, which cannot capture spans.
/// </summary>
internal readonly unsafe struct ConvPinned<T>(nint pointer, int length) where T : unmanaged
{
    public ConvPinned(T* pointer, int length) : this((nint)pointer, length) { }

    public Span<T> Span => new((void*)pointer, length);

    /// <summary>The address of the first element (null for an empty span).</summary>
    public T* Pointer => (T*)pointer;

    /// <summary>The sub-span [start, start + count) as another pinned span.</summary>
    public ConvPinned<T> Slice(int start, int count) => new(pointer + start * sizeof(T), count);
}
