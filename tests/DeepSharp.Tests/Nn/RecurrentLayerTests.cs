using DeepSharp.Backends;
using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;
using static DeepSharp.Tests.Nn.RecurrentTestSupport;

namespace DeepSharp.Tests.Nn;

public class RecurrentLayerTests
{
    private const int Seq = 3, Batch = 2, Input = 3, Hidden = 4;

    // ---- backpropagation through time: float64 central differences w.r.t. input, h0, c0 and all parameters ----

    [Theory]
    [InlineData("Lstm", 2, false, false, true)]
    [InlineData("Gru", 2, false, false, true)]
    [InlineData("RnnTanh", 2, false, false, true)]
    [InlineData("RnnRelu", 2, false, false, true)]
    [InlineData("Lstm", 2, true, true, true)]
    [InlineData("Gru", 1, true, true, true)]
    [InlineData("RnnTanh", 1, true, false, true)]
    [InlineData("Lstm", 2, true, false, false)]
    [InlineData("Gru", 2, false, true, false)]
    [InlineData("RnnRelu", 1, true, false, false)]
    public void SequencePassesGradCheck(string kindName, int layers, bool bidirectional, bool batchFirst, bool fused)
    {
        var kind = Enum.Parse<RecurrentKind>(kindName);
        var options = new RecurrentOptions(Input, Hidden, layers, BatchFirst: batchFirst, Bidirectional: bidirectional);
        var layout = ParameterLayout(kind, options);
        bool lstm = kind == RecurrentKind.Lstm;
        var rng = new RandomGenerator(31);
        int[] stateShape = [layers * options.Directions, Batch, Hidden];
        var inputs = new List<Tensor>
        {
            Tensor.Randn(batchFirst ? [Batch, Seq, Input] : [Seq, Batch, Input], rng),
            Tensor.Randn(stateShape, rng, std: 0.5),
            Tensor.Randn(stateShape, rng, std: 0.5),
        };
        inputs.AddRange(layout.Select(p => Tensor.Randn(p.Shape, rng, std: 0.6)));
        GradChecks(t =>
        {
            var byName = layout.Select((p, i) => (p.Name, Value: t[3 + i])).ToDictionary(p => p.Name, p => p.Value);
            return Flat(Layers(kind, options, byName).Run("test", t[0], t[1], lstm ? t[2] : null, training: false, fused));
        }, [.. inputs]);
    }

    [Theory]
    [InlineData("Lstm")]
    [InlineData("Gru")]
    [InlineData("RnnTanh")]
    [InlineData("RnnRelu")]
    public void FusedPrimitiveMatchesTheComposedStepsInValuesAndGradients(string kindName)
    {
        // Float32, a longer sequence and a loss on the outputs only: the two paths agree to rounding.
        var kind = Enum.Parse<RecurrentKind>(kindName);
        var options = new RecurrentOptions(Input, Hidden, 2, Bidirectional: true);
        var rng = new RandomGenerator(41);
        var parameters = ParameterLayout(kind, options).ToDictionary(p => p.Name, p => Tensor.Randn(p.Shape, rng, std: 0.5));
        var x = Tensor.Randn([9, Batch, Input], rng);
        var weights = Tensor.Randn([9, Batch, 2 * Hidden], rng);
        (double[] Output, double[][] Grads) Run(bool fused)
        {
            foreach (var p in parameters.Values) { p.ZeroGrad(); p.RequireGrad(); }
            var r = Layers(kind, options, parameters).Run("test", x, null, null, training: false, fused);
            (r.Output * weights).Sum().Backward();
            return (Flat(r).ToDoubleArray(), [.. parameters.Values.Select(p => p.Grad!.ToDoubleArray())]);
        }
        var (fusedOut, fusedGrads) = Run(true);
        var (composedOut, composedGrads) = Run(false);
        Close(composedOut, Tensor.FromArray(fusedOut, fusedOut.Length), 1e-5);
        foreach (var (a, b) in composedGrads.Zip(fusedGrads)) Close(a, Tensor.FromArray(b, b.Length), 1e-4);
    }

