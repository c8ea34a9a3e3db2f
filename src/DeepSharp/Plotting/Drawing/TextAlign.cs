namespace DeepSharp.Plotting;

/// <summary>Where the anchor point lies horizontally on the box of a drawn text.</summary>
public enum TextAlign
{
    /// <summary>The anchor is on the left edge of the text box.</summary>
    Left,
    /// <summary>The anchor is at the horizontal centre of the text box.</summary>
    Center,
    /// <summary>The anchor is on the right edge of the text box.</summary>
    Right,
}
