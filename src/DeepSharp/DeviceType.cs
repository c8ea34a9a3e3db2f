namespace DeepSharp;

/// <summary>The kinds of <see cref="Device"/>.</summary>
public enum DeviceType
{
    /// <summary>The host CPU with the optimized managed kernels.</summary>
    Cpu,
    /// <summary>Plain reference loops on host memory (the test oracle).</summary>
    Reference,
    /// <summary>An NVIDIA GPU through a CUDA backend.</summary>
    Cuda,
}
