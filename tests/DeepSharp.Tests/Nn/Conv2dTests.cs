using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class Conv2dTests
{
    public static TheoryData<int, int, int, int, bool> Combinations()
    {
        var data = new TheoryData<int, int, int, int, bool>();
        foreach (int stride in new[] { 1, 2 })
            foreach (int padding in new[] { 0, 1 })
                foreach (int dilation in new[] { 1, 2 })
                    foreach (int groups in new[] { 1, 2 })
                        foreach (bool bias in new[] { true, false })
                            data.Add(stride, padding, dilation, groups, bias);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void GradCheckOverStridePaddingDilationGroupsAndBias(int stride, int padding, int dilation, int groups, bool bias)
    {
        var rng = new RandomGenerator((ulong)(stride * 1000 + padding * 100 + dilation * 10 + groups + (bias ? 5 : 0)));
        var x = Tensor.Randn([2, 4, 6, 5], rng);
        var w = Tensor.Randn([4, 4 / groups, 3, 2], rng);
        var b = Tensor.Randn([4], rng);
        Tensor[] inputs = bias ? [x, w, b] : [x, w];
        var result = GradCheck.Check(t => ConvFunctional.Conv2d(t[0], t[1], bias ? t[2] : null, stride, padding, dilation, groups), inputs);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void GradCheckWithRectangularOptions()
    {
        var rng = new RandomGenerator(7);
        var x = Tensor.Randn([1, 3, 7, 6], rng);
        var w = Tensor.Randn([6, 1, 2, 3], rng);
        var result = GradCheck.Check(t => ConvFunctional.Conv2d(t[0], t[1], null, (2, 1), (1, 0), (1, 2), 3), [x, w]);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void FusedActivationMatchesTheSeparateLayers(Activation activation)
    {
        var conv = new Conv2d(3, 8, 3, padding: 1, rng: new RandomGenerator(11));
        var x1 = Tensor.Randn([4, 3, 9, 9], new RandomGenerator(12)).RequireGrad();
        var x2 = x1.Detach().Clone().RequireGrad();
        var z = conv.Forward(x1);
        var separate = activation switch { Activation.Relu => z.Relu(), Activation.Tanh => z.Tanh(), _ => z.Sigmoid() };
        var fused = conv.Forward(x2, activation);
        var a = separate.ToFloatArray();
        var b = fused.ToFloatArray();
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6f, $"output {i}: {a[i]} vs {b[i]}");
        var weightGrad = new float[2][];
        separate.Square().Sum().Backward();
        weightGrad[0] = conv.Weight.Grad!.ToFloatArray();
        conv.ZeroGrad();
        fused.Square().Sum().Backward();
        weightGrad[1] = conv.Weight.Grad!.ToFloatArray();
        var (g1, g2) = (x1.Grad!.ToFloatArray(), x2.Grad!.ToFloatArray());
        for (int i = 0; i < g1.Length; i++) Assert.True(Math.Abs(g1[i] - g2[i]) <= 1e-5f * (1 + Math.Abs(g1[i])), $"input grad {i}: {g1[i]} vs {g2[i]}");
        for (int i = 0; i < weightGrad[0].Length; i++)
            Assert.True(Math.Abs(weightGrad[0][i] - weightGrad[1][i]) <= 1e-4f * (1 + Math.Abs(weightGrad[0][i])), $"weight grad {i}");
        if (activation == Activation.Relu) return; // GradCheck needs a smooth function
        var rng = new RandomGenerator(13);
        var r = GradCheck.Check(t => ConvFunctional.Conv2d(t[0], t[1], t[2], 1, 1, 1, 1, activation),
            [Tensor.Randn([2, 2, 5, 5], rng), Tensor.Randn([3, 2, 3, 3], rng), Tensor.Randn([3], rng)]);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void ValuesAtAHandComputedPoint()
    {
        // x = [[1 2 3] [4 5 6] [7 8 9]], w = [[1 0] [0 -1]], bias 10: y[i, j] = x[i, j] - x[i+1, j+1] + 10 = 6 everywhere.
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 1, 1, 3, 3);
        var w = Tensor.FromArray(new float[] { 1, 0, 0, -1 }, 1, 1, 2, 2);
        var y = ConvFunctional.Conv2d(x, w, Tensor.FromArray(new float[] { 10 }, 1));
        Assert.Equal(new[] { 1, 1, 2, 2 }, y.ShapeArray);
        Assert.Equal(new float[] { 6, 6, 6, 6 }, y.ToFloatArray());
        // With padding 1 the corners see one tap each: y[0, 0] = -x[0, 0] = -1, y[3, 3] = x[2, 2] = 9.
        var p = ConvFunctional.Conv2d(x, w, padding: 1);
        Assert.Equal(new[] { 1, 1, 4, 4 }, p.ShapeArray);
        Assert.Equal(-1f, p.ToFloatArray()[0]);
        Assert.Equal(9f, p.ToFloatArray()[15]);
    }

    [Fact]
    public void GradientsFlowToEveryParameterOfTheLayer()
    {
        var conv = new Conv2d(2, 3, 3, padding: 1, rng: new RandomGenerator(1));
        var x = Tensor.Randn([2, 2, 5, 5], new RandomGenerator(2)).RequireGrad();
        conv.Forward(x).Square().Sum().Backward();
        Assert.NotNull(x.Grad);
        Assert.Equal(conv.Weight.ShapeArray, conv.Weight.Grad!.ShapeArray);
        Assert.Equal(new[] { 3 }, conv.Bias!.Grad!.ShapeArray);
        Assert.Contains(conv.Weight.Grad.ToFloatArray(), v => v != 0);
    }

    [Fact]
    public void NonContiguousInputGivesTheSameResult()
    {
        var rng = new RandomGenerator(3);
        var x = Tensor.Randn([2, 5, 6, 3], rng);      // stored (N, H, W, C)
        var w = Tensor.Randn([4, 3, 3, 3], rng);
        var viaView = ConvFunctional.Conv2d(x.Permute(0, 3, 1, 2), w);
        var viaCopy = ConvFunctional.Conv2d(x.Permute(0, 3, 1, 2).Contiguous(), w);
        Assert.Equal(viaCopy.ToFloatArray(), viaView.ToFloatArray());
    }

    [Fact]
    public void WrongInputShapeNamesTheExpectedInput()
    {
        var conv = new Conv2d(1, 6, 5, rng: new RandomGenerator(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => conv.Forward(Tensor.Zeros(64, 784)));
        Assert.Equal("Conv2d(1 -> 6, 5x5) expected (N, 1, H, W), got (64, 784)", ex.Message);
        var channels = Assert.Throws<ShapeMismatchException>(() => conv.Forward(Tensor.Zeros(64, 3, 28, 28)));
        Assert.Equal("Conv2d(1 -> 6, 5x5) expected (N, 1, H, W), got (64, 3, 28, 28)", channels.Message);
    }

    [Fact]
    public void KernelLargerThanThePaddedInputIsReported()
    {
        var conv = new Conv2d(1, 6, 5, padding: 1, rng: new RandomGenerator(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => conv.Forward(Tensor.Zeros(2, 1, 2, 8)));
        Assert.Equal("Conv2d(1 -> 6, 5x5) with padding (1, 1) and dilation (1, 1): the kernel spans 5x5 but the padded input is 4x10 (input (2, 1, 2, 8)).", ex.Message);
    }

    [Fact]
    public void OptionsAreValidatedAndNamed()
    {
        Assert.Equal("InChannels", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dOptions(0, 6, 5)).ParamName);
        Assert.Equal("KernelSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dOptions(1, 6, (5, 0))).ParamName);
        Assert.Equal("Stride", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dOptions(1, 6, 5) { Stride = 0 }).ParamName);
        Assert.Equal("Padding", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dOptions(1, 6, 5) { Padding = -1 }).ParamName);
        Assert.Equal("Dilation", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dOptions(1, 6, 5) { Dilation = (1, 0) }).ParamName);
        Assert.Equal("Groups", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(4, 6, 3, groups: 4)).ParamName);
        Assert.Throws<ShapeMismatchException>(() => ConvFunctional.Conv2d(Tensor.Zeros(1, 2, 5, 5), Tensor.Zeros(3, 2, 3, 3), Tensor.Zeros(4)));
        Assert.Throws<ArgumentException>(() => ConvFunctional.Conv2d(Tensor.Zeros([1, 2, 5, 5], DType.Float64), Tensor.Zeros(3, 2, 3, 3)));
    }

    [Fact]
    public void InitializationFollowsPyTorchBounds()
    {
        var conv = new Conv2d(6, 16, 5, rng: new RandomGenerator(4));
        double bound = 1 / Math.Sqrt(6 * 25);
        var w = conv.Weight.ToFloatArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(conv.Bias!.ToFloatArray(), v => Assert.InRange(v, -bound, bound));
        // Uniform on ±bound has standard deviation bound/√3: the sample of 2,400 lands close.
        double std = Math.Sqrt(w.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3));
        Assert.Equal(16 * 6 * 25 + 16, conv.ParameterCount);
        Assert.Equal(new Conv2d(6, 16, 5, rng: new RandomGenerator(4)).Weight.ToFloatArray(), w); // seeded
    }

    [Fact]
    public void DescribesItself()
    {
        Assert.Equal("Conv2d(1 -> 6, 5x5, padding (2, 2))", new Conv2d(1, 6, 5, padding: 2).ToString());
        Assert.Equal("Conv2d(4 -> 8, 3x1, stride (2, 2), dilation (1, 2), groups 2, no bias)",
            new Conv2d(4, 8, (3, 1), stride: 2, dilation: (1, 2), groups: 2, bias: false).ToString());
    }

    [Theory]
    [InlineData(28, 5, 1, 2, 1, 28)]
    [InlineData(32, 3, 2, 1, 1, 16)]
    [InlineData(9, 3, 1, 0, 3, 3)]
    public void OutputShapeFollowsTheFormula(int size, int kernel, int stride, int padding, int dilation, int expected)
    {
        var y = ConvFunctional.Conv2d(Tensor.Zeros(1, 1, size, size + 1), Tensor.Zeros(2, 1, kernel, kernel), null, stride, padding, dilation);
        int expectedWidth = (size + 1 + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        Assert.Equal(new[] { 1, 2, expected, expectedWidth }, y.ShapeArray);
        Assert.Equal(new Size2d(expected, expectedWidth), ConvFunctional.OutputSize((size, size + 1), kernel, stride, padding, dilation));
    }
}
