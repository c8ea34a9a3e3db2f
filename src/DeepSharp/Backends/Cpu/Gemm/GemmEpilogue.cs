using System.Numerics.Tensors;

namespace DeepSharp.Backends.Cpu;


/// <summary>
/// The fused epilogue of <see cref="Gemm.SgemmBiasAct(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, ReadOnlySpan{float}, Activation)"/>:
/// adds a per-column bias and applies an activation to a block of C right after its last k block
/// is written, while the block is still in cache.
/// </summary>
internal static unsafe class GemmEpilogue
{
    /// <summary>Applies bias (indexed by column, may be null) and activation to a rows x cols block
    /// of C starting at <paramref name="c"/>; <paramref name="bias"/> points at the block's first column.</summary>
    public static void Apply(float* c, nint ldc, int rows, int cols, float* bias, Activation activation)
    {
        if (bias is null && activation == Activation.None) return;
        var biasSpan = bias is null ? default : new ReadOnlySpan<float>(bias, cols);
        for (int i = 0; i < rows; i++)
        {
            var row = new Span<float>(c + i * ldc, cols);
            if (bias is not null) TensorPrimitives.Add(row, biasSpan, row);
            switch (activation)
            {
                case Activation.Relu: TensorPrimitives.Max(row, 0f, row); break;
                case Activation.Tanh: FloatMath.Tanh(row, row); break;
                case Activation.Sigmoid: TensorPrimitives.Sigmoid(row, row); break;
            }
        }
    }

    /// <summary>The scalar definition of each activation, for references and tests.</summary>
    public static float ApplyScalar(float x, Activation activation) => activation switch
    {
        Activation.Relu => x > 0f ? x : (float.IsNaN(x) ? x : 0f),
        Activation.Tanh => FloatMath.Tanh(x),
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-x)),
        _ => x,
    };
}
