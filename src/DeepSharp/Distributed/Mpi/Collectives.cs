namespace DeepSharp.Distributed;

/// <summary>Host-buffer helpers shared by the process groups.</summary>
internal static class Collectives
{
    /// <summary>buffer[i] *= scale for the first <paramref name="count"/> elements (float or double).</summary>
    public static void Scale(Array buffer, int count, double scale)
    {
        switch (buffer)
        {
            case float[] f:
                System.Numerics.Tensors.TensorPrimitives.Multiply(f.AsSpan(0, count), (float)scale, f.AsSpan(0, count));
                break;
            case double[] d:
                System.Numerics.Tensors.TensorPrimitives.Multiply(d.AsSpan(0, count), scale, d.AsSpan(0, count));
                break;
            default:
                throw new ArgumentException($"Only float and double buffers can be scaled, got {buffer.GetType().Name}.", nameof(buffer));
        }
    }
}
