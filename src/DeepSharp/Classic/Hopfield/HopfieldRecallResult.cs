namespace DeepSharp.Classic;

/// <summary>The outcome of <see cref="HopfieldNetwork.Recall"/>.</summary>
/// <param name="State">The final state (±1 per unit).</param>
/// <param name="Sweeps">Sweeps run; the last one changed nothing when <paramref name="Converged"/>.</param>
/// <param name="Converged">True when the state is a fixed point of the update.</param>
public sealed record HopfieldRecallResult(float[] State, int Sweeps, bool Converged);
