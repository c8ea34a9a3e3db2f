using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

public class LossTests
{
    private static Tensor D(params double[] v) => Tensor.FromArray(v);
    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3), Ln6 = Math.Log(6);

    /// <summary>Two rows of logits whose softmax is (1/6, 2/6, 3/6).</summary>
    private static Tensor ThirdsLogits() => Tensor.FromArray(new double[] { 0, Ln2, Ln3, 0, Ln2, Ln3 }, 2, 3);

    [Fact]
    public void MseAndL1HandWorked()
    {
        var p = D(1, 2, 3);
        var t = D(1, 0, 5);
        Close(8.0 / 3, Functional.MseLoss(p, t));
        Close(8, Functional.MseLoss(p, t, Reduction.Sum));
        Close([0, 4, 4], Functional.MseLoss(p, t, Reduction.None));
        Close(4.0 / 3, Functional.L1Loss(p, t));
        Close(4, new L1Loss(Reduction.Sum).Compute(p, t));
        Close(8.0 / 3, new MseLoss().Compute(p, t));
        var r = new RandomGenerator(1);
        GradChecks(x => Functional.MseLoss(x[0], x[1]), Tensor.Randn([3, 2], r), Tensor.Randn([3, 2], r));
        GradChecks(x => Functional.L1Loss(x[0], x[1], Reduction.Sum), Tensor.Randn([3, 2], r), Tensor.Randn([3, 2], r));
    }

    [Fact]
    public void SumSquaredErrorIsHalfTheSquaredDistancePerSample()
    {
        var p = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var t = Tensor.FromArray(new double[,] { { 0, 2 }, { 3, 1 } });
        Close(5, Functional.SumSquaredError(p, t));
        Close(2.5, new SumSquaredError(Reduction.Mean).Compute(p, t));
        Close([0.5, 4.5], Functional.SumSquaredError(p, t, Reduction.None));
        Close(2, Functional.SumSquaredError(D(3), D(1)));
        var r = new RandomGenerator(2);
        GradChecks(x => Functional.SumSquaredError(x[0], x[1], Reduction.Mean), Tensor.Randn([3, 2, 2], r), Tensor.Randn([3, 2, 2], r));
    }

    [Fact]
    public void BinaryCrossEntropyHandWorkedAndFiniteAtZeroAndOne()
    {
        Close((-Math.Log(0.8) - Math.Log(0.7)) / 2, Functional.BinaryCrossEntropy(D(0.8, 0.3), D(1, 0)), 1e-14);
        Close([100, 100, 0, 0], Functional.BinaryCrossEntropy(D(0, 1, 0, 1), D(1, 0, 0, 1), Reduction.None));
        var p = Tensor.FromArray(new float[] { 0, 1, 0, 1, 0.5f }).RequireGrad();
        var loss = new BinaryCrossEntropy(Reduction.Sum).Compute(p, Tensor.FromArray(new float[] { 1, 0, 0, 1, 1 }));
        Assert.Equal(200 + Ln2, loss.Item(), 1e-4);
        loss.Backward();
        AllFinite(p.Grad!);
        var r = new RandomGenerator(3);
        GradChecks(x => Functional.BinaryCrossEntropy(x[0], x[1]), Tensor.Uniform([2, 3], 0.1, 0.9, r), Tensor.Uniform([2, 3], 0, 1, r));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsHandWorkedAndStable()
    {
        Close(1.5 * Ln2, Functional.BinaryCrossEntropyWithLogits(D(0, Ln3), D(1, 0)), 1e-15);
        var x = D(1000, -1000, 1000, -1000).RequireGrad();
        var loss = Functional.BinaryCrossEntropyWithLogits(x, D(1, 1, 0, 0), Reduction.None);
        Close([0, 1000, 1000, 0], loss);
        loss.Sum().Backward();
        Close([0, -1, 1, 0], x.Grad!);
        // agrees with BCE on sigmoid probabilities where that is accurate
        var z = Tensor.Randn([5], new RandomGenerator(4));
        var t = Tensor.Uniform([5], 0, 1, new RandomGenerator(5), DType.Float64);
        Close(Functional.BinaryCrossEntropy(z.Sigmoid(), t).Item(), Functional.BinaryCrossEntropyWithLogits(z, t), 1e-12);
        GradChecks(a => Functional.BinaryCrossEntropyWithLogits(a[0], a[1], Reduction.Sum), z, t);
    }

    [Fact]
    public void CrossEntropyWithClassIndices()
    {
        var target = Tensor.FromArray(new[] { 2, 0 });
        Close((Ln2 + Ln6) / 2, Functional.CrossEntropy(ThirdsLogits(), target), 1e-14);
        Close(Ln2 + Ln6, new CrossEntropy(Reduction.Sum).Compute(ThirdsLogits(), target), 1e-14);
        Close([Ln2, Ln6], Functional.CrossEntropy(ThirdsLogits(), target, Reduction.None), 1e-14);
        // whole numbers in a float tensor are accepted as class indices
        Close((Ln2 + Ln6) / 2, Functional.CrossEntropy(ThirdsLogits(), D(2, 0)), 1e-14);
        var logits = Tensor.Randn([4, 5], new RandomGenerator(6));
        var classes = Tensor.FromArray(new[] { 4, 0, 2, 2 });
        GradChecks(x => Functional.CrossEntropy(x[0], classes), logits);
        GradChecks(x => Functional.CrossEntropy(x[0], classes, labelSmoothing: 0.2), logits);
    }

    [Fact]
    public void CrossEntropyWithOneHotAndSoftTargets()
    {
        var oneHot = Tensor.FromArray(new double[] { 0, 0, 1, 1, 0, 0 }, 2, 3);
        Close((Ln2 + Ln6) / 2, Functional.CrossEntropy(ThirdsLogits(), oneHot), 1e-14);
        var soft = Tensor.FromArray(new double[] { 0.5, 0, 0.5, 0.5, 0, 0.5 }, 2, 3);
        Close(0.5 * Ln6 + 0.5 * Ln2, Functional.CrossEntropy(ThirdsLogits(), soft), 1e-14);
        var r = new RandomGenerator(7);
        var targets = Functional.Softmax(Tensor.Randn([3, 4], r));
        GradChecks(x => Functional.CrossEntropy(x[0], x[1]), Tensor.Randn([3, 4], r), targets);
    }

    [Fact]
    public void LabelSmoothingMixesInTheUniformDistribution()
    {
        // ε = 0.3, C = 3, class 2: q = (0.1, 0.1, 0.8)
        double expected = -(0.1 * Math.Log(1.0 / 6) + 0.1 * Math.Log(2.0 / 6) + 0.8 * Math.Log(0.5));
        var logits = ThirdsLogits().Narrow(0, 0, 1);
        Close(expected, Functional.CrossEntropy(logits, Tensor.FromArray(new[] { 2 }), labelSmoothing: 0.3), 1e-14);
        Close(expected, Functional.CrossEntropy(logits, Tensor.FromArray(new double[] { 0, 0, 1 }, 1, 3), labelSmoothing: 0.3), 1e-14);
    }

    [Fact]
    public void CrossEntropyFiniteForLogitsOfPlusMinusOneThousand()
    {
        var logits = Tensor.FromArray(new float[] { 1000, -1000, 0, -1000, 1000, -1000 }, 2, 3).RequireGrad();
        var loss = Functional.CrossEntropy(logits, Tensor.FromArray(new[] { 1, 1 }), Reduction.None);
        Close([2000, 0], loss);
        loss.Sum().Backward();
        AllFinite(logits.Grad!);
        Close([1, -1, 0, 0, 0, 0], logits.Grad!);
    }

    [Fact]
    public void FusedCrossEntropyAgreesWithLogSoftmaxAndNll()
    {
        var logits = Tensor.Randn([6, 5], new RandomGenerator(10), DType.Float64);
        var classes = Tensor.FromArray(new[] { 4, 0, 2, 2, 1, 3 });
        var logp = Functional.LogSoftmax(logits);
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            Close(Functional.NllLoss(logp, classes, reduction).ToDoubleArray(), Functional.CrossEntropy(logits, classes, reduction), 1e-14);
            var smoothed = Functional.CrossEntropy(logits, Tensor.OneHot(classes, 5, DType.Float64), reduction, labelSmoothing: 0.1);
            Close(smoothed.ToDoubleArray(), Functional.CrossEntropy(logits, classes, reduction, labelSmoothing: 0.1), 1e-14);
            var r = reduction;
            GradChecks(x => Functional.CrossEntropy(x[0], classes, r, 0.25), logits);
        }
        var f32 = Functional.CrossEntropy(logits.To(DType.Float32), classes);
        Assert.Equal(DType.Float32, f32.DType);
        Assert.Equal(Functional.CrossEntropy(logits, classes).Item(), f32.Item(), 1e-6);
    }

    [Fact]
    public void CrossEntropyOverExtraDimensions()
    {
        // (N, C, L) logits with (N, L) targets: each position is a sample
        var logits = Tensor.Randn([2, 3, 4], new RandomGenerator(8), DType.Float64);
        var target = Tensor.FromArray(new[] { 0, 1, 2, 1, 2, 2, 0, 1 }, 2, 4);
        var perPosition = Functional.CrossEntropy(logits, target, Reduction.None);
        Assert.Equal([2, 4], perPosition.ShapeArray);
        var flat = logits.Permute(0, 2, 1).Reshape(8, 3);
        Close(Functional.CrossEntropy(flat, target.Reshape(8), Reduction.None).ToDoubleArray(), perPosition.Reshape(8), 1e-14);
    }

    [Fact]
    public void NllLossOnLogProbabilities()
    {
        var logp = Tensor.FromArray(new double[] { 0.2, 0.5, 0.3 }, 1, 3).Log();
        Close(-Math.Log(0.5), Functional.NllLoss(logp, Tensor.FromArray(new[] { 1 })), 1e-15);
        Close(-Math.Log(0.3), new NllLoss().Compute(logp, Tensor.FromArray(new[] { 2 })), 1e-15);
        // Float64 logits: the two paths round differently, so the identity holds to double precision only
        var logits = Tensor.Randn([3, 4], new RandomGenerator(9), DType.Float64);
        var classes = Tensor.FromArray(new[] { 3, 1, 0 });
        Close(Functional.CrossEntropy(logits, classes).Item(), Functional.NllLoss(Functional.LogSoftmax(logits), classes), 1e-14);
        GradChecks(x => Functional.NllLoss(Functional.LogSoftmax(x[0]), classes, Reduction.Sum), logits);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Functional.MseLoss(Tensor.Zeros(64, 10), Tensor.Zeros(64)));
        Assert.Equal("MseLoss: prediction (64, 10) and target (64,) must have the same shape.", ex.Message);
        ILoss[] sameShape = [new SumSquaredError(), new L1Loss(), new BinaryCrossEntropy(), new BinaryCrossEntropyWithLogits()];
        foreach (var loss in sameShape)
        {
            var e = Assert.Throws<ShapeMismatchException>(() => loss.Compute(Tensor.Zeros(4, 2), Tensor.Zeros(2, 4)));
            Assert.Contains("(4, 2)", e.Message);
            Assert.Contains("(2, 4)", e.Message);
        }
        var ce = Assert.Throws<ShapeMismatchException>(() => new CrossEntropy().Compute(Tensor.Zeros(4, 3), Tensor.FromArray(new[] { 0, 1, 2, 0, 1 })));
        Assert.Equal("CrossEntropy: logits (4, 3) and target (5,) do not match: expected class indices (4,) or probabilities (4, 3).", ce.Message);
        var nll = Assert.Throws<ShapeMismatchException>(() => new NllLoss().Compute(Tensor.Zeros(4, 3), Tensor.Zeros(4, 2)));
        Assert.Contains("(4, 3)", nll.Message);
        Assert.Contains("(4, 2)", nll.Message);
    }

    [Fact]
    public void BadTargetsAndOptionsAreRejected()
    {
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(Tensor.Zeros(2, 3), Tensor.FromArray(new[] { 0, 3 })));
        Assert.Contains("target class 3 is out of range for 3 classes", range.Message);
        Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(Tensor.Zeros(2, 3), Tensor.FromArray(new float[] { 0, 1.5f })));
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropy(labelSmoothing: 1)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new MseLoss((Reduction)7)).ParamName);
    }
}
