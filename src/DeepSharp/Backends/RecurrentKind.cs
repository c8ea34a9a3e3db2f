namespace DeepSharp.Backends;

/// <summary>Which recurrence a cell or sequence layer computes (the recurrent layers, their gradient rule and a backend's fused step switch on it).</summary>
public enum RecurrentKind
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
