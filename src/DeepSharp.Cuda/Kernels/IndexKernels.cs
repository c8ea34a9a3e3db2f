using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>Index kernels over (outer, size, inner) blocks. The adding ones give each thread one
/// (outer, inner) column and walk the indices in order, so repeated indices add up without atomics.</summary>
internal static class IndexKernels
{
    public static void Select<T>(Index1D p, ArrayView<T> x, ArrayView<int> idx, ArrayView<T> d, int size, int inner, int count) where T : unmanaged
    {
        int i = p % inner, k = p / inner % count, o = p / (inner * count);
        d[p] = x[(o * size + idx[k]) * inner + i];
    }

    public static void Add<T, TN>(Index1D t, ArrayView<T> src, ArrayView<int> idx, ArrayView<T> gx, int size, int inner, int count)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int o = t / inner, i = t % inner;
        for (int k = 0; k < count; k++)
        {
            int at = (o * size + idx[k]) * inner + i;
            gx[at] = default(TN).Add(gx[at], src[(o * count + k) * inner + i]);
        }
    }

    public static void Gather<T>(Index1D p, ArrayView<T> x, ArrayView<int> idx, ArrayView<T> d, int size, int inner, int count) where T : unmanaged
    {
        int i = p % inner, o = p / (inner * count);
        d[p] = x[(o * size + idx[p]) * inner + i];
    }

    public static void Scatter<T, TN>(Index1D t, ArrayView<T> src, ArrayView<int> idx, ArrayView<T> gx, int size, int inner, int count)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int o = t / inner, i = t % inner;
        for (int j = 0; j < count; j++)
        {
            int p = (o * count + j) * inner + i;
            int at = (o * size + idx[p]) * inner + i;
            gx[at] = default(TN).Add(gx[at], src[p]);
        }
    }
}
