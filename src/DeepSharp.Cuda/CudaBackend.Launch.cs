using ILGPU;
using ILGPU.Runtime;

namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    // Launches of one-thread-per-element kernels (ILGPU picks the group size), one overload per
    // parameter count. The kernel is compiled on first use and kept; launches are serialized.
    private void Launch<T1>(Action<Index1D, T1> kernel, int n, T1 p1) where T1 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1);
    }

    private void Launch<T1, T2>(Action<Index1D, T1, T2> kernel, int n, T1 p1, T2 p2) where T1 : struct where T2 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2);
    }

    private void Launch<T1, T2, T3>(Action<Index1D, T1, T2, T3> kernel, int n, T1 p1, T2 p2, T3 p3) where T1 : struct where T2 : struct where T3 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3);
    }

    private void Launch<T1, T2, T3, T4>(Action<Index1D, T1, T2, T3, T4> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4) where T1 : struct where T2 : struct where T3 : struct where T4 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4);
    }

    private void Launch<T1, T2, T3, T4, T5>(Action<Index1D, T1, T2, T3, T4, T5> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5);
    }

    private void Launch<T1, T2, T3, T4, T5, T6>(Action<Index1D, T1, T2, T3, T4, T5, T6> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7, T8 p8) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7, p8);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7, T8 p8, T9 p9) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7, p8, p9);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7, T8 p8, T9 p9, T10 p10) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct where T10 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7, T8 p8, T9 p9, T10 p10, T11 p11) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel, int n, T1 p1, T2 p2, T3 p3, T4 p4, T5 p5, T6 p6, T7 p7, T8 p8, T9 p9, T10 p10, T11 p11, T12 p12) where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
    {
        if (n <= 0) return;
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))((Index1D)n, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12);
    }
}
