namespace DeepSharp.Backends;

/// <summary>A parameterized element-wise activation: its kind and up to two constants (their
/// meaning is given with each <see cref="PointwiseKind"/>).</summary>
/// <param name="Kind">The function.</param>
/// <param name="A">First constant (threshold, slope, shift, α or β).</param>
/// <param name="B">Second constant (Softplus's threshold).</param>
public readonly record struct PointwiseFunction(PointwiseKind Kind, double A = 0, double B = 0);