    // ---- shapes ----

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ShapesFollowPyTorch(bool batchFirst, bool bidirectional)
    {
        int d = bidirectional ? 2 : 1;
        var lstm = new Lstm(new RecurrentOptions(Input, Hidden, 2, BatchFirst: batchFirst, Bidirectional: bidirectional), new RandomGenerator(1));
        var x = Tensor.Randn(batchFirst ? [5, 7, Input] : [7, 5, Input], new RandomGenerator(2)); // batch 5, seq 7
        var (output, hN, cN) = lstm.ForwardWithState(x);
        Assert.Equal(batchFirst ? new[] { 5, 7, d * Hidden } : [7, 5, d * Hidden], output.ShapeArray);
        Assert.Equal(new[] { 2 * d, 5, Hidden }, hN.ShapeArray);
        Assert.Equal(new[] { 2 * d, 5, Hidden }, cN!.ShapeArray);
        Assert.Equal(output.ToFloatArray(), lstm.Forward(x).ToFloatArray());
        Assert.Null(new Gru(Input, Hidden).ForwardWithState(Tensor.Zeros(Seq, Batch, Input)).CellState);
    }

    [Fact]
    public void BatchFirstIsTheSameComputationOnTransposedData()
    {
        var x = Tensor.Randn([Seq, Batch, Input], new RandomGenerator(3));
        var seqFirst = new Gru(new RecurrentOptions(Input, Hidden, 2, Bidirectional: true), new RandomGenerator(4)).ForwardWithState(x);
        var batchFirst = new Gru(new RecurrentOptions(Input, Hidden, 2, BatchFirst: true, Bidirectional: true), new RandomGenerator(4))
            .ForwardWithState(x.Transpose(0, 1).Contiguous());
        Assert.Equal(seqFirst.Output.Transpose(0, 1).Contiguous().ToFloatArray(), batchFirst.Output.Contiguous().ToFloatArray());
        Assert.Equal(seqFirst.HiddenState.ToFloatArray(), batchFirst.HiddenState.ToFloatArray());
    }

    // ---- the sequence layer is its cell unrolled; the reverse direction reads the sequence backwards ----

    [Fact]
    public void OneLayerLstmIsTheCellUnrolledBothWays()
    {
        var lstm = new Lstm(new RecurrentOptions(Input, Hidden, Bidirectional: true), new RandomGenerator(5));
        var forward = new LstmCell(Input, Hidden);
        var backward = new LstmCell(Input, Hidden);
        var p = lstm.NamedParameters().ToDictionary(q => q.Name, q => q.Value);
        foreach (var (cell, suffix) in new[] { (forward, "_l0"), (backward, "_l0_reverse") })
        {
            using (GradMode.NoGrad()) cell.WeightIh.CopyFrom(p["weight_ih" + suffix]);
            using (GradMode.NoGrad()) cell.WeightHh.CopyFrom(p["weight_hh" + suffix]);
            using (GradMode.NoGrad()) cell.BiasIh!.CopyFrom(p["bias_ih" + suffix]);
            using (GradMode.NoGrad()) cell.BiasHh!.CopyFrom(p["bias_hh" + suffix]);
        }
        var x = Tensor.Randn([Seq, Batch, Input], new RandomGenerator(6));
        var (output, hN, cN) = lstm.ForwardWithState(x);
        LstmState? f = null, b = null;
        var fs = new Tensor[Seq];
        var bs = new Tensor[Seq];
        for (int t = 0; t < Seq; t++)
        {
            f = forward.Forward(x[t], f);
            fs[t] = f.Hidden;
            b = backward.Forward(x[Seq - 1 - t], b);
            bs[Seq - 1 - t] = b.Hidden;
        }
        var expected = Tensor.Stack([.. Enumerable.Range(0, Seq).Select(t => Tensor.Cat([fs[t], bs[t]], 1))]);
        Close(expected.ToDoubleArray(), output, 1e-6);
        Close(Tensor.Stack([f!.Hidden, b!.Hidden]).ToDoubleArray(), hN, 1e-6);
        Close(Tensor.Stack([f.Cell, b.Cell]).ToDoubleArray(), cN!, 1e-6);
    }

