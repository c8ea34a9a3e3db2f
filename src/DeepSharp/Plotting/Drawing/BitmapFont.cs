namespace DeepSharp.Plotting;

/// <summary>
/// A 5x7 bitmap font for printable ASCII (32..126), with two extra rows below the baseline for
/// descenders (g, j, p, q, y, comma). Each glyph is written below as rows of five cells, '#' for ink,
/// top row first; rows left out are blank. Characters outside the range draw as '?'.
/// </summary>
internal static class BitmapFont
{
    /// <summary>Ink columns per glyph.</summary>
    public const int GlyphWidth = 5;
    /// <summary>Rows from the top of a capital to the baseline.</summary>
    public const int CapHeight = 7;
    /// <summary>Rows including the descender.</summary>
    public const int GlyphHeight = 9;
    /// <summary>Horizontal distance between glyph origins (one blank column).</summary>
    public const int Advance = 6;
    /// <summary>Vertical distance between lines.</summary>
    public const int LineHeight = 11;

    private const char First = ' ', Last = '~';

    private static readonly string[] Glyphs =
    [
        /* ' ' */ "",
        /* '!' */ "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        /* '"' */ ".#.#. .#.#. .#.#.",
        /* '#' */ ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        /* '$' */ "..#.. .#### #.#.. .###. ..#.# ####. ..#..",
        /* '%' */ "##... ##..# ...#. ..#.. .#... #..## ...##",
        /* '&' */ ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
        /* ''' */ "..#.. ..#.. .#...",
        /* '(' */ "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        /* ')' */ ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        /* '*' */ "..... ..#.. #.#.# .###. #.#.# ..#..",
        /* '+' */ "..... ..#.. ..#.. ##### ..#.. ..#..",
        /* ',' */ "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",
        /* '-' */ "..... ..... ..... #####",
        /* '.' */ "..... ..... ..... ..... ..... .##.. .##..",
        /* '/' */ "..... ....# ...#. ..#.. .#... #....",
        /* '0' */ ".###. #...# #..## #.#.# ##..# #...# .###.",
        /* '1' */ "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        /* '2' */ ".###. #...# ....# ...#. ..#.. .#... #####",
        /* '3' */ "##### ...#. ..#.. ...#. ....# #...# .###.",
        /* '4' */ "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        /* '5' */ "##### #.... ####. ....# ....# #...# .###.",
        /* '6' */ "..##. .#... #.... ####. #...# #...# .###.",
        /* '7' */ "##### ....# ...#. ..#.. .#... .#... .#...",
        /* '8' */ ".###. #...# #...# .###. #...# #...# .###.",
        /* '9' */ ".###. #...# #...# .#### ....# ...#. .##..",
        /* ':' */ "..... .##.. .##.. ..... .##.. .##..",
        /* ';' */ "..... .##.. .##.. ..... .##.. .##.. ..#.. .#...",
        /* '<' */ "...#. ..#.. .#... #.... .#... ..#.. ...#.",
        /* '=' */ "..... ..... ##### ..... #####",
        /* '>' */ ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
        /* '?' */ ".###. #...# ....# ...#. ..#.. ..... ..#..",
        /* '@' */ ".###. #...# ....# .##.# #.#.# #.#.# .###.",
        /* 'A' */ ".###. #...# #...# ##### #...# #...# #...#",
        /* 'B' */ "####. #...# #...# ####. #...# #...# ####.",
        /* 'C' */ ".###. #...# #.... #.... #.... #...# .###.",
        /* 'D' */ "###.. #..#. #...# #...# #...# #..#. ###..",
        /* 'E' */ "##### #.... #.... ####. #.... #.... #####",
        /* 'F' */ "##### #.... #.... ####. #.... #.... #....",
        /* 'G' */ ".###. #...# #.... #.### #...# #...# .####",
        /* 'H' */ "#...# #...# #...# ##### #...# #...# #...#",
        /* 'I' */ ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        /* 'J' */ "..### ...#. ...#. ...#. ...#. #..#. .##..",
        /* 'K' */ "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
        /* 'L' */ "#.... #.... #.... #.... #.... #.... #####",
        /* 'M' */ "#...# ##.## #.#.# #.#.# #...# #...# #...#",
        /* 'N' */ "#...# #...# ##..# #.#.# #..## #...# #...#",
        /* 'O' */ ".###. #...# #...# #...# #...# #...# .###.",
        /* 'P' */ "####. #...# #...# ####. #.... #.... #....",
        /* 'Q' */ ".###. #...# #...# #...# #.#.# #..#. .##.#",
        /* 'R' */ "####. #...# #...# ####. #.#.. #..#. #...#",
        /* 'S' */ ".#### #.... #.... .###. ....# ....# ####.",
        /* 'T' */ "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        /* 'U' */ "#...# #...# #...# #...# #...# #...# .###.",
        /* 'V' */ "#...# #...# #...# #...# #...# .#.#. ..#..",
        /* 'W' */ "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
        /* 'X' */ "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        /* 'Y' */ "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        /* 'Z' */ "##### ....# ...#. ..#.. .#... #.... #####",
        /* '[' */ ".###. .#... .#... .#... .#... .#... .###.",
        /* '\' */ "..... #.... .#... ..#.. ...#. ....#",
        /* ']' */ ".###. ...#. ...#. ...#. ...#. ...#. .###.",
        /* '^' */ "..#.. .#.#. #...#",
        /* '_' */ "..... ..... ..... ..... ..... ..... ..... #####",
        /* '`' */ ".#... ..#.. ...#.",
        /* 'a' */ "..... ..... .###. ....# .#### #...# .####",
        /* 'b' */ "#.... #.... #.##. ##..# #...# #...# ####.",
        /* 'c' */ "..... ..... .###. #.... #.... #...# .###.",
        /* 'd' */ "....# ....# .##.# #..## #...# #...# .####",
        /* 'e' */ "..... ..... .###. #...# ##### #.... .###.",
        /* 'f' */ "..##. .#..# .#... ###.. .#... .#... .#...",
        /* 'g' */ "..... ..... .#### #...# #...# #...# .#### ....# .###.",
        /* 'h' */ "#.... #.... #.##. ##..# #...# #...# #...#",
        /* 'i' */ "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",
        /* 'j' */ "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",
        /* 'k' */ "#.... #.... #..#. #.#.. ##... #.#.. #..#.",
        /* 'l' */ ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        /* 'm' */ "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
        /* 'n' */ "..... ..... #.##. ##..# #...# #...# #...#",
        /* 'o' */ "..... ..... .###. #...# #...# #...# .###.",
        /* 'p' */ "..... ..... ####. #...# #...# #...# ####. #.... #....",
        /* 'q' */ "..... ..... .#### #...# #...# #...# .#### ....# ....#",
        /* 'r' */ "..... ..... #.##. ##..# #.... #.... #....",
        /* 's' */ "..... ..... .###. #.... .###. ....# ####.",
        /* 't' */ ".#... .#... ###.. .#... .#... .#..# ..##.",
        /* 'u' */ "..... ..... #...# #...# #...# #..## .##.#",
        /* 'v' */ "..... ..... #...# #...# #...# .#.#. ..#..",
        /* 'w' */ "..... ..... #...# #...# #.#.# #.#.# .#.#.",
        /* 'x' */ "..... ..... #...# .#.#. ..#.. .#.#. #...#",
        /* 'y' */ "..... ..... #...# #...# #...# #...# .#### ....# .###.",
        /* 'z' */ "..... ..... ##### ...#. ..#.. .#... #####",
        /* '{' */ "...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.",
        /* '|' */ "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        /* '}' */ ".#... ..#.. ..#.. ...#. ..#.. ..#.. .#...",
        /* '~' */ "..... ..... .#... #.#.# ...#.",
    ];

