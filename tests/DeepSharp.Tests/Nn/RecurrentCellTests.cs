using DeepSharp.Backends;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

public class RecurrentCellTests
{
    private const int Batch = 2, Input = 3, Hidden = 4;

    // ---- one step against the formulas, in plain double arithmetic ----

    /// <summary>Rows [r0, r0 + rows) of W (·, cols) times x, plus b: one gate block of an affine map.</summary>
    private static double[] Affine(float[] w, float[]? b, double[] x, int r0, int rows)
    {
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = b is null ? 0 : b[r0 + r];
            for (int j = 0; j < x.Length; j++) s += w[(r0 + r) * x.Length + j] * x[j];
            y[r] = s;
        }
        return y;
    }

    private static double Sig(double v) => 1 / (1 + Math.Exp(-v));

    private static double[] Row(Tensor t, int row) => [.. t.ToFloatArray().Skip(row * t.Shape[1]).Take(t.Shape[1]).Select(v => (double)v)];

    private static (Tensor X, Tensor H, Tensor C) States(int seed)
    {
        var rng = new RandomGenerator((ulong)seed);
        return (Tensor.Randn([Batch, Input], rng), Tensor.Randn([Batch, Hidden], rng), Tensor.Randn([Batch, Hidden], rng));
    }

    [Theory]
    [InlineData(RnnNonlinearity.Tanh)]
    [InlineData(RnnNonlinearity.Relu)]
    public void RnnCellStepMatchesTheFormula(RnnNonlinearity nonlinearity)
    {
        var cell = new RnnCell(Input, Hidden, nonlinearity: nonlinearity, rng: new RandomGenerator(3));
        var (x, h, _) = States(11);
        var y = cell.Forward(x, h);
        float[] wi = cell.WeightIh.ToFloatArray(), wh = cell.WeightHh.ToFloatArray(), bi = cell.BiasIh!.ToFloatArray(), bh = cell.BiasHh!.ToFloatArray();
        var expected = new List<double>();
        for (int n = 0; n < Batch; n++)
        {
            double[] a = Affine(wi, bi, Row(x, n), 0, Hidden), c = Affine(wh, bh, Row(h, n), 0, Hidden);
            for (int j = 0; j < Hidden; j++) expected.Add(nonlinearity == RnnNonlinearity.Tanh ? Math.Tanh(a[j] + c[j]) : Math.Max(0, a[j] + c[j]));
        }
        Assert.Equal(new[] { Batch, Hidden }, y.ShapeArray);
        Close([.. expected], y, 1e-6);
        if (nonlinearity == RnnNonlinearity.Relu) Assert.Contains(0f, y.ToFloatArray()); // the seed gives some negative pre-activations
    }

    [Fact]
    public void LstmCellStepMatchesTheFormula()
    {
        var cell = new LstmCell(Input, Hidden, rng: new RandomGenerator(4));
        var (x, h, c) = States(12);
        var next = cell.Forward(x, new LstmState(h, c));
        float[] wi = cell.WeightIh.ToFloatArray(), wh = cell.WeightHh.ToFloatArray(), bi = cell.BiasIh!.ToFloatArray(), bh = cell.BiasHh!.ToFloatArray();
        var (hs, cs) = (new List<double>(), new List<double>());
        for (int n = 0; n < Batch; n++)
        {
            double[] Gate(int block)
            {
                double[] a = Affine(wi, bi, Row(x, n), block * Hidden, Hidden), b = Affine(wh, bh, Row(h, n), block * Hidden, Hidden);
                return [.. a.Zip(b, (u, v) => u + v)];
            }
            double[] i = Gate(0), f = Gate(1), g = Gate(2), o = Gate(3), cPrev = Row(c, n);
            for (int j = 0; j < Hidden; j++)
            {
                double cj = Sig(f[j]) * cPrev[j] + Sig(i[j]) * Math.Tanh(g[j]);
                cs.Add(cj);
                hs.Add(Sig(o[j]) * Math.Tanh(cj));
            }
        }
        Close([.. hs], next.Hidden, 1e-6);
        Close([.. cs], next.Cell, 1e-6);
    }

    [Fact]
    public void GruCellStepMatchesTheFormula()
    {
        var cell = new GruCell(Input, Hidden, rng: new RandomGenerator(5));
        var (x, h, _) = States(13);
        var y = cell.Forward(x, h);
        float[] wi = cell.WeightIh.ToFloatArray(), wh = cell.WeightHh.ToFloatArray(), bi = cell.BiasIh!.ToFloatArray(), bh = cell.BiasHh!.ToFloatArray();
        var expected = new List<double>();
        for (int n = 0; n < Batch; n++)
        {
            double[] xr = Row(x, n), hr = Row(h, n);
            double[] ir = Affine(wi, bi, xr, 0, Hidden), iz = Affine(wi, bi, xr, Hidden, Hidden), inn = Affine(wi, bi, xr, 2 * Hidden, Hidden);
            double[] hr_ = Affine(wh, bh, hr, 0, Hidden), hz = Affine(wh, bh, hr, Hidden, Hidden), hn = Affine(wh, bh, hr, 2 * Hidden, Hidden);
            for (int j = 0; j < Hidden; j++)
            {
                double r = Sig(ir[j] + hr_[j]), z = Sig(iz[j] + hz[j]);
                double cand = Math.Tanh(inn[j] + r * hn[j]);
                expected.Add((1 - z) * cand + z * hr[j]);
            }
        }
        Close([.. expected], y, 1e-6);
    }

    [Fact]
    public void ZeroStateIsTheDefaultAndBiasIsOptional()
    {
        var cell = new LstmCell(Input, Hidden, bias: false, rng: new RandomGenerator(6));
        Assert.Null(cell.BiasIh);
        Assert.Equal(["weight_ih", "weight_hh"], cell.NamedParameters().Select(p => p.Name));
        var (x, _, _) = States(14);
        var zero = Tensor.Zeros(Batch, Hidden);
        Assert.Equal(cell.Forward(x, new LstmState(zero, zero)).Hidden.ToFloatArray(), cell.Forward(x).ToFloatArray());
        // Without bias, a zero input from a zero state stays exactly zero.
        Assert.All(cell.Forward(Tensor.Zeros(Batch, Input)).ToFloatArray(), v => Assert.Equal(0f, v));
    }

    // ---- gradients: float64 central differences w.r.t. input, state and every parameter ----

    [Theory]
    [InlineData("RnnTanh", true)]
    [InlineData("RnnRelu", true)]
    [InlineData("Lstm", true)]
    [InlineData("Gru", true)]
    [InlineData("Lstm", false)]
    [InlineData("Gru", false)]
    public void CellStepPassesGradCheck(string kindName, bool bias)
    {
        var kind = Enum.Parse<RecurrentKind>(kindName);
        var rng = new RandomGenerator(21);
        int rows = RecurrentWeights.GateCount(kind) * Hidden;
        bool lstm = kind == RecurrentKind.Lstm;
        var inputs = new List<Tensor> { Tensor.Randn([Batch, Input], rng), Tensor.Randn([Batch, Hidden], rng), Tensor.Randn([Batch, Hidden], rng),
            Tensor.Randn([rows, Input], rng), Tensor.Randn([rows, Hidden], rng) };
        if (bias) inputs.AddRange([Tensor.Randn([rows], rng), Tensor.Randn([rows], rng)]);
        GradChecks(t =>
        {
            var byName = new Dictionary<string, Tensor> { ["weight_ih"] = t[3], ["weight_hh"] = t[4] };
            if (bias) (byName["bias_ih"], byName["bias_hh"]) = (t[5], t[6]);
            var cell = new RecurrentWeights(kind, Input, Hidden, bias, (name, _) => byName[name]);
            var (h, c) = cell.Step(cell.ProjectInput(t[0]), t[1], lstm ? t[2] : null);
            return lstm ? Tensor.Cat([h, c!], 1) : h;
        }, [.. inputs]);
    }

    // ---- layout, initialization, messages ----

    [Fact]
    public void ParametersHavePyTorchNamesShapesAndInitRange()
    {
        var lstm = new LstmCell(Input, Hidden, rng: new RandomGenerator(1));
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], lstm.NamedParameters().Select(p => p.Name));
        Assert.Equal(new[] { 4 * Hidden, Input }, lstm.WeightIh.ShapeArray);
        Assert.Equal(new[] { 4 * Hidden, Hidden }, lstm.WeightHh.ShapeArray);
        Assert.Equal(new[] { 3 * Hidden }, new GruCell(Input, Hidden).BiasHh!.ShapeArray);
        Assert.Equal(new[] { Hidden, Input }, new RnnCell(Input, Hidden).WeightIh.ShapeArray);
        double bound = 1 / Math.Sqrt(Hidden);
        var all = lstm.Parameters().SelectMany(p => p.ToFloatArray()).ToArray();
        Assert.All(all, v => Assert.InRange(v, -bound, bound));
        Assert.True(all.Max() > 0.8 * bound && all.Min() < -0.8 * bound, "the draws should fill the range");
        Assert.Equal(new LstmCell(Input, Hidden, rng: new RandomGenerator(1)).WeightHh.ToFloatArray(), lstm.WeightHh.ToFloatArray());
    }

    [Fact]
    public void WrongShapesAndSizesAreReported()
    {
        var lstm = new LstmCell(Input, Hidden);
        Assert.Equal("LstmCell(input 3, hidden 4) expected input (batch, 3), got (2, 5).",
            Assert.Throws<ShapeMismatchException>(() => lstm.Forward(Tensor.Zeros(2, 5))).Message);
        Assert.Equal("LstmCell(input 3, hidden 4) expected cell (2, 4), got (2, 3).",
            Assert.Throws<ShapeMismatchException>(() => lstm.Forward(Tensor.Zeros(2, 3), new LstmState(Tensor.Zeros(2, 4), Tensor.Zeros(2, 3)))).Message);
        Assert.Equal("GruCell(input 3, hidden 4) expected hidden (2, 4), got (4,).",
            Assert.Throws<ShapeMismatchException>(() => new GruCell(Input, Hidden).Forward(Tensor.Zeros(2, 3), Tensor.Zeros(4))).Message);
        Assert.Equal("RnnCell(input 3, hidden 4, relu)", new RnnCell(Input, Hidden, nonlinearity: RnnNonlinearity.Relu).ToString());
        Assert.Equal("hiddenSize", Assert.Throws<ArgumentOutOfRangeException>(() => new GruCell(3, 0)).ParamName);
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new RnnCell(0, 2)).ParamName);
    }
}
