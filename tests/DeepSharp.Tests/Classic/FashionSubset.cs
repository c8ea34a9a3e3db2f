using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

/// <summary>Small slices of the Fashion-MNIST test split (loaded once) for the classic-network tests.</summary>
internal static class FashionSubset
{
    private static readonly Lazy<LabeledImages> Images = new(() => FashionMnist.Load(FashionMnistSplit.Test));

    /// <summary>Rows [start, start + count) as (count, 784) pixels in [0, 1], or binarized at 0.5, with Int32 labels.</summary>
    public static (Tensor X, Tensor Y) Slice(int start, int count, bool binarize)
    {
        var images = Images.Value;
        var x = images.Pixels.AsSpan(start * 784, count * 784).ToArray();
        if (binarize)
            for (int i = 0; i < x.Length; i++) x[i] = x[i] > 0.5f ? 1f : 0f;
        return (Tensor.FromArray(x, count, 784), Tensor.FromArray(images.Labels.AsSpan(start, count).ToArray()));
    }
}
