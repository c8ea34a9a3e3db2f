using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class CanvasTests
{
    private static readonly Rgba Red = new(255, 0, 0);

    [Fact]
    public void StartsWithTheBackgroundAndFillsRectanglesExactly()
    {
        var c = new Canvas(10, 8);
        Assert.Equal(Rgba.White, c.GetPixel(9, 7));
        c.FillRect(2, 3, 4, 2, Red);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 10; x++)
                Assert.Equal(x is >= 2 and < 6 && y is >= 3 and < 5 ? Red : Rgba.White, c.GetPixel(x, y));
        c.FillRect(-5, -5, 100, 1, Red); // clipped, no exception
        Assert.Equal(Rgba.White, c.GetPixel(0, 0));
    }

    [Fact]
    public void BlendsWithStraightAlpha()
    {
        var c = new Canvas(2, 1);
        c.BlendPixel(0, 0, new Rgba(0, 0, 0, 128));
        Assert.Equal(new Rgba(127, 127, 127, 255), c.GetPixel(0, 0));
        var clear = new Canvas(1, 1, Rgba.Transparent);
        clear.BlendPixel(0, 0, new Rgba(10, 20, 30, 100));
        Assert.Equal(new Rgba(10, 20, 30, 100), clear.GetPixel(0, 0));
        c.BlendPixel(5, 5, Red); // outside: ignored
    }

    [Fact]
    public void HorizontalLineOnPixelCentresCoversOneRow()
    {
        var c = new Canvas(20, 10);
        c.DrawLine(2.5, 4.5, 17.5, 4.5, Rgba.Black, 1);
        for (int x = 3; x <= 17; x++)
        {
            Assert.Equal(Rgba.Black, c.GetPixel(x, 4));
            Assert.Equal(Rgba.White, c.GetPixel(x, 2));
            Assert.Equal(Rgba.White, c.GetPixel(x, 6));
        }
    }

    [Fact]
    public void LineBetweenPixelRowsIsSharedHalfAndHalf()
    {
        var c = new Canvas(20, 10);
        c.DrawLine(2, 5, 17, 5, Rgba.Black, 1);
        Rgba above = c.GetPixel(10, 4), below = c.GetPixel(10, 5);
        Assert.Equal(above, below);
        Assert.InRange(above.R, 120, 135); // half coverage of black on white
    }

    [Fact]
    public void ThickDiagonalLineCoversPixelsNearItOnly()
    {
        var c = new Canvas(40, 40);
        c.DrawLine(5, 5, 35, 35, Rgba.Black, 4);
        Assert.Equal(Rgba.Black, c.GetPixel(20, 20));
        Assert.Equal(Rgba.Black, c.GetPixel(21, 20)); // distance ~0.7 < 2
        Assert.Equal(Rgba.White, c.GetPixel(25, 20)); // distance ~3.5 > 2.5
        Assert.Equal(Rgba.White, c.GetPixel(1, 1));   // beyond the round cap
    }

    [Fact]
    public void TranslucentPolylineIsNotDarkerAtItsJoins()
    {
        var c = new Canvas(40, 20);
        Rgba half = new(0, 0, 0, 128);
        c.DrawPolyline([(5.5, 10.5), (20.5, 10.5), (35.5, 10.5)], half, 3);
        Assert.Equal(c.GetPixel(12, 10), c.GetPixel(20, 10));
        Assert.Equal(new Rgba(127, 127, 127), c.GetPixel(20, 10));
    }

    [Fact]
    public void FilledCircleHasTheRightArea()
    {
        var c = new Canvas(50, 50);
        c.FillCircle(25, 25, 10, Rgba.Black);
        double ink = 0;
        for (int y = 0; y < 50; y++)
            for (int x = 0; x < 50; x++) ink += (255 - c.GetPixel(x, y).R) / 255.0;
        Assert.InRange(ink, Math.PI * 100 * 0.97, Math.PI * 100 * 1.03);
        Assert.Equal(Rgba.Black, c.GetPixel(25, 25));
        Assert.Equal(Rgba.White, c.GetPixel(25, 37));
    }

    [Fact]
    public void CircleOutlineLeavesTheInsideEmpty()
    {
        var c = new Canvas(50, 50);
        c.DrawCircle(25, 25, 15, Rgba.Black, 2);
        Assert.Equal(Rgba.White, c.GetPixel(25, 25));
        Assert.Equal(Rgba.Black, c.GetPixel(39, 25)); // pixel centre 39.5 is 14.5 from the centre
    }

    [Fact]
    public void PolygonFillIsExactOnPixelEdgesAndPartialOnHalfPixels()
    {
        var c = new Canvas(10, 10);
        c.FillPolygon([(2, 2), (6, 2), (6, 5.5), (2, 5.5)], Rgba.Black);
        Assert.Equal(Rgba.Black, c.GetPixel(2, 2));
        Assert.Equal(Rgba.Black, c.GetPixel(5, 4));
        Assert.Equal(Rgba.White, c.GetPixel(6, 3));
        Assert.InRange(c.GetPixel(3, 5).R, 120, 135); // half covered
    }

    [Theory]
    [InlineData(MarkerShape.Circle)]
    [InlineData(MarkerShape.Square)]
    [InlineData(MarkerShape.Triangle)]
    [InlineData(MarkerShape.Diamond)]
    [InlineData(MarkerShape.TriangleDown)]
    public void MarkersHaveTheirFillInsideAndOutlineAround(MarkerShape shape)
    {
        var c = new Canvas(40, 40);
        c.DrawMarker(20, 20, 20, shape, Red, Rgba.Black);
        Assert.Equal(Red, c.GetPixel(20, 20));
        Assert.True(PlotAssert.CountNear(c, Rgba.Black, 0, 0, 40, 40, 30) > 20, "expected an outline");
        Assert.Equal(Rgba.White, c.GetPixel(1, 1));
    }

    [Fact]
    public void TextDrawsTheFontBitmapAtScale()
    {
        var c = new Canvas(30, 30);
        c.DrawText(3, 4, "T", Rgba.Black, 2);
        // 'T' is a full top bar and a centre stem: bar covers x in [3, 13), y in [4, 6).
        for (int x = 3; x < 13; x++) Assert.Equal(Rgba.Black, c.GetPixel(x, 4));
        Assert.Equal(Rgba.White, c.GetPixel(13, 4));
        for (int y = 4; y < 18; y++) Assert.Equal(Rgba.Black, c.GetPixel(7, y));
        Assert.Equal(Rgba.White, c.GetPixel(7, 18));
        Assert.Equal(Rgba.White, c.GetPixel(3, 10));
    }

    [Fact]
    public void AlignmentPlacesTheTextBoxAroundTheAnchor()
    {
        Assert.Equal((17, 7), Canvas.MeasureText("abc"));
        Assert.Equal((34, 36), Canvas.MeasureText("abc\nx", 2));
        var c = new Canvas(40, 40);
        c.DrawText(30, 30, "-", Rgba.Black, 1, TextAlign.Right, TextBaseline.Bottom);
        // '-' is row 3 of a 5x7 box whose bottom-right corner is (30, 30).
        for (int x = 25; x < 30; x++) Assert.Equal(Rgba.Black, c.GetPixel(x, 26));
        Assert.Equal(Rgba.White, c.GetPixel(24, 26));
        Assert.Equal(Rgba.White, c.GetPixel(30, 26));
    }

    [Fact]
    public void VerticalTextIsTurnedCounterClockwise()
    {
        var c = new Canvas(20, 20);
        c.DrawText(5, 5, "-", Rgba.Black, 1, vertical: true);
        // The bar of '-' (row 3, columns 0-4) becomes column 5+3, rows 5..9 (box 7 wide, 5 tall).
        for (int y = 5; y < 10; y++) Assert.Equal(Rgba.Black, c.GetPixel(8, y));
        Assert.Equal(1 * 5, PlotAssert.CountNear(c, Rgba.Black, 0, 0, 20, 20, 1));
        // 'L' reads upwards: its foot (bottom row) ends up on the right, pointing up.
        var l = new Canvas(20, 20);
        l.DrawText(0, 0, "L", Rgba.Black, 1, vertical: true);
        for (int y = 0; y < 5; y++) Assert.Equal(Rgba.Black, l.GetPixel(6, y));
        for (int x = 0; x < 7; x++) Assert.Equal(Rgba.Black, l.GetPixel(x, 4));
    }

    [Fact]
    public void DrawImageScalesPixelsIntoBlocks()
    {
        var small = new Canvas(2, 1);
        small.SetPixel(1, 0, Red);
        var c = new Canvas(10, 10);
        c.DrawImage(small, 1, 2, 3);
        Assert.Equal(Rgba.White, c.GetPixel(3, 3));
        Assert.Equal(Red, c.GetPixel(4, 2));
        Assert.Equal(Red, c.GetPixel(6, 4));
        Assert.Equal(Rgba.White, c.GetPixel(7, 4));
        Assert.Equal(Rgba.White, c.GetPixel(5, 5));
    }

    [Fact]
    public void PngRoundTripKeepsEveryPixelAndChoosesRgbWhenOpaque()
    {
        var c = new Canvas(23, 11);
        c.DrawLine(0, 0, 23, 11, Red, 3);
        c.DrawText(1, 1, "0.5%", Rgba.Black);
        PngImage rgb = PlotAssert.ValidPng(c.ToPng(), 23, 11);
        Assert.Equal(PngColorType.Rgb, rgb.ColorType);
        for (int i = 0; i < 23 * 11; i++)
            Assert.Equal(c.Pixels.Slice(i * 4, 3).ToArray(), rgb.Pixels.AsSpan(i * 3, 3).ToArray());

        c.SetPixel(3, 3, new Rgba(1, 2, 3, 4));
        PngImage rgba = PngDecoder.Decode(c.ToPng());
        Assert.Equal(PngColorType.Rgba, rgba.ColorType);
        Assert.Equal(c.Pixels.ToArray(), rgba.Pixels);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Canvas(0, 5));
        var c = new Canvas(5, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.GetPixel(5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.DrawLine(0, 0, 1, 1, Red, 0));
        Assert.Throws<ArgumentException>(() => c.DrawLine(0, double.NaN, 1, 1, Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.DrawText(0, 0, "x", Red, 0));
    }
}
