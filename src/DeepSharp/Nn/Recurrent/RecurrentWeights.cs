using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The four parameters of one recurrent cell (one layer and direction of a sequence layer), in
/// PyTorch's layout: weight_ih (G·hidden, input), weight_hh (G·hidden, hidden), bias_ih and bias_hh
/// (G·hidden), with G = 1 (RNN), 4 (LSTM: i, f, g, o) or 3 (GRU: r, z, n) gate blocks stacked by rows.
/// </summary>
internal sealed class RecurrentWeights
{
    /// <summary>Creates zero tensors of the right shapes and registers them through <paramref name="register"/>
    /// (a module's RegisterParameter) as weight_ih{suffix}, weight_hh{suffix}, bias_ih{suffix}, bias_hh{suffix}.</summary>
    public RecurrentWeights(RecurrentKind kind, int inputSize, int hiddenSize, bool bias, Func<string, Tensor, Tensor> register, string suffix = "")
    {
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        int rows = GateCount(kind) * hiddenSize;
        WeightIh = register("weight_ih" + suffix, Tensor.Zeros(rows, inputSize));
        WeightHh = register("weight_hh" + suffix, Tensor.Zeros(rows, hiddenSize));
        if (bias)
        {
            BiasIh = register("bias_ih" + suffix, Tensor.Zeros(rows));
            BiasHh = register("bias_hh" + suffix, Tensor.Zeros(rows));
        }
    }

    public RecurrentKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public Tensor WeightIh { get; }

    public Tensor WeightHh { get; }

    public Tensor? BiasIh { get; }

    public Tensor? BiasHh { get; }

    /// <summary>Gate blocks stacked in the weights: 1, 4 or 3.</summary>
    public static int GateCount(RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => 4,
        RecurrentKind.Gru => 3,
        _ => 1,
    };

    /// <summary>PyTorch's initialization: every parameter ~ U(-1/√hidden, 1/√hidden), in registration order.</summary>
    public void Reset(RandomGenerator rng)
    {
        double bound = 1 / Math.Sqrt(HiddenSize);
        Init.Uniform(WeightIh, -bound, bound, rng);
        Init.Uniform(WeightHh, -bound, bound, rng);
        if (BiasIh is not null) Init.Uniform(BiasIh, -bound, bound, rng);
        if (BiasHh is not null) Init.Uniform(BiasHh, -bound, bound, rng);
    }

    /// <summary>The input projections x W_ihᵀ + b_ih: (..., input) -> (..., G·hidden). A sequence layer calls it
    /// once on the whole (seq, batch, input) tensor, so only the hidden projection remains per step.</summary>
    public Tensor ProjectInput(Tensor x) => Functional.Linear(x, WeightIh, BiasIh);

    /// <summary>One step from the projected input <paramref name="xw"/> (batch, G·hidden) and the previous state;
    /// <paramref name="c"/> is the LSTM cell state (null for the other kinds). All composed from differentiable ops.</summary>
    public (Tensor H, Tensor? C) Step(Tensor xw, Tensor h, Tensor? c)
    {
        int n = HiddenSize;
        var hw = Functional.Linear(h, WeightHh, BiasHh);
        switch (Kind)
        {
            case RecurrentKind.RnnTanh:
                return ((xw + hw).Tanh(), null);
            case RecurrentKind.RnnRelu:
                return ((xw + hw).Relu(), null);
            case RecurrentKind.Lstm:
            {
                var gates = xw + hw;
                var i = gates.Narrow(1, 0, n).Sigmoid();
                var f = gates.Narrow(1, n, n).Sigmoid();
                var g = gates.Narrow(1, 2 * n, n).Tanh();
                var o = gates.Narrow(1, 3 * n, n).Sigmoid();
                var cNext = f * c! + i * g;
                return (o * cNext.Tanh(), cNext);
            }
            default:
            {
                // GRU: r and z see the sum of both projections; n sees r ⊙ (W_hn h + b_hn), so the
                // hidden projection's n block must stay separate from the input's.
                var rz = (xw.Narrow(1, 0, 2 * n) + hw.Narrow(1, 0, 2 * n)).Sigmoid();
                var r = rz.Narrow(1, 0, n);
                var z = rz.Narrow(1, n, n);
                var candidate = (xw.Narrow(1, 2 * n, n) + r * hw.Narrow(1, 2 * n, n)).Tanh();
                return (candidate + z * (h - candidate), null); // (1 - z) ⊙ n + z ⊙ h
            }
        }
    }
}
