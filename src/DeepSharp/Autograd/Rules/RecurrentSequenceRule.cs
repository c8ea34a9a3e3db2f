using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>
/// One layer in one direction over a whole sequence as a single differentiable primitive, with
/// backpropagation through time written out. The forward runs the same step as
/// the recurrent cells' composed step (which stays as the reference the tests compare against), keeping
/// the gate activations; the backward walks the steps in reverse and ends with one GEMM for dW_hh.
/// </summary>
/// <remarks>
/// <para>projected (seq, batch, G·hidden) = x W_ihᵀ + b_ih for every step, h0 and c0 (batch, hidden), weight_hh
/// (G·hidden, hidden), bias_hh (G·hidden) -> (seq, batch, hidden), or (seq, batch, 2·hidden) for an LSTM with
/// c_t in the second half.</para>
/// <para>Why a primitive: composed from views, every step's slice of <c>projected</c> sends back a zero-filled
/// gradient of the whole sequence, so the backward costs O(seq²); here it is O(seq), and no graph is recorded
/// for the steps.</para>
/// </remarks>
internal static class RecurrentSequenceRule
{
    /// <summary>Returns the hidden state of every step in time order, and the final (h, c) in the direction of travel.</summary>
    public static (Tensor Output, Tensor H, Tensor? C) Apply(RecurrentKind kind, Tensor weightHh, Tensor? biasHh, Tensor projected, Tensor h0, Tensor? c0, bool reverse)
    {
        var cell = new Cell(kind, weightHh.Shape[1], weightHh, biasHh);
        int steps = projected.Shape[0], n = cell.HiddenSize;
        bool lstm = cell.Kind == RecurrentKind.Lstm;
        var saved = new Saved(steps);
        Tensor result;
        using (GradMode.NoGrad())
        {
            Tensor h = h0, c = c0!;
            var hs = new Tensor[steps];
            var cs = new Tensor[steps];
            for (int s = 0; s < steps; s++)
            {
                int t = reverse ? steps - 1 - s : s;
                saved.HPrev[t] = h;
                saved.CPrev[t] = c;
                (h, c) = Forward(cell, projected[t], h, c, saved, t);
                (hs[t], cs[t]) = (h, c);
            }
            result = lstm ? Tensor.Cat([Tensor.Stack(hs), Tensor.Stack(cs)], 2) : Tensor.Stack(hs);
        }
        Tensor?[] optional = [projected, h0, lstm ? c0 : null, cell.WeightHh, cell.BiasHh];
        var inputs = optional.Where(t => t is not null).Select(t => t!).ToArray();
        result = Node.Record(result, cell.Kind.ToString(), inputs, g =>
        {
            var all = Backward(cell, g, saved, reverse);
            return [.. optional.Select((t, i) => (t, i)).Where(p => p.t is not null).Select(p => p.t!.RequiresGrad ? all[p.i] : null)];
        });
        int last = reverse ? 0 : steps - 1;
        return lstm
            ? (result.Narrow(2, 0, n), result[last].Narrow(1, 0, n), result[last].Narrow(1, n, n))
            : (result, result[last], null);
    }

    /// <summary>The recurrence and its hidden-to-hidden weights.</summary>
    private sealed record Cell(RecurrentKind Kind, int HiddenSize, Tensor WeightHh, Tensor? BiasHh);

    /// <summary>What the backward needs, indexed by time step.</summary>
    private sealed class Saved(int steps)
    {
        public Tensor[] HPrev { get; } = new Tensor[steps];
        public Tensor[] CPrev { get; } = new Tensor[steps];
        public Tensor[] Gates { get; } = new Tensor[steps];   // activated gates: LSTM σ of all four blocks; GRU r, z, n
        public Tensor[] Cell { get; } = new Tensor[steps];    // LSTM tanh of the g block
        public Tensor[] Extra { get; } = new Tensor[steps];   // LSTM tanh(c_t); GRU W_hn h + b_hn; RNN h_t
    }