    // Row bit masks, GlyphHeight per character; bit (GlyphWidth - 1 - col) is column col.
    private static readonly byte[] Rows = Parse();

    private static byte[] Parse()
    {
        if (Glyphs.Length != Last - First + 1)
            throw new InvalidOperationException($"Font table has {Glyphs.Length} glyphs, expected {Last - First + 1}.");
        var rows = new byte[Glyphs.Length * GlyphHeight];
        for (int g = 0; g < Glyphs.Length; g++)
        {
            string[] parts = Glyphs[g].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > GlyphHeight)
                throw new InvalidOperationException($"Glyph '{(char)(First + g)}' has {parts.Length} rows, at most {GlyphHeight} allowed.");
            for (int r = 0; r < parts.Length; r++)
            {
                if (parts[r].Length != GlyphWidth)
                    throw new InvalidOperationException($"Glyph '{(char)(First + g)}' row {r} is '{parts[r]}', expected {GlyphWidth} cells.");
                byte mask = 0;
                foreach (char cell in parts[r])
                    mask = (byte)((mask << 1) | (cell == '#' ? 1 : 0));
                rows[g * GlyphHeight + r] = mask;
            }
        }
        return rows;
    }

    /// <summary>Whether the glyph for <paramref name="c"/> has ink at (<paramref name="col"/>, <paramref name="row"/>),
    /// row 0 being the top of a capital.</summary>
    public static bool IsSet(char c, int col, int row)
    {
        if ((uint)col >= GlyphWidth || (uint)row >= GlyphHeight) return false;
        if (c < First || c > Last) c = '?';
        return (Rows[(c - First) * GlyphHeight + row] & (1 << (GlyphWidth - 1 - col))) != 0;
    }

    /// <summary>Width in font cells of the widest line of <paramref name="text"/> (lines split on '\n'),
    /// without the trailing blank column.</summary>
    public static int MeasureWidth(string text)
    {
        int widest = 0;
        foreach (string line in text.Split('\n'))
            widest = Math.Max(widest, line.Length == 0 ? 0 : line.Length * Advance - 1);
        return widest;
    }

    /// <summary>Height in font cells of <paramref name="text"/>: the cap height of each line plus the line gaps.</summary>
    public static int MeasureHeight(string text)
    {
        int lines = text.Split('\n').Length;
        return (lines - 1) * LineHeight + CapHeight;
    }
}
