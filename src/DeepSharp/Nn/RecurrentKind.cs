namespace DeepSharp.Nn;

/// <summary>Which recurrence a cell or sequence layer computes (the shared code switches on it).</summary>
internal enum RecurrentKind
{
    /// <summary>h' = tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnTanh,

    /// <summary>h' = relu(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnRelu,

    /// <summary>Long short-term memory, gates i, f, g, o.</summary>
    Lstm,

    /// <summary>Gated recurrent unit, gates r, z, n.</summary>
    Gru,
}
