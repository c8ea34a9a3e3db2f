using System.Numerics;
using DeepSharp.Autograd;

namespace DeepSharp.Tensors;

/// <summary>
/// An n-dimensional array with a shape, strides and an offset into shared storage (views share it),
/// and the node of the computation graph that reverse-mode differentiation walks.
/// </summary>
/// <remarks>
/// Operations on tensors that require gradients record how they were computed (unless inside
/// <see cref="GradMode.NoGrad"/>); <see cref="Backward"/> then accumulates gradients into the
/// <see cref="Grad"/> of every leaf tensor with <see cref="RequiresGrad"/> set.
/// </remarks>
public sealed partial class Tensor
{
    internal readonly Storage _storage;
    internal readonly int[] _shape;
    internal readonly int[] _strides;
    internal readonly int _offset;
    private bool _requiresGrad;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        Numel = Shapes.Numel(shape);
    }

    internal Tensor(Storage storage, int[] shape) : this(storage, shape, Shapes.ContiguousStrides(shape), 0) { }

    /// <summary>Allocates an uninitialized contiguous tensor.</summary>
    internal static Tensor Empty(DType dtype, int[] shape)
    {
        int n = Shapes.Numel(shape);
        Storage s = dtype switch
        {
            DType.Float32 => TensorArena.TryRent<float>(n) ?? new Storage<float>(n),
            DType.Float64 => TensorArena.TryRent<double>(n) ?? new Storage<double>(n),
            DType.Int32 => TensorArena.TryRent<int>(n) ?? new Storage<int>(n),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
        };
        return new Tensor(s, shape);
    }

    /// <summary>The sizes of the dimensions.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The shape as a new array (convenient for building other shapes).</summary>
    public int[] ShapeArray => (int[])_shape.Clone();

    /// <summary>The element steps between neighbours along each dimension.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements.</summary>
    public int Numel { get; }

    /// <summary>The element type.</summary>
    public DType DType => _storage.DType;

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => _shape[Shapes.NormalizeDim(dim, Rank, nameof(Size))];

    /// <summary>True when elements are laid out row-major with no gaps from the offset on.</summary>
    public bool IsContiguous
    {
        get
        {
            if (Numel == 0) return true; // nothing to lay out (the default strides of (2, 0) are not row-major)
            int expected = 1;
            for (int i = _shape.Length - 1; i >= 0; i--)
            {
                if (_shape[i] != 1 && _strides[i] != expected) return false;
                expected *= _shape[i];
            }
            return true;
        }
    }

    /// <summary>Whether operations on this tensor are recorded for differentiation. Only
    /// floating-point tensors can require gradients.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException($"Only floating-point tensors can require gradients; this one is {DType}.");
            if (!value && GradFn is not null)
                throw new InvalidOperationException("RequiresGrad cannot be cleared on a non-leaf tensor; use Detach().");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (for chaining).</summary>
    public Tensor RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null before.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The graph node that produced this tensor, or null for leaves.</summary>
    public Node? GradFn { get; internal set; }

    /// <summary>True for tensors not produced by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Keeps this non-leaf tensor's gradient in <see cref="Grad"/> after <see cref="Backward"/>
    /// (PyTorch's <c>retain_grad()</c>); on a leaf it does nothing, leaves always keep theirs.</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="InvalidOperationException">The tensor does not require grad.</exception>
    public Tensor RetainGrad()
    {
        if (!_requiresGrad)
            throw new InvalidOperationException("RetainGrad: the tensor does not require grad, so backward never reaches it.");
        if (GradFn is { } node) node.RetainedOutput = this;
        return this;
    }

    private List<Action<Tensor>>? _postAccumulateGradHooks;

    /// <summary>Registers <paramref name="hook"/> to run on this leaf once a backward pass has
    /// accumulated its gradient for the last time in that pass (PyTorch's
    /// <c>register_post_accumulate_grad_hook</c>): the point where data-parallel training can start
    /// reducing it while the rest of the backward pass runs.</summary>
    /// <returns>A handle whose <c>Dispose</c> removes the hook.</returns>
    /// <exception cref="InvalidOperationException">The tensor is not a leaf that requires grad.</exception>
    public IDisposable RegisterPostAccumulateGradHook(Action<Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!IsLeaf || !_requiresGrad)
            throw new InvalidOperationException("RegisterPostAccumulateGradHook: only a leaf tensor that requires grad accumulates a gradient.");
        (_postAccumulateGradHooks ??= []).Add(hook);
        return new HookHandle(() => _postAccumulateGradHooks.Remove(hook));
    }

    internal void RunPostAccumulateGradHooks()
    {
        if (_postAccumulateGradHooks is not { Count: > 0 } hooks) return;
        foreach (var hook in hooks.ToArray()) hook(this);
    }

    private sealed class HookHandle(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose()
        {
            _remove?.Invoke();
            _remove = null;
        }
    }

    /// <summary>Clears the gradient (sets <see cref="Grad"/> to null).</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>Runs reverse-mode differentiation from this tensor. Without <paramref name="gradient"/>
    /// the tensor must hold one element (a loss).</summary>
    /// <param name="gradient">d(output)/d(this), shaped like this tensor; defaults to 1 for scalars.</param>
    /// <param name="retainGraph">Keep the graph so a second backward can run through it.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        BackwardEngine.Run(this, gradient, retainGraph);

    /// <summary>A tensor sharing this one's storage but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(_storage, _shape, _strides, _offset);

    /// <summary>The storage span of a contiguous tensor, from its offset, of length <see cref="Numel"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous or <typeparamref name="T"/> is not its dtype.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        if (!IsContiguous) throw new InvalidOperationException("AsSpan needs a contiguous tensor; call Contiguous() first.");
        return StorageAs<T>().Data.AsSpan(_offset, Numel);
    }

    internal Storage<T> StorageAs<T>() where T : unmanaged =>
        _storage as Storage<T> ?? throw new InvalidOperationException(
            $"Tensor holds {DType}, not {DTypeExtensions.Of<T>()}.");

    /// <summary>The single value of a one-element tensor, converted to double.</summary>
    public double Item()
    {
        if (Numel != 1) throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}.");
        return DType switch
        {
            DType.Float32 => StorageAs<float>().Data[_offset],
            DType.Float64 => StorageAs<double>().Data[_offset],
            _ => StorageAs<int>().Data[_offset],
        };
    }

    /// <summary>The single value of a one-element tensor as <typeparamref name="T"/> (must be the dtype).</summary>
    public T Item<T>() where T : unmanaged
    {
        if (Numel != 1) throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}.");
        return StorageAs<T>().Data[_offset];
    }

    /// <summary>The elements in row-major order as a new flat array.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType)
            return ConvertRaw(DTypeExtensions.Of<T>()).ToArray<T>(); // reading values records nothing
        var result = new T[Numel];
        StridedCopy.CopyTo(this, result);
        return result;
    }

    /// <summary>The elements as a flat float array (converting if needed).</summary>
    public float[] ToFloatArray() => ToArray<float>();

    /// <summary>The elements as a flat double array (converting if needed).</summary>
    public double[] ToDoubleArray() => ToArray<double>();

    /// <summary>A contiguous copy with its own storage; recorded, so gradients flow back to this tensor.</summary>
    public Tensor Clone() => ShapeOps.Clone(this);

    /// <summary>A contiguous copy that is not recorded in the graph.</summary>
    internal Tensor CloneRaw()
    {
        var t = Empty(DType, ShapeArray);
        switch (DType)
        {
            case DType.Float32: StridedCopy.CopyTo(this, t.StorageAs<float>().Data); break;
            case DType.Float64: StridedCopy.CopyTo(this, t.StorageAs<double>().Data); break;
            default: StridedCopy.CopyTo(this, t.StorageAs<int>().Data); break;
        }
        return t;
    }

    /// <summary>Converts to another dtype (a copy, not recorded in the graph unless both are floating point).</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        if (dtype.IsFloatingPoint() && DType.IsFloatingPoint() && RequiresGradRecording(this))
            return ShapeOps.Cast(this, dtype);
        return ConvertRaw(dtype);
    }

    /// <summary>A contiguous copy converted to <paramref name="dtype"/> (a plain copy when the dtype is already right); not recorded.</summary>
    internal Tensor ConvertRaw(DType dtype)
    {
        if (dtype == DType) return CloneRaw();
        var src = IsContiguous ? this : CloneRaw();
        var dst = Empty(dtype, ShapeArray);
        switch ((src.DType, dtype))
        {
            case (DType.Float32, DType.Float64): Convert(src.AsSpan<float>(), dst.AsSpan<double>()); break;
            case (DType.Float32, DType.Int32): Convert(src.AsSpan<float>(), dst.AsSpan<int>()); break;
            case (DType.Float64, DType.Float32): Convert(src.AsSpan<double>(), dst.AsSpan<float>()); break;
            case (DType.Float64, DType.Int32): Convert(src.AsSpan<double>(), dst.AsSpan<int>()); break;
            case (DType.Int32, DType.Float32): Convert(src.AsSpan<int>(), dst.AsSpan<float>()); break;
            case (DType.Int32, DType.Float64): Convert(src.AsSpan<int>(), dst.AsSpan<double>()); break;
        }
        return dst;
    }

    private static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> from, Span<TTo> to)
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo>
    {
        for (int i = 0; i < from.Length; i++) to[i] = TTo.CreateTruncating(from[i]);
    }

    /// <summary>True when an op on these inputs must be recorded in the graph.</summary>
    internal static bool RequiresGradRecording(Tensor a) => GradMode.IsEnabled && a._requiresGrad;

    internal static bool RequiresGradRecording(Tensor a, Tensor b) =>
        GradMode.IsEnabled && (a._requiresGrad || b._requiresGrad);

    /// <summary>Marks a freshly computed tensor as the output of a recorded node.</summary>
    internal Tensor WithGradFn(Node node)
    {
        GradFn = node;
        _requiresGrad = true;
        return this;
    }

    internal static T[] ArrayOf<T>(Tensor t) where T : unmanaged => t.StorageAs<T>().Data;

    internal bool SharesStorageWith(Tensor other) => ReferenceEquals(_storage, other._storage);

    internal int[] StridesArray => _strides;
}
