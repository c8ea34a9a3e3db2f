namespace DeepSharp.Backends.Cpu;

/// <summary>One validated SGEMM call, as raw pointers (the caller keeps the spans pinned for the
/// duration): C(m x n) = act(alpha * op(A) * op(B) + beta * C + bias).</summary>
internal unsafe struct GemmCall
{
    public bool TransA;
    public bool TransB;
    public int M;
    public int N;
    public int K;
    public float Alpha;
    public float Beta;
    public float* A;
    public nint Lda;
    public float* B;
    public nint Ldb;
    public float* C;
    public nint Ldc;

    /// <summary>Per-column bias of length N, or null.</summary>
    public float* Bias;
    public Activation Activation;

    /// <summary>op(B) already packed for the kernel in use, or null to pack from <see cref="B"/>.</summary>
    public PackedMatrix? PackedB;

    public readonly bool HasEpilogue => Bias is not null || Activation != Activation.None;
}
