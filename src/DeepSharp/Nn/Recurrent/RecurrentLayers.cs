using DeepSharp.Backends;
using DeepSharp.Autograd;
using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The engine behind <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/>: the parameters of every
/// layer and direction (PyTorch's names weight_ih_l{k}[_reverse], ...), and the one unrolling loop the
/// three share. Each layer and direction runs as one recurrent sequence primitive (Autograd/Rules/RecurrentSequenceRule.cs) (backpropagation
/// through time written out, O(seq)); the same steps composed from autograd ops remain as the reference.
/// </summary>
internal sealed class RecurrentLayers
{
    private readonly RecurrentWeights[] _cells; // index layer · directions + direction
    private readonly string _type;
    private RandomGenerator? _dropoutRng;

    /// <summary>The generator of the masks between layers (null without dropout).</summary>
    public RandomGenerator? DropoutGenerator => _dropoutRng;

    /// <summary>Registers zero parameters through <paramref name="register"/> (a module's RegisterParameter);
    /// call <see cref="Initialize"/> next. (Tests pass a register that substitutes Float64 tensors.)</summary>
    public RecurrentLayers(string type, RecurrentKind kind, RecurrentOptions options, Func<string, Tensor, Tensor> register)
    {
        ArgumentNullException.ThrowIfNull(options);
        _type = type;
        Kind = kind;
        Options = options;
        int directions = options.Directions;
        _cells = new RecurrentWeights[options.NumLayers * directions];
        for (int layer = 0; layer < options.NumLayers; layer++)
            for (int d = 0; d < directions; d++)
            {
                int input = layer == 0 ? options.InputSize : options.HiddenSize * directions;
                string suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layer}{(d == 1 ? "_reverse" : "")}");
                _cells[layer * directions + d] = new RecurrentWeights(kind, input, options.HiddenSize, options.Bias, register, suffix);
            }
    }

    /// <summary>Draws the initial weights and forks the dropout generator from <paramref name="rng"/>.</summary>
    public void Initialize(RandomGenerator rng)
    {
        Reset(rng);
        // Dropout masks come from the layer's own generator, forked at construction, so a seeded build
        // gives reproducible masks (the same choice as the Dropout layer).
        if (Options.Dropout > 0 && Options.NumLayers > 1) _dropoutRng = rng.Fork();
    }

    public RecurrentKind Kind { get; }

    public RecurrentOptions Options { get; }

    public void Reset(RandomGenerator rng)
    {
        foreach (var cell in _cells) cell.Reset(rng);
    }

    /// <summary>Runs the whole stack. <paramref name="h0"/> and <paramref name="c0"/> are (layers·D, batch, hidden)
    /// or null for zeros; <paramref name="c0"/> is read only for an LSTM.</summary>
    public RecurrentOutput Run(object owner, Tensor input, Tensor? h0, Tensor? c0, bool training, bool fused = true)
    {
        var o = Options;
        string expected = string.Create(CultureInfo.InvariantCulture, $"{(o.BatchFirst ? "(batch, seq" : "(seq, batch")}, {o.InputSize})");
        if (input.Rank != 3 || input.Shape[2] != o.InputSize)
            throw new ShapeMismatchException($"{owner} expected {expected}, got {Shapes.Format(input.Shape)}.");
        if (input.Shape[0] == 0 || input.Shape[1] == 0)
            throw new ShapeMismatchException($"{owner} expected {expected} with seq and batch at least 1, got {Shapes.Format(input.Shape)}.");
        var x = o.BatchFirst ? input.Transpose(0, 1) : input; // (seq, batch, feature) from here on
        int batch = x.Shape[1], directions = o.Directions;
        int[] stateShape = [o.NumLayers * directions, batch, o.HiddenSize];
        bool lstm = Kind == RecurrentKind.Lstm;
        var hInit = RecurrentChecks.StateOrZeros(owner, "h0", h0, stateShape, input.DType);
        var cInit = lstm ? RecurrentChecks.StateOrZeros(owner, "c0", c0, stateShape, input.DType) : null;

        var hLast = new Tensor[stateShape[0]];
        var cLast = new Tensor?[stateShape[0]];
        for (int layer = 0; layer < o.NumLayers; layer++)
        {
            var outputs = new Tensor[directions];
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                (outputs[d], hLast[k], cLast[k]) = Unroll(_cells[k], x, hInit[k], cInit?[k], reverse: d == 1, fused);
            }
            x = directions == 1 ? outputs[0] : Tensor.Cat(outputs, 2);
            if (layer + 1 < o.NumLayers && _dropoutRng is not null)
                x = Functional.Dropout(x, o.Dropout, training, _dropoutRng);
        }
        var output = o.BatchFirst ? x.Transpose(0, 1) : x;
        return new RecurrentOutput(output, Tensor.Stack(hLast), lstm ? Tensor.Stack([.. cLast.Select(t => t!)]) : null);
    }

    /// <summary>One layer in one direction over the sequence x (seq, batch, in): all input projections in one
    /// GEMM, then the steps. Returns the hidden state of every step in time order (seq, batch, hidden) and the
    /// final (h, c). <paramref name="fused"/> picks the BPTT primitive (the default) or the same steps composed
    /// from autograd ops (the reference the tests hold the primitive to).</summary>
    private static (Tensor Output, Tensor H, Tensor? C) Unroll(RecurrentWeights cell, Tensor x, Tensor h, Tensor? c, bool reverse, bool fused)
    {
        var projected = cell.ProjectInput(x); // (seq, batch, G·hidden)
        if (fused) return RecurrentSequenceRule.Apply(cell.Kind, cell.WeightHh, cell.BiasHh, projected, h, c, reverse);
        int steps = x.Shape[0];
        var hs = new Tensor[steps];
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            (h, c) = cell.Step(projected[t], h, c);
            hs[t] = h;
        }
        return (Tensor.Stack(hs), h, c);
    }

    /// <summary>The layer's description for messages and summaries, e.g. <c>Lstm(input 3, hidden 4, layers 2)</c>.</summary>
    public override string ToString()
    {
        var o = Options;
        var extra = string.Create(CultureInfo.InvariantCulture,
            $"{(o.NumLayers > 1 ? $", layers {o.NumLayers}" : "")}{(Kind == RecurrentKind.RnnRelu ? ", relu" : "")}{(o.Bias ? "" : ", no bias")}" +
            $"{(o.BatchFirst ? ", batch first" : "")}{(o.Bidirectional ? ", bidirectional" : "")}{(o.Dropout > 0 ? $", dropout {o.Dropout}" : "")}");
        return RecurrentChecks.Describe(_type, o.InputSize, o.HiddenSize, extra);
    }
}
