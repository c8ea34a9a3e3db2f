namespace DeepSharp.Plotting;

/// <summary>
/// A figure that renders to PNG (through a <see cref="Canvas"/>) and to SVG from the same layout.
/// The plots of this namespace derive from it; it cannot be derived from outside the library.
/// </summary>
public abstract class Plot
{
    private protected Plot() { }

    /// <summary>Width of the figure in pixels.</summary>
    public abstract int Width { get; }

    /// <summary>Height of the figure in pixels.</summary>
    public abstract int Height { get; }

    /// <summary>Draws the figure with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    internal abstract void Draw(IPlotSurface surface, double left, double top);

    /// <summary>Renders the figure onto a new white canvas.</summary>
    public Canvas ToCanvas()
    {
        var canvas = new Canvas(Width, Height);
        Draw(new CanvasSurface(canvas), 0, 0);
        return canvas;
    }

    /// <summary>The figure as PNG bytes.</summary>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <summary>The figure as an SVG document.</summary>
    public string ToSvg()
    {
        var svg = new SvgWriter(Width, Height, Rgba.White);
        Draw(new SvgSurface(svg), 0, 0);
        return svg.ToString();
    }

    /// <summary>Writes the figure to <paramref name="path"/> atomically, as SVG when the extension is
    /// <c>.svg</c> and as PNG otherwise.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase)) SaveSvg(path);
        else SavePng(path);
    }

    /// <summary>Writes the figure to <paramref name="path"/> as PNG, atomically.</summary>
    public void SavePng(string path) => ToCanvas().SavePng(path);

    /// <summary>Writes the figure to <paramref name="path"/> as SVG (UTF-8), atomically.</summary>
    public void SaveSvg(string path)
    {
        var svg = new SvgWriter(Width, Height, Rgba.White);
        Draw(new SvgSurface(svg), 0, 0);
        svg.Save(path);
    }
}
