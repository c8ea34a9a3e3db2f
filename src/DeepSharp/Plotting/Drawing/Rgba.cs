using System.Globalization;

namespace DeepSharp.Plotting;

/// <summary>An 8-bit-per-channel colour with straight (not premultiplied) alpha.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
/// <param name="A">Alpha: 255 is opaque.</param>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque white.</summary>
    public static Rgba White => new(255, 255, 255);
    /// <summary>Opaque black.</summary>
    public static Rgba Black => new(0, 0, 0);
    /// <summary>Fully transparent black.</summary>
    public static Rgba Transparent => new(0, 0, 0, 0);

    /// <summary>Parses <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    public static Rgba FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> s = hex.AsSpan().TrimStart('#');
        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
            throw new FormatException($"Expected a colour as #RRGGBB or #RRGGBBAA, got '{hex}'.");
        if (s.Length == 6) v = (v << 8) | 0xFF;
        return new Rgba((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>The colour as <c>#rrggbb</c> (alpha is not included; see <see cref="Opacity"/>).</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Alpha as a number in [0, 1].</summary>
    public double Opacity => A / 255.0;

    /// <summary>The same colour with another alpha.</summary>
    public Rgba WithAlpha(byte alpha) => this with { A = alpha };

    /// <summary>Linear interpolation in sRGB space from <paramref name="from"/> (t = 0) to <paramref name="to"/> (t = 1).</summary>
    public static Rgba Lerp(Rgba from, Rgba to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Rgba(Mix(from.R, to.R, t), Mix(from.G, to.G, t), Mix(from.B, to.B, t), Mix(from.A, to.A, t));
    }

    /// <summary>Relative luminance in [0, 1] (Rec. 709 weights on the sRGB bytes): a quick
    /// "is this background dark?" test for choosing a text colour.</summary>
    public double Luminance => (0.2126 * R + 0.7152 * G + 0.0722 * B) / 255.0;

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
}
