using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class BitmapFontTests
{
    private static string Bits(char c)
    {
        var chars = new char[BitmapFont.GlyphHeight * BitmapFont.GlyphWidth];
        for (int r = 0; r < BitmapFont.GlyphHeight; r++)
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
                chars[r * BitmapFont.GlyphWidth + col] = BitmapFont.IsSet(c, col, r) ? '#' : '.';
        return new string(chars);
    }

    [Fact]
    public void EveryPrintableCharacterButSpaceHasInkAndAllGlyphsDiffer()
    {
        var seen = new Dictionary<string, char>();
        for (char c = '!'; c <= '~'; c++)
        {
            string bits = Bits(c);
            Assert.Contains('#', bits);
            Assert.False(seen.TryGetValue(bits, out char other), $"'{c}' looks the same as '{other}'");
            seen[bits] = c;
        }
        Assert.DoesNotContain('#', Bits(' '));
    }

    [Fact]
    public void OnlyDescendersReachBelowTheBaseline()
    {
        const string descenders = "gjpqy,;_";
        for (char c = ' '; c <= '~'; c++)
        {
            bool below = Enumerable.Range(0, BitmapFont.GlyphWidth).Any(col => BitmapFont.IsSet(c, col, 7) || BitmapFont.IsSet(c, col, 8));
            Assert.Equal(descenders.Contains(c), below);
        }
    }

    [Fact]
    public void GlyphsMatchTheirDrawings()
    {
        // A few glyphs checked cell by cell against the intended shapes (rows of five, top first).
        Assert.Equal(Rows(".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."), Bits('0'));
        Assert.Equal(Rows("##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##"), Bits('%'));
        Assert.Equal(Rows(".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."), Bits(':'));
        Assert.Equal(Rows(".....", ".....", ".....", ".....", ".....", ".##..", ".##.."), Bits('.'));
        Assert.Equal(Rows(".....", ".....", ".####", "#...#", "#...#", "#...#", ".####", "....#", ".###."), Bits('g'));
    }

    private static string Rows(params string[] rows)
        => string.Concat(rows).PadRight(BitmapFont.GlyphHeight * BitmapFont.GlyphWidth, '.');

    [Fact]
    public void UnknownCharactersDrawAsQuestionMarks() => Assert.Equal(Bits('?'), Bits('é'));

    [Fact]
    public void MeasuresLines()
    {
        Assert.Equal(0, BitmapFont.MeasureWidth(""));
        Assert.Equal(5, BitmapFont.MeasureWidth("A"));
        Assert.Equal(23, BitmapFont.MeasureWidth("ab\nwxyz"));
        Assert.Equal(7, BitmapFont.MeasureHeight("A"));
        Assert.Equal(18, BitmapFont.MeasureHeight("A\nB"));
    }
}
