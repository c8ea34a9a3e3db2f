using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A layer that can apply a following activation in its own pass (Linear's GEMM epilogue,
/// Conv2d's per-image epilogue); its backward folds the activation's derivative in.</summary>
public interface IActivationFusing
{
    /// <summary>activation(this layer(<paramref name="input"/>)) in one primitive.</summary>
    Tensor Forward(Tensor input, Activation activation);
}
