using DeepSharp.Backends;
using System.Globalization;
using DeepSharp.Nn;

namespace DeepSharp.Serialization;

internal static partial class LayerRegistry
{
    private static IEnumerable<LayerSpec> RecurrentSpecs()
    {
        yield return Recurrent<Rnn>("Rnn", RecurrentKind.RnnTanh, "Elman RNN, h' = tanh (or relu) of x W_ihᵀ + b_ih + h W_hhᵀ + b_hh",
            (o, rng) => new Rnn(o, rng));
        yield return Recurrent<Lstm>("Lstm", RecurrentKind.Lstm, "LSTM, gates i, f, g, o",
            (o, rng) => new Lstm(o, rng));
        yield return Recurrent<Gru>("Gru", RecurrentKind.Gru, "GRU, gates r, z, n",
            (o, rng) => new Gru(o, rng));

        yield return new LayerSpec("LastTimeStep", typeof(LastTimeStep), "the last step of a sequence; (seq, batch, F) -> (batch, F), or (batch, seq, F) batch first",
            [LayerOptionSpec.Bool("batchFirst", "the input is (batch, seq, feature)", false)],
            (d, _) => new LastTimeStep(d.GetBool("batchFirst")),
            m => m is LastTimeStep l ? new Dictionary<string, object> { ["batchFirst"] = l.BatchFirst } : None);
    }

    /// <summary>One sequence layer type; the options mirror <see cref="RecurrentOptions"/> (nonlinearity for Rnn only).</summary>
    private static LayerSpec Recurrent<T>(string type, RecurrentKind kind, string summary,
        Func<RecurrentOptions, Tensors.RandomGenerator, T> create) where T : RecurrentLayerBase
    {
        bool rnn = kind == RecurrentKind.RnnTanh;
        LayerOptionSpec[] options =
        [
            LayerOptionSpec.Int("in", "input features per step", 1),
            LayerOptionSpec.Int("hidden", "hidden state features", 1),
            LayerOptionSpec.Int("layers", "stacked layers", 1, 1, max: ModelDescription.MaxStackedLayers),
            LayerOptionSpec.Bool("bias", "learn bias_ih and bias_hh", true),
            LayerOptionSpec.Bool("batchFirst", "input and output are (batch, seq, feature)", false),
            LayerOptionSpec.Double("dropout", "dropout between layers while training", 0, p => p is >= 0 and <= 1, "a number in [0, 1]"),
            LayerOptionSpec.Bool("bidirectional", "add a backward pass and concatenate both directions", false),
            .. rnn ? [LayerOptionSpec.Choice("nonlinearity", "the activation", "tanh", "tanh", "relu")] : Array.Empty<LayerOptionSpec>(),
        ];
        return new LayerSpec(type, typeof(T), summary + "; (seq, batch, in) -> (seq, batch, D·hidden), D = 2 when bidirectional",
            options,
            (d, rng) => create(new RecurrentOptions(d.GetInt("in"), d.GetInt("hidden"), d.GetInt("layers"), d.GetBool("bias"), d.GetBool("batchFirst"),
                d.GetDouble("dropout"), d.GetBool("bidirectional"),
                rnn && d.GetString("nonlinearity") == "relu" ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh), rng),
            m => m is T x ? Describe(x.Options, rnn) : None,
            d => RecurrentParameters(d, RecurrentWeights.GateCount(kind)));
    }

    private static Dictionary<string, object> Describe(RecurrentOptions o, bool withNonlinearity)
    {
        var values = new Dictionary<string, object>
        {
            ["in"] = o.InputSize, ["hidden"] = o.HiddenSize, ["layers"] = o.NumLayers, ["bias"] = o.Bias,
            ["batchFirst"] = o.BatchFirst, ["dropout"] = o.Dropout, ["bidirectional"] = o.Bidirectional,
        };
        if (withNonlinearity) values["nonlinearity"] = o.Nonlinearity == RnnNonlinearity.Relu ? "relu" : "tanh";
        return values;
    }

    /// <summary>PyTorch's names and order: per layer, per direction, weight_ih, weight_hh, bias_ih, bias_hh.</summary>
    private static IEnumerable<(string, long[])> RecurrentParameters(LayerDescription d, int gates)
    {
        int hidden = d.GetInt("hidden"), directions = d.GetBool("bidirectional") ? 2 : 1;
        long rows = (long)gates * hidden;
        for (int layer = 0; layer < d.GetInt("layers"); layer++)
            for (int direction = 0; direction < directions; direction++)
            {
                string suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layer}{(direction == 1 ? "_reverse" : "")}");
                yield return ("weight_ih" + suffix, [rows, layer == 0 ? d.GetInt("in") : (long)directions * hidden]);
                yield return ("weight_hh" + suffix, [rows, hidden]);
                if (!d.GetBool("bias")) continue;
                yield return ("bias_ih" + suffix, [rows]);
                yield return ("bias_hh" + suffix, [rows]);
            }
    }
}
