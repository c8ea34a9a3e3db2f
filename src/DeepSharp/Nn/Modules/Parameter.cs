using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A learnable tensor of a module with its stable dotted name (e.g. <c>0.weight</c>).</summary>
/// <param name="Name">Path from the root module: child names and the parameter name joined by dots.</param>
/// <param name="Value">The tensor (a leaf with <c>RequiresGrad</c>); optimizers update it in place.</param>
public sealed record Parameter(string Name, Tensor Value);
