namespace DeepSharp.Plotting;

/// <summary>Where the anchor point lies vertically on the box of a drawn text (the box spans the
/// capital height of each line; descenders hang below it).</summary>
public enum TextBaseline
{
    /// <summary>The anchor is on the top edge of the text box.</summary>
    Top,
    /// <summary>The anchor is at the vertical centre of the text box.</summary>
    Middle,
    /// <summary>The anchor is on the bottom edge of the text box (the baseline of the last line).</summary>
    Bottom,
}