    [Fact]
    public void InitialStatesAreUsedAndZeroByDefault()
    {
        var rnn = new Rnn(Input, Hidden, numLayers: 2, rng: new RandomGenerator(7));
        var x = Tensor.Randn([Seq, Batch, Input], new RandomGenerator(8));
        Assert.Equal(rnn.Forward(x).ToFloatArray(), rnn.ForwardWithState(x, Tensor.Zeros(2, Batch, Hidden)).Output.ToFloatArray());
        Assert.NotEqual(rnn.Forward(x).ToFloatArray(), rnn.ForwardWithState(x, Tensor.Ones(2, Batch, Hidden)).Output.ToFloatArray());
        // The last layer's h_n is the output's last step.
        var r = rnn.ForwardWithState(x);
        Assert.Equal(r.Output[Seq - 1].ToFloatArray(), r.HiddenState[1].ToFloatArray());
    }

    // ---- dropout between layers ----

    [Fact]
    public void DropoutActsBetweenLayersOnlyInTraining()
    {
        var options = new RecurrentOptions(Input, Hidden, 2, Dropout: 0.5);
        var withDropout = new Lstm(options, new RandomGenerator(9));
        var without = new Lstm(options with { Dropout = 0 }, new RandomGenerator(9));
        var x = Tensor.Randn([Seq, Batch, Input], new RandomGenerator(10));
        Assert.NotEqual(without.Forward(x).ToFloatArray(), withDropout.Forward(x).ToFloatArray());
        withDropout.Eval();
        Assert.Equal(without.Forward(x).ToFloatArray(), withDropout.Forward(x).ToFloatArray());
        Assert.Equal("Lstm(input 3, hidden 4, layers 2, dropout 0.5)", withDropout.ToString());
    }

    // ---- names, options, messages ----

