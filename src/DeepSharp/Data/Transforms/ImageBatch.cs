using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>The checks and geometry the image transforms share.</summary>
internal static class ImageBatch
{
    /// <summary>(B, C, H, W) of a Float32 host batch, or a <see cref="ShapeMismatchException"/> naming the transform.</summary>
    public static (int B, int C, int H, int W) Dimensions(Tensor images, string transform)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank != 4 || images.DType != DType.Float32 || !images.IsContiguous)
            throw new ShapeMismatchException($"{transform}: expected a contiguous Float32 batch (B, C, H, W), got {images.DType} {Shapes.Format(images.Shape)}.");
        return (images.Shape[0], images.Shape[1], images.Shape[2], images.Shape[3]);
    }
}
