using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// What <c>ForwardWithState</c> of <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> returns:
/// PyTorch's <c>(output, h_n)</c>, or <c>(output, (h_n, c_n))</c> for an LSTM. Deconstructs as
/// <c>var (output, hN, cN) = lstm.ForwardWithState(x);</c>.
/// </summary>
/// <param name="Output">The last layer's hidden state at every step: (seq, batch, D·hidden), or
/// (batch, seq, D·hidden) with <c>BatchFirst</c>; D = 2 when bidirectional (forward half first).</param>
/// <param name="HiddenState">h_n, the final hidden state of every layer and direction: (layers·D, batch, hidden),
/// index layer·D + direction (always this layout, whatever <c>BatchFirst</c> says, as in PyTorch).</param>
/// <param name="CellState">c_n for an LSTM, shaped like <paramref name="HiddenState"/>; null for RNN and GRU.</param>
public sealed record RecurrentOutput(Tensor Output, Tensor HiddenState, Tensor? CellState);
