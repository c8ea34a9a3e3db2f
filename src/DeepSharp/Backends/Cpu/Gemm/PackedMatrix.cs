namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The right-hand operand op(B) (k x n) of SGEMM, packed once into the panel layout of this
/// machine's micro-kernel, for reuse when the same B (for example a layer's weights at
/// inference) multiplies many left-hand matrices. Created by
/// <see cref="Gemm.PackB(bool, int, int, ReadOnlySpan{float}, int)"/> and consumed by the
/// <see cref="Gemm"/> overloads taking a <see cref="PackedMatrix"/>. Immutable after creation and
/// safe to share between threads; it is a snapshot, so later changes to B are not seen.
/// </summary>
internal sealed unsafe class PackedMatrix
{
    private readonly AlignedBuffer _data;
    private readonly int _paddedColumns;

    internal PackedMatrix(MicroKernel kernel, bool transB, int k, int n, float* b, nint ldb)
    {
        Kernel = kernel;
        Rows = k;
        Columns = n;
        KBlock = GemmDriver.KBlock(k, kernel.Kc);
        _paddedColumns = GemmDriver.RoundUp(n, kernel.Nr);
        long length = (long)k * _paddedColumns;
        if (length > Array.MaxLength - 64)
            throw new ArgumentException($"A packed {k} x {n} matrix needs {length} floats, more than one array can hold.", nameof(n));
        _data = new AlignedBuffer((int)Math.Max(length, 1));
        for (int pc = 0; pc < k; pc += KBlock)
        {
            int kc = Math.Min(KBlock, k - pc);
            GemmPacking.PackB(transB, b, ldb, pc, kc, 0, n, kernel.Nr, _data.Pointer + (nint)pc * _paddedColumns);
        }
    }

    /// <summary>Rows of op(B): the inner dimension k of the products it takes part in.</summary>
    public int Rows { get; }

    /// <summary>Columns of op(B): the column count n of the products' results.</summary>
    public int Columns { get; }

    /// <summary>The kernel whose layout this is; products with this matrix use it.</summary>
    internal MicroKernel Kernel { get; }

    /// <summary>The depth of the packed k blocks (see <see cref="GemmDriver.KBlock"/>).</summary>
    internal int KBlock { get; }

    /// <summary>The packed panel of the k block starting at <paramref name="pc"/> (depth
    /// <paramref name="kc"/>), from column <paramref name="jc"/> (a multiple of Nr) on.</summary>
    internal float* Panel(int pc, int kc, int jc) =>
        _data.Pointer + (nint)pc * _paddedColumns + (nint)jc * kc;

    /// <inheritdoc/>
    public override string ToString() => $"PackedMatrix({Rows} x {Columns}, {Kernel.Name})";
}
