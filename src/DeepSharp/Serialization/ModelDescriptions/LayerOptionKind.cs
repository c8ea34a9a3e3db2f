namespace DeepSharp.Serialization;

/// <summary>The JSON value kinds a layer option can take in a model description.</summary>
internal enum LayerOptionKind
{
    /// <summary>A JSON integer, stored as <c>int</c>.</summary>
    Int,

    /// <summary>A finite JSON number, stored as <c>double</c>.</summary>
    Double,

    /// <summary><c>true</c> or <c>false</c>, stored as <c>bool</c>.</summary>
    Bool,

    /// <summary>A 2-D size: one integer for a square, or <c>[height, width]</c>; stored as a
    /// two-element read-only list.</summary>
    Size2,

    /// <summary>A list of integers (e.g. a shape), stored as a read-only list.</summary>
    IntList,

    /// <summary>One of a fixed set of lower-case strings, stored as <c>string</c>.</summary>
    Choice,
}
