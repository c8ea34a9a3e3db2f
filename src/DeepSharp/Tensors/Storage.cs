namespace DeepSharp.Tensors;

/// <summary>
/// The memory behind one or more tensors (views share it). Today always a managed array;
/// code above the kernels reaches it only through spans so another backend can be added.
/// </summary>
internal abstract class Storage
{
    public abstract DType DType { get; }
    public abstract int Length { get; }
    public abstract Storage CloneStorage();
}

internal sealed class Storage<T> : Storage where T : unmanaged
{
    public readonly T[] Data;

    public Storage(T[] data) => Data = data;

    public Storage(int length) => Data = length == 0 ? [] : GC.AllocateUninitializedArray<T>(length);

    public override DType DType => DTypeExtensions.Of<T>();
    public override int Length => Data.Length;
    public Span<T> Span => Data;
    public override Storage CloneStorage() => new Storage<T>((T[])Data.Clone());
}
