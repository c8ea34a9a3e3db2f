namespace DeepSharp.Plotting;

/// <summary>Options of an <see cref="ImageGrid"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record ImageGridOptions
{
    /// <summary>Title above the grid; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Images per row, 0..1000; 0 picks about a square grid (at most 10 per row).</summary>
    public int Columns { get; init => field = OptionCheck.InRange(value, 0, 1000, nameof(Columns)); }

    /// <summary>Pixels per image pixel (nearest-neighbour upscaling), 1..32.</summary>
    public int Scale { get; init => field = OptionCheck.InRange(value, 1, 32, nameof(Scale)); } = 3;

    /// <summary>Pixels per bitmap-font cell of the captions, 1..4.</summary>
    public int CaptionScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(CaptionScale)); } = 1;

    /// <summary>Pixels per bitmap-font cell of the title, 1..4.</summary>
    public int TitleScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TitleScale)); } = 2;

    /// <summary>Space between cells and around the grid in pixels, 0..200.</summary>
    public int Padding { get; init => field = OptionCheck.InRange(value, 0, 200, nameof(Padding)); } = 10;

    /// <summary>Show 0 as white and 1 as black instead of the other way round.</summary>
    public bool Invert { get; init; }
}
