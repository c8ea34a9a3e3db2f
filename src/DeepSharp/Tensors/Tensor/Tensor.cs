using DeepSharp.Autograd;
using DeepSharp.Backends;

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
    internal Storage _storage;
    internal readonly int[] _shape;
    internal readonly int[] _strides;
    internal readonly int _offset;
    /// <summary>The storage's generation when this tensor was made: a mismatch means a pool has
    /// handed the memory to someone else since (see <see cref="TensorArena"/>).</summary>
    private int _generation;
    private bool _requiresGrad;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        _generation = storage.Generation;
        Numel = Shapes.Numel(shape);
    }

    internal Tensor(Storage storage, int[] shape) : this(storage, shape, Shapes.ContiguousStrides(shape), 0) { }

    /// <summary>A view of this tensor's memory (checked alive first, so a view of a dead handle is dead too).</summary>
    internal Tensor ViewOf(int[] shape, int[] strides, int offset)
    {
        CheckAlive();
        return new Tensor(_storage, shape, strides, offset);
    }

    /// <summary>Allocates an uninitialized contiguous tensor on <paramref name="backend"/> (from the
    /// active <see cref="TensorArena"/> scope when there is one).</summary>
    internal static Tensor Empty(IBackend backend, DType dtype, int[] shape)
    {
        int n = Shapes.Numel(shape);
        return new Tensor(TensorArena.TryRent(backend, dtype, n) ?? backend.Allocate(dtype, n), shape);
    }

    /// <summary>An uninitialized contiguous tensor on the same device as this one.</summary>
    internal Tensor EmptyLike(DType dtype, int[] shape) => Empty(_storage.Backend, dtype, shape);

    /// <summary>The device holding this tensor's storage.</summary>
    public Device Device => _storage.Backend.Device;

    /// <summary>The backend that computes on this tensor.</summary>
    internal IBackend Backend => _storage.Backend;

    /// <summary>This tensor as the backend sees it; throws when its pooled storage was handed on.</summary>
    internal StorageView BackendView
    {
        get
        {
            CheckAlive();
            return new StorageView(_storage, _offset, _shape, _strides);
        }
    }

    /// <summary>Throws when the tensor's arena scope (or the data loader batch it came from) has ended.</summary>
    internal void CheckAlive()
    {
        if (_storage.Generation != _generation)
            throw new ObjectDisposedException(nameof(Tensor),
                $"This tensor {Shapes.Format(_shape)} was created inside a TensorArena scope (or is a DataLoader batch) whose memory has been reused since: " +
                "its values belong to a later step now. Keep a copy made with Clone() under TensorArena.Suspend(), or a .NET value (Item(), ToArray()), instead.");
    }

    /// <summary>A new handle on this tensor's memory for its next owner: every existing handle (this one
    /// and its views) throws when read from now on, instead of showing the next owner's values. For
    /// buffers a library reuses, such as a <c>DataLoader</c>'s batches.</summary>
    internal Tensor Reissue()
    {
        _storage.Generation++;
        return new Tensor(_storage, _shape, _strides, _offset);
    }

    /// <summary>The version counter shared by this tensor's views: how many in-place writes its storage has seen.</summary>
    internal int Version => _storage.Version;

    /// <summary>This tensor broadcast to <paramref name="outShape"/> (stride 0 on added or stretched dimensions).</summary>
    internal StorageView BroadcastView(int[] outShape)
    {
        if (Shapes.SameShape(_shape, outShape)) return BackendView;
        CheckAlive();
        var strides = new int[outShape.Length];
        int shift = outShape.Length - Rank;
        for (int d = 0; d < Rank; d++)
            strides[d + shift] = _shape[d] == 1 && outShape[d + shift] != 1 ? 0 : _strides[d];
        return new StorageView(_storage, _offset, outShape, strides);
    }

    /// <summary>The checks of every in-place write, then its version bump: no in-place change to a
    /// tensor the graph is tracking (PyTorch refuses the leaf case; for a non-leaf the write would not
    /// be differentiated, so it is refused too).</summary>
    internal void BeginInPlace(string name)
    {
        CheckAlive();
        if (GradMode.IsEnabled && _requiresGrad)
            throw new InvalidOperationException(IsLeaf
                ? $"{name}: a leaf tensor that requires grad ({DType} {Shapes.Format(_shape)}) is being used in an in-place operation; wrap the update in GradMode.NoGrad()."
                : $"{name}: in-place operations are not recorded, and this tensor ({DType} {Shapes.Format(_shape)}) is part of a graph that requires grad; use the out-of-place form (y = y + other).");
        _storage.Version++;
    }

    /// <summary>A copy of this tensor on <paramref name="device"/> (this tensor itself when it is there
    /// already); the copy is recorded, so gradients flow back to the original device.</summary>
    public Tensor To(Device device)
    {
        var backend = BackendRegistry.For(device);
        if (ReferenceEquals(backend, Backend)) return this;
        var y = ToBackend(backend);
        var from = Backend;
        return Node.Record(y, "ToDevice", [this], g => [g.ToBackend(from)], saved: []);
    }

    /// <summary>An unrecorded copy on <paramref name="backend"/>, through host memory.</summary>
    internal Tensor ToBackend(IBackend backend)
    {
        var y = Empty(backend, DType, ShapeArray);
        switch (DType)
        {
            case DType.Float32: backend.CopyFromHost<float>(ToArray<float>(), y._storage, 0); break;
            case DType.Float64: backend.CopyFromHost<double>(ToArray<double>(), y._storage, 0); break;
            default: backend.CopyFromHost<int>(ToArray<int>(), y._storage, 0); break;
        }
        return y;
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

    /// <summary>A tensor sharing this one's storage (and version counter) but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach()
    {
        return ViewOf(_shape, _strides, _offset);
    }

    /// <summary>The host memory of a contiguous tensor on a host device, from its offset, of length
    /// <see cref="Numel"/>, for writing: counts as an in-place modification (its version is bumped,
    /// so a backward pass that saved this tensor refuses to run with the changed values).</summary>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous, not on a host device,
    /// or <typeparamref name="T"/> is not its dtype.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        var span = HostSpan<T>("AsSpan");
        _storage.Version++;
        return span;
    }

    /// <summary>The host memory of a contiguous tensor on a host device, for reading.</summary>
    /// <exception cref="InvalidOperationException">As for <see cref="AsSpan{T}"/>.</exception>
    public ReadOnlySpan<T> AsReadOnlySpan<T>() where T : unmanaged => HostSpan<T>("AsReadOnlySpan");

    private Span<T> HostSpan<T>(string name) where T : unmanaged
    {
        CheckAlive();
        if (!IsContiguous) throw new InvalidOperationException($"{name} needs a contiguous tensor; call Contiguous() first.");
        if (_storage is not HostStorage<T> host)
            throw new InvalidOperationException(_storage.Backend.Device.IsHost
                ? $"{name}<{typeof(T).Name}>: the tensor holds {DType}."
                : $"{name}: the tensor is on {Device}; copy it to the host with To(Device.Cpu) first.");
        return host.Data.AsSpan(_offset, Numel);
    }

    /// <summary>The single value of a one-element tensor, converted to double.</summary>
    public double Item()
    {
        if (Numel != 1) throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}.");
        return DType switch
        {
            DType.Float32 => Item<float>(),
            DType.Float64 => Item<double>(),
            _ => Item<int>(),
        };
    }

    /// <summary>The single value of a one-element tensor as <typeparamref name="T"/> (must be the dtype).</summary>
    public T Item<T>() where T : unmanaged
    {
        if (Numel != 1) throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}.");
        if (DTypeExtensions.Of<T>() != DType) throw new InvalidOperationException($"Item<{typeof(T).Name}>: the tensor holds {DType}.");
        Span<T> one = stackalloc T[1];
        Backend.CopyToHost(BackendView, one);
        return one[0];
    }

    /// <summary>The elements in row-major order as a new flat array.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (DTypeExtensions.Of<T>() != DType)
            return ConvertRaw(DTypeExtensions.Of<T>()).ToArray<T>(); // reading values records nothing
        var result = new T[Numel];
        Backend.CopyToHost<T>(BackendView, result);
        return result;
    }

    /// <summary>The elements as a flat float array (converting if needed).</summary>
    public float[] ToFloatArray() => ToArray<float>();

    /// <summary>The elements as a flat double array (converting if needed).</summary>
    public double[] ToDoubleArray() => ToArray<double>();

    /// <summary>A contiguous copy with its own storage; recorded, so gradients flow back to this tensor.</summary>
    public Tensor Clone() => ViewRules.Clone(this);

    /// <summary>A contiguous copy that is not recorded in the graph.</summary>
    internal Tensor CloneRaw()
    {
        var t = EmptyLike(DType, ShapeArray);
        Backend.Copy(BackendView, t.BackendView);
        return t;
    }

    /// <summary>Converts to another dtype (a copy, not recorded in the graph unless both are floating point).</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        if (dtype.IsFloatingPoint() && DType.IsFloatingPoint() && RequiresGradRecording(this))
            return ViewRules.Cast(this, dtype);
        return ConvertRaw(dtype);
    }

    /// <summary>A contiguous copy converted to <paramref name="dtype"/> (a plain copy when the dtype is already right); not recorded.</summary>
    internal Tensor ConvertRaw(DType dtype)
    {
        var dst = EmptyLike(dtype, ShapeArray);
        Backend.Copy(BackendView, dst.BackendView);
        return dst;
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

    internal bool SharesStorageWith(Tensor other) => ReferenceEquals(_storage, other._storage);

    internal int[] StridesArray => _strides;
}
