using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros (Float32).</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DType.Float32);

    /// <summary>A tensor of zeros of the given dtype.</summary>
    public static Tensor Zeros(int[] shape, DType dtype)
    {
        var t = Empty(dtype, (int[])shape.Clone());
        switch (dtype)
        {
            case DType.Float32: t.AsSpan<float>().Clear(); break;
            case DType.Float64: t.AsSpan<double>().Clear(); break;
            default: t.AsSpan<int>().Clear(); break;
        }
        return t;
    }

    /// <summary>A tensor of ones (Float32).</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0, DType.Float32);

    /// <summary>A tensor of ones of the given dtype.</summary>
    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1.0, dtype);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32) =>
        TensorOps.Full(dtype, (int[])shape.Clone(), value);

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => TensorOps.Full(dtype, [], value);

    /// <summary>Zeros shaped and typed like <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like._shape, like.DType);

    /// <summary>Ones shaped and typed like <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Full(like._shape, 1.0, like.DType);

    /// <summary>Values start, start + step, ... below <paramref name="end"/> (like <c>torch.arange</c>).</summary>
    public static Tensor Arange(double start, double end, double step = 1.0, DType dtype = DType.Float32)
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentOutOfRangeException(nameof(step), step, "Arange: step must be non-zero.");
        double count = Math.Ceiling((end - start) / step);
        int n = count > 0 ? checked((int)count) : 0;
        var t = Empty(dtype, [n]);
        for (int i = 0; i < n; i++) t.SetFlat(i, start + i * step);
        return t;
    }

    /// <summary>0, 1, ..., n - 1.</summary>
    public static Tensor Arange(int n, DType dtype = DType.Float32) => Arange(0, n, 1, dtype);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Linspace: steps must be non-negative.");
        var t = Empty(dtype, [steps]);
        for (int i = 0; i < steps; i++)
            t.SetFlat(i, steps == 1 ? start : start + (end - start) * i / (steps - 1));
        return t;
    }

    /// <summary>An n x m identity matrix (m defaults to n).</summary>
    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32)
    {
        int cols = m ?? n;
        var t = Zeros([n, cols], dtype);
        for (int i = 0; i < Math.Min(n, cols); i++) t.SetFlat(i * cols + i, 1);
        return t;
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
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        int n = Shapes.Numel(s);
        if (n != data.Length)
            throw new ShapeMismatchException($"FromArray: shape {Shapes.Format(s)} needs {n} elements, got {data.Length}.");
        var t = Empty(DTypeExtensions.Of<T>(), s);
        data.CopyTo(t.AsSpan<T>());
        return t;
    }

    /// <summary>Wraps <paramref name="data"/> without copying (the tensor and the array share memory).</summary>
    public static Tensor Wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        if (Shapes.Numel(s) != data.Length)
            throw new ShapeMismatchException($"Wrap: shape {Shapes.Format(s)} needs {Shapes.Numel(s)} elements, got {data.Length}.");
        return new Tensor(new Storage<T>(data), s);
    }

    private static Tensor FromMulti<T>(Array data) where T : unmanaged
    {
        var shape = new int[data.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = data.GetLength(i);
        var span = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
        return FromSpan(span, shape);
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(int[] shape, RandomGenerator? rng = null, DType dtype = DType.Float32) =>
        Uniform(shape, 0, 1, rng, dtype);

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor Uniform(int[] shape, double low, double high, RandomGenerator? rng = null, DType dtype = DType.Float32)
    {
        rng ??= RandomGenerator.Default;
        var t = Empty(dtype, (int[])shape.Clone());
        for (int i = 0; i < t.Numel; i++) t.SetFlat(i, rng.NextDouble(low, high));
        return t;
    }

    /// <summary>Standard normal samples (mean 0, variance 1), scaled when <paramref name="std"/> and <paramref name="mean"/> are given.</summary>
    public static Tensor Randn(int[] shape, RandomGenerator? rng = null, DType dtype = DType.Float32, double mean = 0, double std = 1)
    {
        rng ??= RandomGenerator.Default;
        var t = Empty(dtype, (int[])shape.Clone());
        for (int i = 0; i < t.Numel; i++) t.SetFlat(i, rng.NextGaussian(mean, std));
        return t;
    }

    /// <summary>Uniform integers in [low, high) as an Int32 tensor.</summary>
    public static Tensor RandInt(int low, int high, int[] shape, RandomGenerator? rng = null)
    {
        rng ??= RandomGenerator.Default;
        var t = Empty(DType.Int32, (int[])shape.Clone());
        var span = t.AsSpan<int>();
        for (int i = 0; i < span.Length; i++) span[i] = rng.NextInt(low, high);
        return t;
    }

    /// <summary>A random permutation of 0..n-1 as an Int32 tensor.</summary>
    public static Tensor RandPerm(int n, RandomGenerator? rng = null) =>
        Wrap((rng ?? RandomGenerator.Default).Permutation(n), n);

    /// <summary>Writes a value at a row-major position of a contiguous tensor.</summary>
    private void SetFlat(int i, double value)
    {
        switch (DType)
        {
            case DType.Float32: StorageAs<float>().Data[_offset + i] = (float)value; break;
            case DType.Float64: StorageAs<double>().Data[_offset + i] = value; break;
            default: StorageAs<int>().Data[_offset + i] = (int)value; break;
        }
    }
}
