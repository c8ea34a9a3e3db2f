using unsafe MicroKernelFn = delegate*<int, float*, nint, float*, nint, float*, nint, float, float, int, int, void>;
using System.Runtime.CompilerServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The blocked SGEMM loop nest (Goto / BLIS) over one rectangular region of C: for each Nc-wide
/// panel of columns, for each k block, pack the B panel (Kc x Nc, kept in L2), then for each
/// Mc-tall block of rows pack the A block; the register tiles then sweep the block row strip by
/// row strip, so one Mr x Kc strip of A stays in L1 while the B strips stream past it.
/// When an operand is reused too little to repay packing (A^T with few columns, B with few
/// rows) its full strips are read in place and only the ragged last strip is packed.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>A^T is read in place when the region has at most this many columns.</summary>
    internal const int DirectAMaxColumns = 256;

    /// <summary>B (not transposed) is read in place only when the region has at most this many rows.</summary>
    internal const int DirectBMaxRows = 128;

    /// <summary>... and when its k block of B (region columns x k block) has at most this many
    /// elements (1 MB, half of L2): read in place, B's rows are a stride apart and every A strip
    /// walks all of them again, which pays only while they stay in L2. Measured on one thread:
    /// 120 x 256 x 2048 ran at 46-63 GFLOP/s in place and 102-107 packed, 128 x 512 x 2048 at 51-67
    /// and 95; 64 x 128 x 2048 (256K elements) at 113 in place and 101 packed.</summary>
    internal const int DirectBMaxElements = 256 * 1024;

    /// <summary>Whether a region reads B (not transposed) where it is instead of packing it.</summary>
    internal static bool ReadsBInPlace(int regionRows, int regionCols, int kBlock) =>
        regionRows <= DirectBMaxRows && (long)regionCols * kBlock <= DirectBMaxElements;

    /// <summary>Depth of every k block for a given k: the blocks are as even as possible and
    /// depend on k alone, so every element's reduction order is the same whatever the partition.</summary>
    public static int KBlock(int k, int maxKc)
    {
        if (k <= maxKc) return Math.Max(k, 1);
        int blocks = (k + maxKc - 1) / maxKc;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Computes rows [i0, i1) x columns [j0, j1) of C. j0 must be a multiple of the
    /// kernel's Nr when <see cref="GemmCall.PackedB"/> is set. Requires K &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRegion(in GemmCall g, MicroKernel kernel, int i0, int i1, int j0, int j1)
    {
        if (i0 >= i1 || j0 >= j1) return;
        int mr = kernel.Mr, nr = kernel.Nr;
        int kBlock = KBlock(g.K, kernel.Kc);
        int mcMax = Math.Min(kernel.Mc, RoundUp(i1 - i0, mr));
        int ncMax = Math.Min(kernel.Nc, RoundUp(j1 - j0, nr));
        bool directA = g.TransA && j1 - j0 <= DirectAMaxColumns;
        bool directB = g.PackedB is null && !g.TransB && ReadsBInPlace(i1 - i0, j1 - j0, kBlock);
        var buffers = PackBuffer.ForCurrentThread();
        float* aPack = buffers.A(mcMax * kBlock + GemmPacking.ASlack);
        float* bPack = g.PackedB is null ? buffers.B(ncMax * kBlock) : null;
        float* scratch = stackalloc float[MicroKernel.MaxTile];

        for (int jc = j0; jc < j1; jc += kernel.Nc)
        {
            int nc = Math.Min(kernel.Nc, j1 - jc), fullCols = nc / nr * nr;
            for (int pc = 0; pc < g.K; pc += kBlock)
            {
                int kc = Math.Min(kBlock, g.K - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                Strips bs;
                if (g.PackedB is not null)
                    bs = Strips.Packed(g.PackedB.Panel(pc, kc, jc), nr, kc, fullCols / nr);
                else if (directB)
                {
                    // Full strips in place (row stride ldb); only the ragged strip is packed.
                    bs = new Strips { Base = g.B + pc * g.Ldb + jc, Step = nr, Stride = g.Ldb, Edge = bPack };
                    if (fullCols < nc) GemmPacking.PackB(false, g.B, g.Ldb, pc, kc, jc + fullCols, nc - fullCols, nr, bPack);
                }
                else
                {
                    GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, jc, nc, nr, bPack);
                    bs = Strips.Packed(bPack, nr, kc, fullCols / nr);
                }

                for (int ic = i0; ic < i1; ic += kernel.Mc)
                {
                    int mc = Math.Min(kernel.Mc, i1 - ic), fullRows = mc / mr * mr;
                    Strips aStrips;
                    if (directA)
                    {
                        // op(A) = A^T: for each p the rows of a strip are contiguous, row stride lda.
                        aStrips = new Strips { Base = g.A + pc * g.Lda + ic, Step = mr, Stride = g.Lda, Edge = aPack };
                        if (fullRows < mc) GemmPacking.PackA(true, g.A, g.Lda, ic + fullRows, mc - fullRows, pc, kc, mr, aPack);
                    }
                    else
                    {
                        GemmPacking.PackA(g.TransA, g.A, g.Lda, ic, mc, pc, kc, mr, aPack);
                        aStrips = Strips.Packed(aPack, mr, kc, fullRows / mr);
                    }
                    float* cBlock = g.C + ic * g.Ldc + jc;
                    MacroKernel(kernel, mc, nc, kc, aStrips, bs, cBlock, g.Ldc, g.Alpha, beta, scratch);
                    if (pc + kc >= g.K && g.HasEpilogue)
                        GemmEpilogue.Apply(cBlock, g.Ldc, mc, nc, g.Bias is null ? null : g.Bias + jc, g.Activation);
                }
            }
        }
    }

    /// <summary>Where the kernel finds the strips of one operand in one block: full strip s at
    /// Base + s * Step, advancing Stride floats per k step; the ragged last strip, if any, packed
    /// and zero-padded at Edge (advancing one tile width per k step).</summary>
    private struct Strips
    {
        public float* Base;
        public nint Step;
        public nint Stride;
        public float* Edge;

        public static Strips Packed(float* panel, int tile, int kc, int fullStrips) => new()
        {
            Base = panel, Step = (nint)tile * kc, Stride = tile, Edge = panel + (nint)fullStrips * tile * kc,
        };
    }

    /// <summary>Sweeps the mc x nc block with register tiles, a row strip of A at a time. Full
    /// tiles store straight into C; an edge tile runs the smallest kernel variant covering it,
    /// straight into C when the variant masks its stores or fits exactly, else into
    /// <paramref name="scratch"/> and copied out with the kernels' store rule, so every element is
    /// rounded identically.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(MicroKernel kernel, int mc, int nc, int kc, in Strips aStrips, in Strips bStrips,
        float* c, nint ldc, float alpha, float beta, float* scratch)
    {
        int mr = kernel.Mr, nr = kernel.Nr;
        var full = kernel.Full;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* a = rows == mr ? aStrips.Base + ir / mr * aStrips.Step : aStrips.Edge;
            nint aStride = rows == mr ? aStrips.Stride : mr;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                float* b = cols == nr ? bStrips.Base + jr / nr * bStrips.Step : bStrips.Edge;
                nint bStride = cols == nr ? bStrips.Stride : nr;
                float* cTile = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    full(kc, a, aStride, b, bStride, cTile, ldc, alpha, beta, mr, nr);
                    continue;
                }
                MicroKernelFn variant = kernel.Variant(rows, cols, out int tileRows, out int tileCols);
                if (kernel.MaskedEdges || (tileRows == rows && tileCols == cols))
                {
                    variant(kc, a, aStride, b, bStride, cTile, ldc, alpha, beta, rows, cols);
                    continue;
                }
                variant(kc, a, aStride, b, bStride, scratch, tileCols, 1f, 0f, tileRows, tileCols);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                        cTile[i * ldc + j] = MicroKernelScalar.Combine(scratch[i * tileCols + j], cTile[i * ldc + j], alpha, beta);
            }
        }
    }

    /// <summary>C = beta * C (beta == 0 overwrites), then the epilogue: the whole result when
    /// k == 0 or alpha == 0, where op(A) * op(B) contributes nothing and is not read.</summary>
    public static void ScaleOnly(in GemmCall g)
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