    [Fact]
    public void ParametersHavePyTorchNamesInPyTorchOrder()
    {
        var gru = new Gru(new RecurrentOptions(Input, Hidden, 2, Bidirectional: true));
        var names = gru.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[]
        {
            "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
            "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
            "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
        }, names);
        var shapes = gru.NamedParameters().ToDictionary(p => p.Name, p => p.Value.ShapeArray);
        Assert.Equal(new[] { 3 * Hidden, Input }, shapes["weight_ih_l0"]);
        Assert.Equal(new[] { 3 * Hidden, 2 * Hidden }, shapes["weight_ih_l1_reverse"]);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0" }, new Rnn(new RecurrentOptions(Input, Hidden, Bias: false)).NamedParameters().Select(p => p.Name));
        double bound = 1 / Math.Sqrt(Hidden);
        Assert.All(gru.Parameters().SelectMany(p => p.ToFloatArray()), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void InvalidOptionsNameTheOption()
    {
        Assert.Equal("NumLayers", Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentOptions(3, 4, 0)).ParamName);
        Assert.Equal("HiddenSize", Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentOptions(3, 0)).ParamName);
        Assert.Equal("InputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(0, 4)).ParamName);
        Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentOptions(3, 4, Dropout: 1.5)).ParamName);
        Assert.Equal("NumLayers", Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentOptions(3, 4) with { NumLayers = -1 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(new RecurrentOptions(3, 4, Nonlinearity: RnnNonlinearity.Relu)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(new RecurrentOptions(3, 4, Nonlinearity: RnnNonlinearity.Relu)));
    }

    [Fact]
    public void WrongShapesAreReportedWithWhatWasExpected()
    {
        var lstm = new Lstm(3, 4);
        Assert.Equal("Lstm(input 3, hidden 4) expected (seq, batch, 3), got (2, 5).",
            Assert.Throws<ShapeMismatchException>(() => lstm.Forward(Tensor.Zeros(2, 5))).Message);
        Assert.Equal("Gru(input 3, hidden 4, batch first) expected (batch, seq, 3), got (2, 6, 4).",
            Assert.Throws<ShapeMismatchException>(() => new Gru(3, 4, batchFirst: true).Forward(Tensor.Zeros(2, 6, 4))).Message);
        Assert.Equal("Lstm(input 3, hidden 4) expected (seq, batch, 3) with seq and batch at least 1, got (0, 2, 3).",
            Assert.Throws<ShapeMismatchException>(() => lstm.Forward(Tensor.Zeros(0, 2, 3))).Message);
        Assert.Equal("Lstm(input 3, hidden 4, layers 2) expected h0 (2, 5, 4), got (1, 5, 4).",
            Assert.Throws<ShapeMismatchException>(() => new Lstm(3, 4, 2).ForwardWithState(Tensor.Zeros(6, 5, 3), Tensor.Zeros(1, 5, 4))).Message);
        Assert.Equal("Lstm(input 3, hidden 4) expected c0 (1, 5, 4), got (1, 4).",
            Assert.Throws<ShapeMismatchException>(() => lstm.ForwardWithState(Tensor.Zeros(6, 5, 3), null, Tensor.Zeros(1, 4))).Message);
        Assert.Equal("Rnn(input 3, hidden 4, relu, no bias, bidirectional)",
            new Rnn(new RecurrentOptions(3, 4, Bias: false, Bidirectional: true, Nonlinearity: RnnNonlinearity.Relu)).ToString());
    }

    // ---- LastTimeStep and Sequential ----

    [Fact]
    public void LastTimeStepMakesASequenceClassifier()
    {
        var rng = new RandomGenerator(11);
        var lstm = new Lstm(Input, Hidden, rng: rng);
        var model = new Sequential(lstm, new LastTimeStep(), new Linear(Hidden, 2, rng: rng));
        var x = Tensor.Randn([Seq, Batch, Input], rng);
        var logits = model.Forward(x);
        Assert.Equal(new[] { Batch, 2 }, logits.ShapeArray);
        Assert.Equal(4 * Hidden * (Input + Hidden + 2) + 2 * Hidden + 2, model.ParameterCount);
        // The last step of a one-layer LSTM's output is its h_n.
        Assert.Equal(lstm.ForwardWithState(x).HiddenState[0].ToFloatArray(), new LastTimeStep().Forward(lstm.Forward(x)).ToFloatArray());
        // Gradients reach the recurrent weights through the selection.
        logits.Sum().Backward();
        Assert.Contains(lstm.Parameters().First().Grad!.ToFloatArray(), v => v != 0);
    }

    [Fact]
    public void BatchFirstClassifierHasASummary()
    {
        var model = new Sequential(new Gru(1, 8, batchFirst: true), new LastTimeStep(batchFirst: true), new Linear(8, 2));
        var text = model.Summary(15, 1).ToString();
        Assert.Contains("Gru(input 1, hidden 8, batch first)", text);
        Assert.Contains("LastTimeStep(batch first)", text);
        Assert.Equal(3 * 8 * (1 + 8 + 2) + 8 * 2 + 2, model.ParameterCount);
    }

    [Fact]
    public void LastTimeStepPicksTheRightAxis()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        Assert.Equal(new float[] { 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 }, new LastTimeStep().Forward(x).ToFloatArray());
        Assert.Equal(new float[] { 8, 9, 10, 11, 20, 21, 22, 23 }, new LastTimeStep(batchFirst: true).Forward(x).ToFloatArray());
        Assert.Equal("LastTimeStep(batch first) expected (batch, seq, feature) with seq at least 1, got (2, 3).",
            Assert.Throws<ShapeMismatchException>(() => new LastTimeStep(batchFirst: true).Forward(Tensor.Zeros(2, 3))).Message);
    }
}
