using DeepSharp.Classic;
using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Examples.RbmDbn;

/// <summary>Image helpers of the example.</summary>
internal static class Images
{
    /// <summary>The first <paramref name="count"/> images as (count, 784) of 0 and 1 (pixel &gt; 0.5).</summary>
    public static Tensor Binarized(LabeledImages images, int count)
    {
        int n = Math.Min(count, images.Count), d = images.Rows * images.Cols;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = images.Pixels[i] > 0.5f ? 1f : 0f;
        return Tensor.FromArray(x, n, d);
    }

    /// <summary>The first <paramref name="count"/> labels as Int32 (count).</summary>
    public static Tensor Labels(LabeledImages images, int count) =>
        Tensor.FromArray(images.Labels.AsSpan(0, Math.Min(count, images.Count)).ToArray());

    /// <summary>The incoming weights of the first <paramref name="count"/> hidden units, each scaled to [0, 1].</summary>
    public static float[] Filters(RestrictedBoltzmannMachine rbm, int count)
    {
        var w = rbm.Weights.ToFloatArray(); // (V, H)
        var result = new float[count * rbm.Visible];
        for (int j = 0; j < count; j++)
        {
            float min = float.MaxValue, max = float.MinValue;
            for (int i = 0; i < rbm.Visible; i++)
            {
                float v = w[i * rbm.Hidden + j];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            for (int i = 0; i < rbm.Visible; i++)
                result[j * rbm.Visible + i] = (w[i * rbm.Hidden + j] - min) / Math.Max(max - min, 1e-12f);
        }
        return result;
    }
}
