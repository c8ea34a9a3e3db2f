using DeepSharp.Backends.Cpu;

namespace DeepSharp.Tests.TestSupport;

/// <summary>Runs code with the CPU kernels limited to a thread count (a scope: tests running beside
/// it keep their own setting).</summary>
internal static class TestThreads
{
    public static T Run<T>(int threads, Func<T> body)
    {
        using (CpuBackend.LimitThreads(threads)) return body();
    }
}
