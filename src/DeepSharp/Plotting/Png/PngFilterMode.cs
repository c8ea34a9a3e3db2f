namespace DeepSharp.Plotting;

/// <summary>How <see cref="PngEncoder"/> filters each row before compression.</summary>
public enum PngFilterMode
{
    /// <summary>Filter type 0 on every row.</summary>
    None,
    /// <summary>Filter type 1 (difference to the pixel on the left) on every row.</summary>
    Sub,
    /// <summary>Filter type 2 (difference to the pixel above) on every row.</summary>
    Up,
    /// <summary>Per row, whichever of None, Sub and Up has the smallest sum of absolute
    /// (signed) residuals: the usual heuristic, smallest files for plots.</summary>
    Adaptive,
}
