using DeepSharp.Backends;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Builders shared by the recurrent tests: closed-form tensors, and the internal layers wired to
/// tensors the test supplies (so GradCheck can differentiate with respect to every parameter).</summary>
internal static class RecurrentTestSupport
{
    public static Tensor Filled(int[] shape, Func<int, double> value, DType dtype = DType.Float32)
    {
        var data = new double[shape.Aggregate(1, (a, b) => a * b)];
        for (int k = 0; k < data.Length; k++) data[k] = value(k);
        return Tensor.FromArray(data, shape).To(dtype);
    }

    /// <summary>The parameter names and shapes a public module of this kind and options registers, in order.</summary>
    public static (string Name, int[] Shape)[] ParameterLayout(RecurrentKind kind, RecurrentOptions options) =>
        [.. Module(kind, options).NamedParameters().Select(p => (p.Name, p.Value.ShapeArray))];

    public static Module Module(RecurrentKind kind, RecurrentOptions options, RandomGenerator? rng = null) => kind switch
    {
        RecurrentKind.Lstm => new Lstm(options, rng),
        RecurrentKind.Gru => new Gru(options, rng),
        RecurrentKind.RnnRelu => new Rnn(options with { Nonlinearity = RnnNonlinearity.Relu }, rng),
        _ => new Rnn(options, rng),
    };

    public static RecurrentOutput ForwardWithState(Module module, Tensor input, Tensor? h0, Tensor? c0) => module switch
    {
        Lstm l => l.ForwardWithState(input, h0, c0),
        Gru g => g.ForwardWithState(input, h0),
        Rnn r => r.ForwardWithState(input, h0),
        _ => throw new ArgumentException(module.ToString()),
    };

    /// <summary>The internal stack over the given parameter tensors (by name), without initialization.</summary>
    public static RecurrentLayers Layers(RecurrentKind kind, RecurrentOptions options, IReadOnlyDictionary<string, Tensor> parameters) =>
        new(kind.ToString(), kind, options, (name, _) => parameters[name]);

    /// <summary>Output, h_n and c_n flattened into one vector, so one check covers all three.</summary>
    public static Tensor Flat(RecurrentOutput r) =>
        Tensor.Cat([r.Output.Reshape(-1), r.HiddenState.Reshape(-1), .. r.CellState is null ? Array.Empty<Tensor>() : [r.CellState.Reshape(-1)]]);
}
