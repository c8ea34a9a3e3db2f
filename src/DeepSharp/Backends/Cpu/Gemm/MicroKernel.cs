using unsafe MicroKernelFn = delegate*<int, float*, nint, float*, nint, float*, nint, float, float, int, int, void>;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// One SGEMM micro-kernel family: the full register tile (Mr x Nr), smaller variants for edge
/// tiles (multiples of RowStep x ColStep), and the cache blocking sized for it: Kc (depth of a
/// packed panel), Mc (rows of the packed A block) and Nc (columns of the packed B panel).
/// Every kernel computes each element as one FMA chain in increasing k and stores with one rule,
/// so all kernels and variants give identical bits.
/// </summary>
internal sealed unsafe class MicroKernel
{
    private readonly nint[] _variants;
    private readonly int _colClasses;

    private MicroKernel(string name, int mr, int nr, int rowStep, int colStep, int kc, int mc, int nc,
        bool isSupported, bool maskedEdges, nint full, nint[] variants)
    {
        MaskedEdges = maskedEdges;
        Name = name;
        Mr = mr;
        Nr = nr;
        RowStep = rowStep;
        ColStep = colStep;
        Kc = kc;
        Mc = mc;
        Nc = nc;
        IsSupported = isSupported;
        _variants = variants;
        _colClasses = nr / colStep;
        Full = (MicroKernelFn)full;
    }

    /// <summary>Short name for tests and benchmarks.</summary>
    public string Name { get; }

    /// <summary>Rows of the full register tile; packed A strips are this tall.</summary>
    public int Mr { get; }

    /// <summary>Columns of the full register tile; packed B strips are this wide.</summary>
    public int Nr { get; }

    /// <summary>Edge variants have a multiple of this many rows.</summary>
    public int RowStep { get; }

    /// <summary>Edge variants have a multiple of this many columns.</summary>
    public int ColStep { get; }

    /// <summary>Maximum depth of one packed panel (the k block).</summary>
    public int Kc { get; }

    /// <summary>Rows of the packed A block (a multiple of <see cref="Mr"/>).</summary>
    public int Mc { get; }

    /// <summary>Columns of the packed B panel (a multiple of <see cref="Nr"/>).</summary>
    public int Nc { get; }

    /// <summary>Whether the edge variants store exactly rows x cols themselves (AVX-512 masks);
    /// otherwise an edge tile is computed into scratch and copied out.</summary>
    public bool MaskedEdges { get; }

    /// <summary>Whether this machine can run the kernel.</summary>
    public bool IsSupported { get; }

    /// <summary>The full tile: (kc, a, aStride, b, bStride, c, ldc, alpha, beta, rows, cols), see
    /// <see cref="MicroKernelAvx512.Compute{T}"/> for the contract.</summary>
    public MicroKernelFn Full { get; }

    /// <summary>The smallest variant covering <paramref name="rows"/> x <paramref name="cols"/>
    /// (at most Mr x Nr), and the tile it computes.</summary>
    public MicroKernelFn Variant(
        int rows, int cols, out int tileRows, out int tileCols)
    {
        int rowClass = (rows + RowStep - 1) / RowStep, colClass = (cols + ColStep - 1) / ColStep;
        tileRows = rowClass * RowStep;
        tileCols = colClass * ColStep;
        return (MicroKernelFn)
            _variants[(rowClass - 1) * _colClasses + colClass - 1];
    }

    /// <summary>12 x 32 tile of Vector512 FMA, with 4/8/12 x 16/32 edge variants.</summary>
    public static MicroKernel Avx512 { get; } = new("avx512", MicroKernelAvx512.Mr, MicroKernelAvx512.Nr, 4, 16,
        kc: 256, mc: 10 * MicroKernelAvx512.Mr, nc: 64 * MicroKernelAvx512.Nr,
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported, maskedEdges: true,
        Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Full12x32>),
        [
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge4x16>),
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge4x32>),
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge8x16>),
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge8x32>),
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge12x16>),
            Fn(&MicroKernelAvx512.Compute<MicroKernelAvx512.Edge12x32>),
        ]);

    /// <summary>6 x 16 tile of Vector256 FMA.</summary>
    public static MicroKernel Avx2 { get; } = new("avx2", MicroKernelAvx2.Mr, MicroKernelAvx2.Nr,
        MicroKernelAvx2.Mr, MicroKernelAvx2.Nr, kc: 256, mc: 24 * MicroKernelAvx2.Mr, nc: 128 * MicroKernelAvx2.Nr,
        System.Runtime.Intrinsics.X86.Avx2.IsSupported && Fma.IsSupported, maskedEdges: false,
        Fn(&MicroKernelAvx2.Compute), [Fn(&MicroKernelAvx2.Compute)]);

    /// <summary>4 x 4 scalar tile; runs everywhere.</summary>
    public static MicroKernel Scalar { get; } = new("scalar", MicroKernelScalar.Mr, MicroKernelScalar.Nr,
        MicroKernelScalar.Mr, MicroKernelScalar.Nr, kc: 256, mc: 64, nc: 1024, isSupported: true, maskedEdges: false,
        Fn(&MicroKernelScalar.Compute), [Fn(&MicroKernelScalar.Compute)]);

    /// <summary>The fastest kernel this machine supports.</summary>
    public static MicroKernel Best { get; } = Avx512.IsSupported ? Avx512 : Avx2.IsSupported ? Avx2 : Scalar;

    private static nint Fn(MicroKernelFn kernel) => (nint)kernel;

    /// <summary>Largest Mr * Nr of any kernel, for edge-tile scratch.</summary>
    public const int MaxTile = MicroKernelAvx512.Mr * MicroKernelAvx512.Nr;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Mr}x{Nr} (Kc {Kc}, Mc {Mc}, Nc {Nc})";
}
