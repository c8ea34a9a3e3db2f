using System.Runtime.CompilerServices;

namespace DeepSharp.Kernels;

/// <summary>
/// The blocked SGEMM loop nest (Goto / BLIS order) over one rectangular region of C:
/// for each Nc-wide panel of columns, for each k block, pack the B panel (Kc x Nc), then for
/// each Mc-tall block of rows pack the A block (Mc x Kc, kept in L2) and sweep the register tiles,
/// B strip outermost so the Kc x Nr strip of B stays in L1 while the A strips stream past it.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of every k block for a given k: the blocks are as even as possible and
    /// depend on k alone, so every element's reduction order is the same whatever the partition.</summary>
    public static int KBlock(int k, int maxKc)
    {
        if (k <= maxKc) return Math.Max(k, 1);
        int blocks = (k + maxKc - 1) / maxKc;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Computes rows [i0, i1) x columns [j0, j1) of C. j0 must be a multiple of the
    /// kernel's Nr when <see cref="GemmArgs.PackedB"/> is set. Requires K &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRegion(in GemmArgs g, MicroKernel kernel, int i0, int i1, int j0, int j1)
    {
        if (i0 >= i1 || j0 >= j1) return;
        int mr = kernel.Mr, nr = kernel.Nr;
        int kBlock = KBlock(g.K, kernel.Kc);
        int mcMax = Math.Min(kernel.Mc, RoundUp(i1 - i0, mr));
        int ncMax = Math.Min(kernel.Nc, RoundUp(j1 - j0, nr));
        var buffers = PackBuffer.ForCurrentThread();
        float* aPack = buffers.A(RoundUp(mcMax, mr) * kBlock + GemmPacking.ASlack);
        float* bPack = g.PackedB is null ? buffers.B(ncMax * kBlock) : null;
        float* edge = stackalloc float[MicroKernel.MaxTile];

        for (int jc = j0; jc < j1; jc += kernel.Nc)
        {
            int nc = Math.Min(kernel.Nc, j1 - jc);
            for (int pc = 0; pc < g.K; pc += kBlock)
            {
                int kc = Math.Min(kBlock, g.K - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                bool lastBlock = pc + kc >= g.K;
                float* bPanel;
                if (g.PackedB is null)
                {
                    GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, jc, nc, nr, bPack);
                    bPanel = bPack;
                }
                else bPanel = g.PackedB.Panel(pc, kc, jc);

                for (int ic = i0; ic < i1; ic += kernel.Mc)
                {
                    int mc = Math.Min(kernel.Mc, i1 - ic);
                    GemmPacking.PackA(g.TransA, g.A, g.Lda, ic, mc, pc, kc, mr, aPack);
                    float* cBlock = g.C + ic * g.Ldc + jc;
                    MacroKernel(kernel, mc, nc, kc, aPack, bPanel, cBlock, g.Ldc, g.Alpha, beta, edge);
                    if (lastBlock && g.HasEpilogue)
                        GemmEpilogue.Apply(cBlock, g.Ldc, mc, nc, g.Bias is null ? null : g.Bias + jc, g.Activation);
                }
            }
        }
    }

    /// <summary>Sweeps the mc x nc block with register tiles. Full tiles store straight into C;
    /// edge tiles run the same kernel into <paramref name="edge"/> and copy the valid part out with
    /// the kernels' store rule, so every element is rounded identically.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(MicroKernel kernel, int mc, int nc, int kc, float* aPack, float* bPanel,
        float* c, nint ldc, float alpha, float beta, float* edge)
    {
        int mr = kernel.Mr, nr = kernel.Nr;
        var compute = kernel.Compute;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* bStrip = bPanel + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* aStrip = aPack + (nint)ir * kc;
                float* cTile = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    compute(kc, aStrip, bStrip, cTile, ldc, alpha, beta);
                    continue;
                }
                compute(kc, aStrip, bStrip, edge, nr, 1f, 0f);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                        cTile[i * ldc + j] = MicroKernelScalar.Combine(edge[i * nr + j], cTile[i * ldc + j], alpha, beta);
            }
        }
    }

    /// <summary>C = beta * C (beta == 0 overwrites), then the epilogue: the whole result when
    /// k == 0 or alpha == 0, where op(A) * op(B) contributes nothing and is not read.</summary>
    public static void ScaleOnly(in GemmArgs g)
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + i * g.Ldc, g.N);
            if (g.Beta == 0f) row.Clear();
            else if (g.Beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, g.Beta, row);
        }
        if (g.HasEpilogue) GemmEpilogue.Apply(g.C, g.Ldc, g.M, g.N, g.Bias, g.Activation);
    }

    public static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
