namespace DeepSharp.Plotting;

/// <summary>Rasterises bitmap-font text onto a <see cref="Canvas"/>.</summary>
internal static class TextRenderer
{
    public static void Draw(Canvas canvas, double x, double y, string text, Rgba color, int scale,
        TextAlign align, TextBaseline baseline, bool vertical)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (text.Length == 0) return;
        int width = BitmapFont.MeasureWidth(text) * scale, height = BitmapFont.MeasureHeight(text) * scale;
        // The box as it lands on the canvas (turned when vertical).
        int boxW = vertical ? height : width, boxH = vertical ? width : height;
        int left = (int)Math.Round(align switch { TextAlign.Center => x - boxW / 2.0, TextAlign.Right => x - boxW, _ => x });
        int top = (int)Math.Round(baseline switch { TextBaseline.Middle => y - boxH / 2.0, TextBaseline.Bottom => y - boxH, _ => y });

        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l];
            int lineWidth = BitmapFont.MeasureWidth(line) * scale;
            // Lines are aligned within the text box the same way the box is aligned on its anchor.
            int indent = align switch { TextAlign.Center => (width - lineWidth) / 2, TextAlign.Right => width - lineWidth, _ => 0 };
            for (int c = 0; c < line.Length; c++)
                for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                    for (int col = 0; col < BitmapFont.GlyphWidth; col++)
                    {
                        if (!BitmapFont.IsSet(line[c], col, row)) continue;
                        // (u, v): position in the unturned text box.
                        int u = indent + (c * BitmapFont.Advance + col) * scale;
                        int v = (l * BitmapFont.LineHeight + row) * scale;
                        for (int dy = 0; dy < scale; dy++)
                            for (int dx = 0; dx < scale; dx++)
                            {
                                if (vertical)
                                    canvas.BlendPixel(left + v + dy, top + width - 1 - (u + dx), color);
                                else
                                    canvas.BlendPixel(left + u + dx, top + v + dy, color);
                            }
                    }
        }
    }
}
