using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>The state an <see cref="LstmCell"/> carries from one step to the next: PyTorch's <c>(h, c)</c>.</summary>
/// <param name="Hidden">The hidden state h (batch, hidden), also the cell's output.</param>
/// <param name="Cell">The cell (memory) state c (batch, hidden).</param>
public sealed record LstmState(Tensor Hidden, Tensor Cell);
