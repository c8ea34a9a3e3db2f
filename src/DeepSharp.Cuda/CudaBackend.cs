using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using DeepSharp.Tensors;

namespace DeepSharp.Backends.Cuda;

/// <summary>
/// The GPU backend: device memory from a caching allocator and ILGPU kernels, compiled to PTX at
/// run time on an NVIDIA GPU. The same kernels run on ILGPU's CPU accelerator
/// (<see cref="CreateSimulated"/>), which is how the tests prove them without a GPU.
/// </summary>
/// <remarks>
/// One file per family of operations: CudaBackend.Memory, .ElementWise, .Reduce, .LinearAlgebra,
/// .Conv, .Pool, .Softmax, .Index, .Optim, .Random. Every kernel has a fixed reduction order and
/// no atomics, so results are deterministic run to run. The core does not reference this project:
/// an app calls <see cref="Register"/> to make <c>Device.Cuda(n)</c> resolve here.
/// </remarks>
public sealed partial class CudaBackend : IBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly DeviceMemoryPool _pool;
    private readonly object _gate = new();
    private readonly Dictionary<System.Reflection.MethodInfo, Delegate> _kernels = [];

    private CudaBackend(Context context, Accelerator accelerator, Device device, bool simulated)
    {
        _context = context;
        _accelerator = accelerator;
        _pool = new DeviceMemoryPool(accelerator);
        Device = device;
        IsSimulated = simulated;
        GemmTile = Math.Min(16, (int)Math.Sqrt(accelerator.MaxNumThreadsPerGroup));
    }

    /// <inheritdoc/>
    public Device Device { get; }

    /// <summary>True when the kernels run on ILGPU's CPU accelerator instead of a GPU.</summary>
    public bool IsSimulated { get; }

    /// <summary>The accelerator's name (the GPU's, or ILGPU's CPU accelerator).</summary>
    public string AcceleratorName => _accelerator.Name;

    /// <summary>Side of the square thread tile of the GEMM kernel (16 on a GPU).</summary>
    internal int GemmTile { get; }

    /// <summary>Makes <c>Device.Cuda(n)</c> resolve to a real GPU through this backend (once per process;
    /// the backend of a device is created on first use and throws <see cref="DeviceUnavailableException"/>
    /// there when the GPU is missing).</summary>
    public static void Register() => BackendRegistry.Register(DeviceType.Cuda, Create);

    /// <summary>Makes <c>Device.Cuda(n)</c> resolve to the CPU simulation (tests, CI without a GPU).</summary>
    public static void RegisterSimulated() => BackendRegistry.Register(DeviceType.Cuda, CreateSimulated);

    /// <summary>The backend of CUDA GPU number <paramref name="index"/>.</summary>
    /// <exception cref="DeviceUnavailableException">No driver, no GPU, or no GPU of that number.</exception>
    public static CudaBackend Create(int index)
    {
        var device = DeepSharp.Device.Cuda(index);
        var probe = CudaDevices.Probe();
        if (probe.Reason is { } reason) throw new DeviceUnavailableException(device, reason);
        if (index >= probe.Devices.Count)
            throw new DeviceUnavailableException(device, $"cuda:{index} was asked for, {probe.Devices.Count} device(s) found");
        var context = CudaDevices.CreateContext(cuda: true);
        try
        {
            var accelerator = context.GetCudaDevice(index).CreateAccelerator(context);
            return new CudaBackend(context, accelerator, device, simulated: false);
        }
        catch (Exception e) when (e is not DeviceUnavailableException)
        {
            context.Dispose();
            throw new DeviceUnavailableException(device, e.Message);
        }
    }

    /// <summary>A backend that presents itself as <c>cuda:index</c> but runs every kernel on ILGPU's
    /// CPU accelerator (a small simulated device: warps of 4 threads, 16 threads per group, so the GEMM tile is 4 x 4).</summary>
    public static CudaBackend CreateSimulated(int index = 0)
    {
        var context = CudaDevices.CreateContext(cuda: false);
        var cpu = new CPUDevice(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 4, numMultiprocessors: 1);
        var accelerator = cpu.CreateCPUAccelerator(context);
        return new CudaBackend(context, accelerator, DeepSharp.Device.Cuda(index), simulated: true);
    }

    /// <summary>What the caching allocator holds now (bytes in use, peak, reserved, driver calls).</summary>
    public DeviceMemoryStats MemoryStats() => _pool.Stats();

    /// <summary>Starts the peak-memory count afresh from what is in use now.</summary>
    public void ResetPeakMemory() => _pool.ResetPeak();

    /// <summary>Returns the allocator's cached, unused blocks to the driver.</summary>
    public void EmptyCache() => _pool.EmptyCache();

    /// <inheritdoc/>
    public void Synchronize()
    {
        lock (_gate) _accelerator.Synchronize();
    }

    /// <summary>Frees the device memory and the accelerator.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _accelerator.Synchronize();
            _pool.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    /// <summary>The typed device view of <paramref name="view"/>'s storage (all of it; offsets are applied by the kernels).</summary>
    internal static ArrayView<T> Whole<T>(StorageView view, string op) where T : unmanaged =>
        view.Storage is CudaStorage s ? s.View<T>()
            : throw new ArgumentException($"{op}: the storage is on {view.Storage.Backend.Device}, not on this CUDA backend; move it with To(device).");

    /// <summary>The viewed elements of a contiguous view as a device view starting at its first element.</summary>
    internal static ArrayView<T> Dense<T>(StorageView view, string op) where T : unmanaged
    {
        if (!view.IsContiguous) throw new ArgumentException($"{op}: expected a contiguous operand, got strides [{string.Join(", ", view.Strides.ToArray())}].");
        return Whole<T>(view, op).SubView(view.Offset, view.Numel);
    }

    internal static NotSupportedException NotFloat(string op, DType dtype) =>
        new($"{op}: needs a floating-point tensor, got {dtype}; convert with To(DType.Float32).");

    /// <summary>True for Float32, false for Float64; throws for other dtypes.</summary>
    internal static bool IsSingle(DType dtype, string op) => dtype switch
    {
        DType.Float32 => true,
        DType.Float64 => false,
        _ => throw NotFloat(op, dtype),
    };

    /// <summary>The compiled kernel of <paramref name="method"/>, compiled on first use.</summary>
    private TDelegate Kernel<TDelegate>(System.Reflection.MethodInfo method, Func<TDelegate> load) where TDelegate : Delegate
    {
        if (!_kernels.TryGetValue(method, out var kernel)) _kernels[method] = kernel = load();
        return (TDelegate)kernel;
    }
}
