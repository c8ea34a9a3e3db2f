namespace DeepSharp.Plotting;

/// <summary>Shapes for scatter markers.</summary>
public enum MarkerShape
{
    /// <summary>A disc.</summary>
    Circle,
    /// <summary>An axis-aligned square.</summary>
    Square,
    /// <summary>An upward triangle.</summary>
    Triangle,
    /// <summary>A square rotated by 45 degrees.</summary>
    Diamond,
    /// <summary>A downward triangle.</summary>
    TriangleDown,
}
