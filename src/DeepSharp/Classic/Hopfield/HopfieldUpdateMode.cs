namespace DeepSharp.Classic;

/// <summary>The order in which a <see cref="HopfieldNetwork"/> updates its units.</summary>
public enum HopfieldUpdateMode
{
    /// <summary>One unit at a time, in a fresh random order each sweep: the energy never increases,
    /// so recall always reaches a fixed point.</summary>
    Asynchronous,

    /// <summary>All units at once from the same old state (s ← sign(W s)): may end in a two-state cycle.</summary>
    Synchronous,
}
