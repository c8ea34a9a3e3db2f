namespace DeepSharp.Backends.Cpu;

/// <summary>Which convolution kernels run (tests and measurements compare them).</summary>
internal enum ConvPath
{
    /// <summary>im2col + the general GEMM (any element type, any CPU).</summary>
    Generic,

    /// <summary>On AVX-512: im2col + the unpacked AVX-512 products, never the direct kernel.</summary>
    Im2Col,

    /// <summary>The fastest that applies: the direct AVX-512 forward kernel, else <see cref="Im2Col"/>, else <see cref="Generic"/>.</summary>
    Best,
}
