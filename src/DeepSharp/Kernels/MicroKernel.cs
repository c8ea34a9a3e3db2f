using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Kernels;

/// <summary>
/// One SGEMM micro-kernel with its register tile (Mr x Nr) and the cache blocking sized for it:
/// Kc (depth of a packed panel), Mc (rows of the packed A block, kept in L2) and Nc (columns of
/// the packed B panel). All kernels share one contract and round identically.
/// </summary>
internal sealed unsafe class MicroKernel
{
    private MicroKernel(string name, int mr, int nr, int kc, int mc, int nc, bool isSupported,
        delegate*<int, float*, float*, float*, nint, float, float, void> compute)
    {
        Name = name;
        Mr = mr;
        Nr = nr;
        Kc = kc;
        Mc = mc;
        Nc = nc;
        IsSupported = isSupported;
        Compute = compute;
    }

    /// <summary>Short name for tests and benchmarks.</summary>
    public string Name { get; }

    /// <summary>Rows of the register tile; packed A strips are this tall.</summary>
    public int Mr { get; }

    /// <summary>Columns of the register tile; packed B strips are this wide.</summary>
    public int Nr { get; }

    /// <summary>Maximum depth of one packed panel (the k block).</summary>
    public int Kc { get; }

    /// <summary>Rows of the packed A block (a multiple of <see cref="Mr"/>).</summary>
    public int Mc { get; }

    /// <summary>Columns of the packed B panel (a multiple of <see cref="Nr"/>).</summary>
    public int Nc { get; }

    /// <summary>Whether this machine can run the kernel.</summary>
    public bool IsSupported { get; }

    /// <summary>(kc, packed A strip, packed B strip, C, ldc, alpha, beta): see
    /// <see cref="MicroKernelAvx512.Compute"/> for the contract.</summary>
    public delegate*<int, float*, float*, float*, nint, float, float, void> Compute { get; }

    /// <summary>12 x 32 tile of Vector512 FMA.</summary>
    public static MicroKernel Avx512 { get; } = new("avx512", MicroKernelAvx512.Mr, MicroKernelAvx512.Nr,
        kc: 256, mc: 20 * MicroKernelAvx512.Mr, nc: 64 * MicroKernelAvx512.Nr,
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported, &MicroKernelAvx512.Compute);

    /// <summary>6 x 16 tile of Vector256 FMA.</summary>
    public static MicroKernel Avx2 { get; } = new("avx2", MicroKernelAvx2.Mr, MicroKernelAvx2.Nr,
        kc: 256, mc: 24 * MicroKernelAvx2.Mr, nc: 128 * MicroKernelAvx2.Nr,
        System.Runtime.Intrinsics.X86.Avx2.IsSupported && Fma.IsSupported, &MicroKernelAvx2.Compute);

    /// <summary>4 x 4 scalar tile; runs everywhere.</summary>
    public static MicroKernel Scalar { get; } = new("scalar", MicroKernelScalar.Mr, MicroKernelScalar.Nr,
        kc: 256, mc: 64, nc: 1024, isSupported: true, &MicroKernelScalar.Compute);

    /// <summary>The fastest kernel this machine supports.</summary>
    public static MicroKernel Best { get; } = Avx512.IsSupported ? Avx512 : Avx2.IsSupported ? Avx2 : Scalar;

    /// <summary>Largest Mr * Nr of any kernel, for edge-tile scratch.</summary>
    public const int MaxTile = MicroKernelAvx512.Mr * MicroKernelAvx512.Nr;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Mr}x{Nr} (Kc {Kc}, Mc {Mc}, Nc {Nc})";
}
