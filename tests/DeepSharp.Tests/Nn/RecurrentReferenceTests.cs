using DeepSharp.Backends;
using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;
using static DeepSharp.Tests.Nn.RecurrentTestSupport;

namespace DeepSharp.Tests.Nn;

/// <summary>
/// Parity with PyTorch 1.13: the values in <see cref="RecurrentReferenceData"/> were printed by
/// Reference/recurrent_reference.py for the same closed-form weights and inputs rebuilt here
/// (outputs, final states and the gradients of a weighted sum of them).
/// </summary>
public class RecurrentReferenceTests
{
    private const int Input = 3, Hidden = 4;

    private static (RecurrentKind Kind, RecurrentOptions Options, int[] InputShape) Case(string name) => name switch
    {
        "Lstm" => (RecurrentKind.Lstm, new RecurrentOptions(Input, Hidden, 2), [3, 2, 3]),
        "Gru" => (RecurrentKind.Gru, new RecurrentOptions(Input, Hidden, 2), [3, 2, 3]),
        "RnnTanh" => (RecurrentKind.RnnTanh, new RecurrentOptions(Input, Hidden, 2), [3, 2, 3]),
        "RnnRelu" => (RecurrentKind.RnnRelu, new RecurrentOptions(Input, Hidden, 2, Nonlinearity: RnnNonlinearity.Relu), [3, 2, 3]),
        "LstmBidirectionalBatchFirst" => (RecurrentKind.Lstm, new RecurrentOptions(Input, Hidden, 2, BatchFirst: true, Bidirectional: true), [2, 3, 3]),
        "GruBidirectional" => (RecurrentKind.Gru, new RecurrentOptions(Input, Hidden, 1, Bidirectional: true), [3, 2, 3]),
        "RnnNoBias" => (RecurrentKind.RnnTanh, new RecurrentOptions(Input, Hidden, 1, Bias: false), [3, 2, 3]),
        _ => throw new ArgumentException(name),
    };

    private static double[] Expected(string key) => RecurrentReferenceData.Values[key];

    /// <summary>The script's parameter values: one counter over all parameters in order.</summary>
    private static Dictionary<string, Tensor> Parameters((string Name, int[] Shape)[] layout, DType dtype)
    {
        var result = new Dictionary<string, Tensor>();
        int k = 0;
        foreach (var (name, shape) in layout)
        {
            int start = k;
            var t = Filled(shape, e => 0.5 * Math.Sin(0.37 * (start + e) + 0.2), dtype);
            k += t.Numel;
            result[name] = t;
        }
        return result;
    }

    private static (Tensor X, Tensor H0, Tensor C0) Inputs(RecurrentOptions o, int[] inputShape, DType dtype)
    {
        int batch = o.BatchFirst ? inputShape[0] : inputShape[1];
        int[] state = [o.NumLayers * o.Directions, batch, Hidden];
        return (Filled(inputShape, k => Math.Sin(0.5 * k), dtype), Filled(state, k => 0.3 * Math.Cos(0.9 * k), dtype),
            Filled(state, k => 0.2 * Math.Sin(1.1 * k + 0.5), dtype));
    }

    public static TheoryData<string> Cases => ["Lstm", "Gru", "RnnTanh", "RnnRelu", "LstmBidirectionalBatchFirst", "GruBidirectional", "RnnNoBias"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64OutputsAndGradientsMatchPyTorch(string name)
    {
        var (kind, options, inputShape) = Case(name);
        var parameters = Parameters(ParameterLayout(kind, options), DType.Float64);
        foreach (var p in parameters.Values) p.RequireGrad();
        var (x, h0, c0) = Inputs(options, inputShape, DType.Float64);
        foreach (var t in new[] { x, h0, c0 }) t.RequireGrad();
        bool lstm = kind == RecurrentKind.Lstm;

        var r = Layers(kind, options, parameters).Run("test", x, h0, lstm ? c0 : null, training: false);
        Close(Expected($"{name} output"), r.Output, 1e-12);
        Close(Expected($"{name} h_n"), r.HiddenState, 1e-12);
        if (lstm) Close(Expected($"{name} c_n"), r.CellState!, 1e-12);
        else Assert.Null(r.CellState);

        var loss = (r.Output * Filled(r.Output.ShapeArray, k => Math.Cos(0.3 * k), DType.Float64)).Sum()
            + (r.HiddenState * Filled(r.HiddenState.ShapeArray, k => Math.Sin(0.2 * k + 1), DType.Float64)).Sum();
        if (lstm) loss += (r.CellState! * Filled(r.CellState!.ShapeArray, k => Math.Cos(0.45 * k + 0.3), DType.Float64)).Sum();
        loss.Backward();
        var prefix = $"{name} grad ";
        var gradKeys = RecurrentReferenceData.Values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        Assert.True(gradKeys.Length >= 4, "the data should pin several gradients");
        foreach (var key in gradKeys)
        {
            var what = key[prefix.Length..];
            var tensor = what switch { "input" => x, "h0" => h0, "c0" => c0, _ => parameters[what] };
            Close(Expected(key), tensor.Grad!, 1e-11);
        }
    }

    [Theory]
    [InlineData("Lstm")]
    [InlineData("LstmBidirectionalBatchFirst")]
    [InlineData("GruBidirectional")]
    [InlineData("RnnRelu")]
    public void PublicFloat32ModulesMatchPyTorch(string name)
    {
        var (kind, options, inputShape) = Case(name);
        var module = Module(kind, options);
        var values = Parameters(ParameterLayout(kind, options), DType.Float32);
        using (GradMode.NoGrad()) foreach (var p in module.NamedParameters()) p.Value.CopyFrom(values[p.Name]);
        var (x, h0, c0) = Inputs(options, inputShape, DType.Float32);
        var r = ForwardWithState(module, x, h0, c0);
        Close(Expected($"{name} output"), r.Output.Contiguous(), 2e-6);
        Close(Expected($"{name} h_n"), r.HiddenState, 2e-6);
    }
}
