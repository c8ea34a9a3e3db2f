namespace DeepSharp.Classic;

/// <summary>One row of a capacity experiment.</summary>
/// <param name="Patterns">Stored patterns p.</param>
/// <param name="Load">p / N.</param>
/// <param name="Probes">Recalls attempted.</param>
/// <param name="RecalledFraction">Fraction of recalls that ended exactly on the stored pattern.</param>
/// <param name="MeanOverlap">Mean final overlap (1/N) s·ξ with the stored pattern (1 = perfect).</param>
/// <param name="StableFraction">Fraction of probed stored patterns that are themselves fixed points.</param>
public sealed record HopfieldCapacityPoint(int Patterns, double Load, int Probes, double RecalledFraction, double MeanOverlap, double StableFraction);