    private static (Tensor H, Tensor C) Forward(Cell cell, Tensor xw, Tensor h, Tensor c, Saved saved, int t)
    {
        int n = cell.HiddenSize;
        var hw = LinearRule.Apply(h, cell.WeightHh, cell.BiasHh, Activation.None);
        switch (cell.Kind)
        {
            case RecurrentKind.Lstm:
            {
                var z = xw + hw;
                var sig = z.Sigmoid(); // i, f and o are read from it; its g block is unused
                var g = z.Narrow(1, 2 * n, n).Tanh();
                var cNext = sig.Narrow(1, n, n) * c + sig.Narrow(1, 0, n) * g;
                var tc = cNext.Tanh();
                (saved.Gates[t], saved.Cell[t], saved.Extra[t]) = (sig, g, tc);
                return (sig.Narrow(1, 3 * n, n) * tc, cNext);
            }
            case RecurrentKind.Gru:
            {
                var rz = (xw.Narrow(1, 0, 2 * n) + hw.Narrow(1, 0, 2 * n)).Sigmoid();
                var hn = hw.Narrow(1, 2 * n, n).Contiguous();
                var cand = (xw.Narrow(1, 2 * n, n) + rz.Narrow(1, 0, n) * hn).Tanh();
                (saved.Gates[t], saved.Extra[t]) = (Tensor.Cat([rz, cand], 1), hn);
                return (cand + rz.Narrow(1, n, n) * (h - cand), c);
            }
            default:
            {
                var a = xw + hw;
                var hNext = cell.Kind == RecurrentKind.RnnRelu ? a.Relu() : a.Tanh();
                saved.Extra[t] = hNext;
                return (hNext, c);
            }
        }
    }

    /// <summary>Gradients for [projected, h0, c0, weight_hh, bias_hh] (all computed; the caller drops the unneeded).</summary>
    private static Tensor?[] Backward(Cell cell, Tensor g, Saved saved, bool reverse)
    {
        int steps = g.Shape[0], n = cell.HiddenSize;
        bool lstm = cell.Kind == RecurrentKind.Lstm;
        var gh = lstm ? g.Narrow(2, 0, n) : g;
        var dProjected = new Tensor[steps];   // d(x W_ihᵀ + b_ih) per step
        var dHidden = new Tensor[steps];      // d(h W_hhᵀ + b_hh) per step
        Tensor? dhNext = null, dcNext = null;
        for (int s = steps - 1; s >= 0; s--)
        {
            int t = reverse ? steps - 1 - s : s;
            var dh = dhNext is null ? gh[t] : gh[t] + dhNext;
            Tensor? direct = null; // the part of dh_prev that skips W_hh
            switch (cell.Kind)
            {
                case RecurrentKind.Lstm:
                {
                    var gates = saved.Gates[t];
                    Tensor i = gates.Narrow(1, 0, n), f = gates.Narrow(1, n, n), gg = saved.Cell[t], o = gates.Narrow(1, 3 * n, n);
                    var tc = saved.Extra[t];
                    var dc = g[t].Narrow(1, n, n) + dh * o * (1 - tc.Square());
                    if (dcNext is not null) dc += dcNext;
                    var dz = Tensor.Cat([dc * gg * i * (1 - i), dc * saved.CPrev[t] * f * (1 - f), dc * i * (1 - gg.Square()), dh * tc * o * (1 - o)], 1);
                    dcNext = dc * f;
                    (dProjected[t], dHidden[t]) = (dz, dz);
                    break;
                }
                case RecurrentKind.Gru:
                {
                    var gates = saved.Gates[t];
                    Tensor r = gates.Narrow(1, 0, n), z = gates.Narrow(1, n, n), cand = gates.Narrow(1, 2 * n, n);
                    var dan = dh * (1 - z) * (1 - cand.Square());
                    var dar = dan * saved.Extra[t] * r * (1 - r);
                    var daz = dh * (saved.HPrev[t] - cand) * z * (1 - z);
                    dProjected[t] = Tensor.Cat([dar, daz, dan], 1);
                    dHidden[t] = Tensor.Cat([dar, daz, dan * r], 1);
                    direct = dh * z;
                    break;
                }
                default:
                {
                    var h = saved.Extra[t];
                    var da = cell.Kind == RecurrentKind.RnnRelu ? dh * h.Gt(0).To(h.DType) : dh * (1 - h.Square());
                    (dProjected[t], dHidden[t]) = (da, da);
                    break;
                }
            }
            var throughWeights = dHidden[t].MatMul(cell.WeightHh);
            dhNext = direct is null ? throughWeights : direct + throughWeights;
        }
        int rows = cell.WeightHh.Shape[0];
        var dHiddenAll = Tensor.Stack(dHidden).Reshape(-1, rows);                // (seq·batch, G·hidden)
        var hPrevAll = Tensor.Stack(saved.HPrev).Reshape(-1, n);                 // (seq·batch, hidden)
        var dWeightHh = dHiddenAll.T.MatMul(hPrevAll);
        var dBiasHh = cell.BiasHh is null ? null : dHiddenAll.Sum(0);
        return [Tensor.Stack(dProjected), dhNext, dcNext, dWeightHh, dBiasHh];
    }
}
