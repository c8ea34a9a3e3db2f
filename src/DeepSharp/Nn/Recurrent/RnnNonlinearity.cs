namespace DeepSharp.Nn;

/// <summary>The nonlinearity of a plain Elman <see cref="Rnn"/> / <see cref="RnnCell"/> (PyTorch's <c>nonlinearity</c>).</summary>
public enum RnnNonlinearity
{
    /// <summary>h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (the default).</summary>
    Tanh,

    /// <summary>h' = relu(W_ih x + b_ih + W_hh h + b_hh).</summary>
    Relu,
}
