using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>The square grids the page paints (boundary and neuron heat maps), and their compact encoding as base64 bytes.</summary>
public static class PlotGrid
{
    /// <summary>Cells per side of the decision-boundary picture.</summary>
    public const int BoundarySize = 50;

    /// <summary>Cells per side of each neuron's heat map.</summary>
    public const int NeuronSize = 20;

    /// <summary>The centres of a size × size grid over [-Extent, Extent]² as (size², 2), row by row from the top (largest x2).</summary>
    public static Tensor Points(int size)
    {
        var xy = new float[2 * size * size];
        double cell = 2 * LabData.Extent / size;
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                int i = r * size + c;
                xy[2 * i] = (float)(-LabData.Extent + (c + 0.5) * cell);
                xy[2 * i + 1] = (float)(LabData.Extent - (r + 0.5) * cell);
            }
        return Tensor.FromArray(xy, size * size, 2);
    }

    /// <summary>Values in [0, 1] as bytes 0..255, base64.</summary>
    public static string EncodeUnit(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
            bytes[i] = float.IsFinite(values[i]) ? (byte)Math.Round(Math.Clamp(values[i], 0f, 1f) * 255) : (byte)128;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Signed values as bytes 1..255 (128 is zero) scaled by their largest magnitude, base64; returns that magnitude too.</summary>
    public static (string Data, float Scale) EncodeSigned(ReadOnlySpan<float> values)
    {
        float scale = 0;
        foreach (float v in values)
            if (float.IsFinite(v)) scale = Math.Max(scale, Math.Abs(v));
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = float.IsFinite(values[i]) && scale > 0 ? values[i] / scale : 0;
            bytes[i] = (byte)(128 + Math.Round(Math.Clamp(v, -1f, 1f) * 127));
        }
        return (Convert.ToBase64String(bytes), scale);
    }
}
