using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSharp.Backends;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros (Float32).</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DType.Float32);

    /// <summary>A tensor of zeros of the given dtype, on <paramref name="device"/> (default: <see cref="Device.Default"/>).</summary>
    public static Tensor Zeros(int[] shape, DType dtype, Device? device = null) => Full(shape, 0, dtype, device);

    /// <summary>A tensor of ones (Float32).</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0, DType.Float32);

    /// <summary>A tensor of ones of the given dtype.</summary>
    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1.0, dtype);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32, Device? device = null) =>
        Full(BackendOf(device), dtype, (int[])shape.Clone(), value);

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device? device = null) => Full(BackendOf(device), dtype, [], value);

    /// <summary>Zeros shaped, typed and placed like <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Full(like.Backend, like.DType, like.ShapeArray, 0);

    /// <summary>Ones shaped, typed and placed like <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Full(like.Backend, like.DType, like.ShapeArray, 1);

    /// <summary>A constant on <paramref name="backend"/>.</summary>
    internal static Tensor Full(IBackend backend, DType dtype, int[] shape, double value)
    {
        var t = Empty(backend, dtype, shape);
        backend.Fill(t.BackendView, value);
        return t;
    }

    /// <summary>A zero-dimensional constant on this tensor's device, of <paramref name="dtype"/> (default: this one's).</summary>
    internal Tensor ScalarOnDevice(double value, DType? dtype = null) => Full(Backend, dtype ?? DType, [], value);

    /// <summary>The backend of <paramref name="device"/>, or of <see cref="Device.Default"/>.</summary>
    internal static IBackend BackendOf(Device? device) => BackendRegistry.For(device ?? Device.Default);

    /// <summary>Values start, start + step, ... below <paramref name="end"/> (like <c>torch.arange</c>).</summary>
    public static Tensor Arange(double start, double end, double step = 1.0, DType dtype = DType.Float32, Device? device = null)
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentOutOfRangeException(nameof(step), step, "Arange: step must be non-zero.");
        double count = Math.Ceiling((end - start) / step);
        int n = count > 0 ? checked((int)count) : 0;
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = start + i * step;
        return FromSpan<double>(values, [n], device).ConvertRaw(dtype);
    }

    /// <summary>0, 1, ..., n - 1.</summary>
    public static Tensor Arange(int n, DType dtype = DType.Float32, Device? device = null) => Arange(0, n, 1, dtype, device);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32, Device? device = null)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Linspace: steps must be non-negative.");
        var values = new double[steps];
        for (int i = 0; i < steps; i++) values[i] = steps == 1 ? start : start + (end - start) * i / (steps - 1);
        return FromSpan<double>(values, [steps], device).ConvertRaw(dtype);
    }

    /// <summary>An n x m identity matrix (m defaults to n).</summary>
    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32, Device? device = null)
    {
        int cols = m ?? n;
        var values = new double[checked(n * cols)];
        for (int i = 0; i < Math.Min(n, cols); i++) values[i * cols + i] = 1;
        return FromSpan<double>(values, [n, cols], device).ConvertRaw(dtype);
    }

    /// <summary>A tensor copying <paramref name="data"/>, shaped by <paramref name="shape"/> (1-D when omitted).</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => FromSpan<float>(data, shape);

    /// <inheritdoc cref="FromArray(float[], int[])"/>
    public static Tensor FromArray(double[] data, params int[] shape) => FromSpan<double>(data, shape);

    /// <inheritdoc cref="FromArray(float[], int[])"/>
    public static Tensor FromArray(int[] data, params int[] shape) => FromSpan<int>(data, shape);

    /// <summary>A 2-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(float[,] data) => FromMulti<float>(data);
    /// <summary>A 3-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(float[,,] data) => FromMulti<float>(data);
    /// <summary>A 4-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(float[,,,] data) => FromMulti<float>(data);
    /// <summary>A 2-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(double[,] data) => FromMulti<double>(data);
    /// <summary>A 3-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(double[,,] data) => FromMulti<double>(data);
    /// <summary>A 4-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(double[,,,] data) => FromMulti<double>(data);
    /// <summary>A 2-D tensor copying a rectangular array.</summary>
    public static Tensor FromArray(int[,] data) => FromMulti<int>(data);

    /// <summary>A tensor copying <paramref name="data"/> with the given shape (1-D when omitted).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, params int[] shape) where T : unmanaged => FromSpan(data, shape, null);

    /// <summary>A tensor on <paramref name="device"/> copying <paramref name="data"/> with the given shape (1-D when empty).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, int[] shape, Device? device) where T : unmanaged
    {
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        int n = Shapes.Numel(s);
        if (n != data.Length)
            throw new ShapeMismatchException($"FromArray: shape {Shapes.Format(s)} needs {n} elements, got {data.Length}.");
        var backend = BackendOf(device);
        var t = Empty(backend, DTypeExtensions.Of<T>(), s);
        backend.CopyFromHost(data, t._storage, 0);
        return t;
    }

    /// <summary>Wraps <paramref name="data"/> without copying, as a CPU tensor (the tensor and the array share memory).</summary>
    public static Tensor Wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        if (Shapes.Numel(s) != data.Length)
            throw new ShapeMismatchException($"Wrap: shape {Shapes.Format(s)} needs {Shapes.Numel(s)} elements, got {data.Length}.");
        return new Tensor(new HostStorage<T>(BackendRegistry.For(Device.Cpu), data), s);
    }

    private static Tensor FromMulti<T>(Array data) where T : unmanaged
    {
        var shape = new int[data.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = data.GetLength(i);
        var span = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
        return FromSpan(span, shape);
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(int[] shape, RandomGenerator? rng = null, DType dtype = DType.Float32, Device? device = null) =>
        Uniform(shape, 0, 1, rng, dtype, device);

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor Uniform(int[] shape, double low, double high, RandomGenerator? rng = null, DType dtype = DType.Float32, Device? device = null)
    {
        var backend = BackendOf(device);
        var t = Empty(backend, dtype, (int[])shape.Clone());
        backend.Uniform(t.BackendView, low, high, rng ?? RandomGenerator.Default);
        return t;
    }

    /// <summary>Standard normal samples (mean 0, variance 1), scaled when <paramref name="std"/> and <paramref name="mean"/> are given.</summary>
    public static Tensor Randn(int[] shape, RandomGenerator? rng = null, DType dtype = DType.Float32, double mean = 0, double std = 1, Device? device = null)
    {
        var backend = BackendOf(device);
        var t = Empty(backend, dtype, (int[])shape.Clone());
        backend.Normal(t.BackendView, mean, std, rng ?? RandomGenerator.Default);
        return t;
    }

    /// <summary>A mask shaped, typed and placed like <paramref name="like"/> holding <paramref name="scale"/>
    /// with probability 1 - <paramref name="p"/> and 0 otherwise (inverted dropout).</summary>
    internal static Tensor BernoulliMask(Tensor like, double p, double scale, RandomGenerator rng)
    {
        var mask = like.EmptyLike(like.DType, like.ShapeArray);
        like.Backend.BernoulliMask(mask.BackendView, p, scale, rng);
        return mask;
    }

    /// <summary>Uniform integers in [low, high) as an Int32 tensor.</summary>
    public static Tensor RandInt(int low, int high, int[] shape, RandomGenerator? rng = null, Device? device = null)
    {
        rng ??= RandomGenerator.Default;
        var values = new int[Shapes.Numel(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextInt(low, high);
        return FromSpan<int>(values, shape, device);
    }

    /// <summary>A random permutation of 0..n-1 as an Int32 tensor.</summary>
    public static Tensor RandPerm(int n, RandomGenerator? rng = null) =>
        FromSpan<int>((rng ?? RandomGenerator.Default).Permutation(n), [n], null);
}
