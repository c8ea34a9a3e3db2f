namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Splits C into a RowParts x ColumnParts grid of rectangles, one per thread: rows in units of
/// the kernel's RowStep (its edge variants make a 4- or 8-row remainder cheap, so 64 rows split as
/// 32 + 32), columns in whole Nr strips (pre-packed B is addressed by strip). Each thread owns its rectangle for the whole k range, so no element is ever summed
/// across threads and results do not depend on the thread count.
/// </summary>
internal readonly struct ThreadPartition
{
    /// <summary>Relative cost of packing one element versus one multiply-add in the kernel
    /// (a kernel does about 32 multiply-adds per cycle, packing about one element).</summary>
    private const double PackCostPerElement = 32.0;

    private readonly int _m, _n, _rowUnit, _nr;

    private ThreadPartition(int m, int n, int rowUnit, int nr, int rowParts, int columnParts)
    {
        _m = m;
        _n = n;
        _rowUnit = rowUnit;
        _nr = nr;
        RowParts = rowParts;
        ColumnParts = columnParts;
    }

    /// <summary>Parts along m.</summary>
    public int RowParts { get; }

    /// <summary>Parts along n.</summary>
    public int ColumnParts { get; }

    /// <summary>Number of rectangles (threads).</summary>
    public int Parts => RowParts * ColumnParts;

    /// <summary>
    /// Chooses the grid for at most <paramref name="threads"/> threads minimizing the busiest
    /// thread's modelled time: its register tiles (with edge padding) plus the A rows and B columns
    /// it must pack, which it skips where <see cref="GemmDriver"/> reads the operand in place or B
    /// is pre-packed. Fewer threads are used when there are fewer tiles.
    /// </summary>
    public static ThreadPartition Choose(int m, int n, int k, int threads, int rowUnit, int nr,
        bool transA, bool transB, bool bPrepacked, int maxKc = 256)
    {
        int kBlock = GemmDriver.KBlock(k, maxKc);
        int rowTiles = (m + rowUnit - 1) / rowUnit, colTiles = (n + nr - 1) / nr;
        var best = new ThreadPartition(m, n, rowUnit, nr, 1, 1);
        double bestCost = double.MaxValue;
        for (int t = threads; t >= 1; t--)
        {
            for (int rows = 1; rows <= t; rows++)
            {
                if (t % rows != 0) continue;
                int cols = t / rows;
                if (rows > rowTiles || cols > colTiles) continue;
                double tileRows = Math.Ceiling((double)rowTiles / rows) * rowUnit;
                double tileCols = Math.Ceiling((double)colTiles / cols) * nr;
                bool packA = !(transA && tileCols <= GemmDriver.DirectAMaxColumns);
                bool packB = !bPrepacked && !(!transB && GemmDriver.ReadsBInPlace((int)tileRows, (int)tileCols, kBlock));
                double cost = tileRows * tileCols * k
                    + PackCostPerElement * k * ((packA ? tileRows : 0) + (packB ? tileCols : 0));
                // Prefer more threads only when they pay: ties keep the larger count (visited first).
                if (cost < bestCost * 0.999)
                {
                    bestCost = cost;
                    best = new ThreadPartition(m, n, rowUnit, nr, rows, cols);
                }
            }
        }
        return best;
    }

    /// <summary>The rectangle [i0, i1) x [j0, j1) of part <paramref name="part"/>; row starts are
    /// multiples of the row unit, column starts multiples of Nr.</summary>
    public void GetRegion(int part, out int i0, out int i1, out int j0, out int j1)
    {
        int r = part / ColumnParts, c = part % ColumnParts;
        Split(_m, _rowUnit, RowParts, r, out i0, out i1);
        Split(_n, _nr, ColumnParts, c, out j0, out j1);
    }

    private static void Split(int length, int tile, int parts, int index, out int start, out int end)
    {
        int tiles = (length + tile - 1) / tile;
        int t0 = (int)((long)tiles * index / parts), t1 = (int)((long)tiles * (index + 1) / parts);
        start = Math.Min(length, t0 * tile);
        end = Math.Min(length, t1 * tile);
    }
}
