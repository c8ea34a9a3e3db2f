namespace DeepSharp.Backends.Cpu;

internal static partial class Gemm
{
    /// <summary>Below this many multiply-adds (m * n * k) packing does not pay and the simple loop
    /// runs. Measured: at 8^3 the simple loop is faster, from 16^3 on the packed kernels win by 2-7x
    /// (their masked edge tiles make small shapes cheap).</summary>
    internal const long SmallProblemMacs = 4 * 1024;

    /// <summary>Below this many multiply-adds a second thread costs more than it saves.</summary>
    internal const long ParallelMinMacs = 256 * 1024;

    /// <summary>
    /// The one SGEMM implementation behind every public overload; arguments must already be validated.
    /// <paramref name="packedB"/> replaces b/ldb/transB when set. <paramref name="kernel"/> forces a
    /// micro-kernel (tests), otherwise the best supported one is used and tiny problems take the
    /// simple loop. <paramref name="threads"/> caps the threads used.
    /// </summary>
    internal static unsafe void SgemmCore(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, PackedMatrix? packedB,
        float beta, Span<float> c, int ldc, ReadOnlySpan<float> bias, Activation activation,
        int threads, MicroKernel? kernel)
    {
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
        {
            var g = new GemmCall
            {
                TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha, Beta = beta,
                A = pa, Lda = lda, B = pb, Ldb = ldb, C = pc, Ldc = ldc,
                Bias = pbias, Activation = activation, PackedB = packedB,
            };
            if (k == 0 || alpha == 0f)
            {
                GemmDriver.ScaleOnly(g);
                return;
            }
            if (packedB is null && kernel is null && (long)m * n * k < SmallProblemMacs)
            {
                GemmSimple.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                if (g.HasEpilogue) GemmEpilogue.Apply(pc, ldc, m, n, pbias, activation);
                return;
            }
            var micro = packedB?.Kernel ?? kernel ?? MicroKernel.Best;
            var runner = ParallelRunner.Shared;
            int usable = (long)m * n * k < ParallelMinMacs ? 1 : Math.Clamp(threads, 1, runner.MaxParts);
            var partition = ThreadPartition.Choose(m, n, k, usable, micro.RowStep, micro.Nr, transA, transB, packedB is not null, micro.Kc);
            if (partition.Parts == 1)
            {
                GemmDriver.RunRegion(g, micro, 0, m, 0, n);
                return;
            }
            var job = GemmJob.ForCurrentThread();
            job.Set(g, micro, partition);
            try
            {
                if (!runner.TryRun(job, partition.Parts))
                    for (int part = 0; part < partition.Parts; part++) job.Execute(part);
            }
            finally
            {
                job.Clear();
            }
        }
    }

    /// <summary>A partitioned SGEMM as a parallel job; one reusable instance per calling thread.</summary>
    private sealed class GemmJob : IParallelJob
    {
        [ThreadStatic] private static GemmJob? t_job;
        private GemmCall _args;
        private MicroKernel? _kernel;
        private ThreadPartition _partition;

        public static GemmJob ForCurrentThread() => t_job ??= new GemmJob();

        public void Set(in GemmCall args, MicroKernel kernel, ThreadPartition partition)
        {
            _args = args;
            _kernel = kernel;
            _partition = partition;
        }

        public void Clear()
        {
            _args = default;
            _kernel = null;
        }

        public void Execute(int part)
        {
            _partition.GetRegion(part, out int i0, out int i1, out int j0, out int j1);
            GemmDriver.RunRegion(_args, _kernel!, i0, i1, j0, j1);
        }
    }
}
