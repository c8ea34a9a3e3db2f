namespace DeepSharp.Plotting;

/// <summary>
/// Grayscale images in a grid, scaled up, each with an optional caption (lines split on '\n') in
/// its own colour: e.g. misclassified test images captioned "T:Shirt\nP:Coat" in red.
/// </summary>
public sealed class ImageGrid : Plot
{
    private const int CaptionGap = 4;
    private readonly Canvas[] _images;
    private readonly string[] _captions;
    private readonly Rgba[] _captionColors;
    private readonly int _cellWidth, _cellHeight, _titleBand, _rows;

    /// <summary>Lays out <paramref name="count"/> images.</summary>
    /// <param name="images">Pixel values in [0, 1] (clamped; NaN shows as 0), (count, height, width) flattened row-major.</param>
    /// <param name="count">Number of images, at least 1.</param>
    /// <param name="imageHeight">Rows per image.</param>
    /// <param name="imageWidth">Columns per image.</param>
    /// <param name="captions">One caption per image (null or empty for none), or null.</param>
    /// <param name="captionColors">One colour per caption, or null for dark gray.</param>
    /// <param name="options">Layout options; defaults when null.</param>
    public ImageGrid(float[] images, int count, int imageHeight, int imageWidth,
        IReadOnlyList<string?>? captions = null, IReadOnlyList<Rgba>? captionColors = null, ImageGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        if ((long)count * imageHeight * imageWidth != images.Length)
            throw new ArgumentException($"Expected {count} x {imageHeight} x {imageWidth} = {(long)count * imageHeight * imageWidth} values, got {images.Length}.", nameof(images));
        if (captions is not null && captions.Count != count)
            throw new ArgumentException($"Expected one caption per image ({count}), got {captions.Count}.", nameof(captions));
        if (captionColors is not null && captionColors.Count != count)
            throw new ArgumentException($"Expected one caption colour per image ({count}), got {captionColors.Count}.", nameof(captionColors));
        Options = options ?? new ImageGridOptions();
        Count = count;
        _captions = Enumerable.Range(0, count).Select(i => captions?[i] ?? "").ToArray();
        _captionColors = Enumerable.Range(0, count).Select(i => captionColors?[i] ?? Palette.Ink).ToArray();
        _images = new Canvas[count];
        for (int i = 0; i < count; i++)
            _images[i] = ToCanvas(images.AsSpan(i * imageHeight * imageWidth, imageHeight * imageWidth), imageHeight, imageWidth, Options.Invert);

        Columns = Options.Columns > 0 ? Math.Min(Options.Columns, count) : Math.Min(10, (int)Math.Ceiling(Math.Sqrt(count)));
        _rows = (count + Columns - 1) / Columns;
        int cs = Options.CaptionScale;
        int captionWidth = _captions.Max(c => BitmapFont.MeasureWidth(c)) * cs;
        int captionHeight = _captions.Max(c => c.Length == 0 ? 0 : BitmapFont.MeasureHeight(c) * cs + 2 * cs + CaptionGap);
        _cellWidth = Math.Max(imageWidth * Options.Scale, captionWidth);
        _cellHeight = imageHeight * Options.Scale + captionHeight;
        _titleBand = string.IsNullOrEmpty(Options.Title) ? 0 : BitmapFont.MeasureHeight(Options.Title) * Options.TitleScale + Options.Padding;
        ImageHeight = imageHeight;
        ImageWidth = imageWidth;
    }

    /// <summary>The options.</summary>
    public ImageGridOptions Options { get; }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    /// <summary>Rows per image.</summary>
    public int ImageHeight { get; }

    /// <summary>Columns per image.</summary>
    public int ImageWidth { get; }

    /// <inheritdoc/>
    public override int Width => Columns * _cellWidth + (Columns + 1) * Options.Padding;

    /// <inheritdoc/>
    public override int Height => _titleBand + _rows * _cellHeight + (_rows + 1) * Options.Padding;

    /// <summary>Top-left pixel of image <paramref name="index"/> in the rendered figure (images are centred in their cells).</summary>
    public (int X, int Y) ImageOrigin(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int column = index % Columns, row = index / Columns;
        int x = Options.Padding + column * (_cellWidth + Options.Padding) + (_cellWidth - ImageWidth * Options.Scale) / 2;
        int y = _titleBand + Options.Padding + row * (_cellHeight + Options.Padding);
        return (x, y);
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        if (!string.IsNullOrEmpty(Options.Title))
            s.Text(left + Width / 2.0, top + Options.Padding, Options.Title, Palette.Ink, Options.TitleScale, TextAlign.Center, TextBaseline.Top, bold: true);
        int scale = Options.Scale;
        for (int i = 0; i < Count; i++)
        {
            var (x, y) = ImageOrigin(i);
            s.Image(_images[i], left + x, top + y, scale);
            // A thin frame so light images keep their edge on the white page.
            s.StrokeRect(left + x - 1, top + y - 1, ImageWidth * scale + 2, ImageHeight * scale + 2, new Rgba(170, 170, 170), 1);
            if (_captions[i].Length > 0)
                s.Text(left + x + ImageWidth * scale / 2.0, top + y + ImageHeight * scale + CaptionGap + Options.CaptionScale,
                    _captions[i], _captionColors[i], Options.CaptionScale, TextAlign.Center, TextBaseline.Top);
        }
    }

    private static Canvas ToCanvas(ReadOnlySpan<float> pixels, int height, int width, bool invert)
    {
        var canvas = new Canvas(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float v = pixels[y * width + x];
                v = float.IsNaN(v) ? 0 : Math.Clamp(v, 0f, 1f);
                if (invert) v = 1 - v;
                byte g = (byte)Math.Round(v * 255);
                canvas.SetPixel(x, y, new Rgba(g, g, g));
            }
        return canvas;
    }
}
