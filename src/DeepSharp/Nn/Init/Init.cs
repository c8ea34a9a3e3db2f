using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Parameter initializers. Each fills a tensor in place (not recorded in the graph), draws from
/// the seeded <see cref="RandomGenerator"/> (<see cref="RandomGenerator.Default"/> when none is
/// given) and returns the tensor.
/// </summary>
/// <remarks>
/// Fans follow PyTorch: for a weight (out, in, k1, k2, ...) the receptive field r = k1·k2·…,
/// fan-in = in·r and fan-out = out·r, so a Linear weight (out, in) has fan-in = in, and a
/// convolution weight (out, in, kh, kw) fan-in = in·kh·kw. Variances of the schemes:
/// LeCun 1/fan-in; Glorot gain²·2/(fan-in + fan-out); He gain²/fan with gain² = 2/(1 + a²)
/// (a the negative slope of a leaky ReLU, 0 for ReLU). A uniform U(-b, b) has variance b²/3.
/// </remarks>
public static class Init
{
    /// <summary>(fan-in, fan-out) of a weight shaped (out, in, *kernel).</summary>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFan(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"CalculateFan: needs a weight shaped (out, in, ...), got {Shapes.Format(shape)}.", nameof(shape));
        int receptive = 1;
        for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>Fills with 0.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    /// <summary>Fills with <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        using (GradMode.NoGrad()) tensor.Fill(value); // initialization is not part of the graph (torch.no_grad)
        return tensor;
    }

    /// <summary>Fills with samples of U(<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(Tensor tensor, double low = 0, double high = 1, RandomGenerator? rng = null)
    {
        if (!(low <= high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"Init.Uniform: need finite low ≤ high, got [{low}, {high}].");
        using (GradMode.NoGrad()) tensor.CopyFrom(Tensor.Uniform(tensor.ShapeArray, low, high, rng, tensor.DType, tensor.Device));
        return tensor;
    }

    /// <summary>Fills with samples of N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, RandomGenerator? rng = null)
    {
        if (!(std >= 0) || !double.IsFinite(std)) throw new ArgumentOutOfRangeException(nameof(std), std, "Init.Normal: std must be finite and non-negative.");
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Init.Normal: mean must be finite.");
        using (GradMode.NoGrad()) tensor.CopyFrom(Tensor.Randn(tensor.ShapeArray, rng, tensor.DType, mean, std, tensor.Device));
        return tensor;
    }

    /// <summary>LeCun uniform: U(-√(3/fan-in), √(3/fan-in)), variance 1/fan-in (suits tanh / SELU).</summary>
    public static Tensor LeCunUniform(Tensor tensor, RandomGenerator? rng = null)
    {
        double bound = Math.Sqrt(3.0 / CalculateFan(tensor.Shape).FanIn);
        return Uniform(tensor, -bound, bound, rng);
    }

    /// <summary>LeCun normal: N(0, 1/fan-in).</summary>
    public static Tensor LeCunNormal(Tensor tensor, RandomGenerator? rng = null) =>
        Normal(tensor, 0, Math.Sqrt(1.0 / CalculateFan(tensor.Shape).FanIn), rng);

    /// <summary>Glorot (Xavier) uniform: U(-b, b) with b = gain·√(6/(fan-in + fan-out)), variance gain²·2/(fan-in + fan-out).</summary>
    public static Tensor GlorotUniform(Tensor tensor, double gain = 1, RandomGenerator? rng = null)
    {
        var (fanIn, fanOut) = CalculateFan(tensor.Shape);
        double bound = CheckGain(gain) * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, rng);
    }

    /// <summary>Glorot (Xavier) normal: N(0, gain²·2/(fan-in + fan-out)).</summary>
    public static Tensor GlorotNormal(Tensor tensor, double gain = 1, RandomGenerator? rng = null)
    {
        var (fanIn, fanOut) = CalculateFan(tensor.Shape);
        return Normal(tensor, 0, CheckGain(gain) * Math.Sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    /// <summary>Alias of <see cref="GlorotUniform"/>.</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, RandomGenerator? rng = null) => GlorotUniform(tensor, gain, rng);

    /// <summary>Alias of <see cref="GlorotNormal"/>.</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, RandomGenerator? rng = null) => GlorotNormal(tensor, gain, rng);

    /// <summary>He (Kaiming) uniform: U(-b, b) with b = gain·√(3/fan), gain = √(2/(1 + a²)); for ReLU (a = 0)
    /// b = √(6/fan-in), variance 2/fan-in. With a = √5 this is PyTorch's Linear default U(-1/√in, 1/√in).</summary>
    /// <param name="tensor">The weight to fill.</param>
    /// <param name="negativeSlope">a, the negative slope of the leaky ReLU that follows (0 for ReLU).</param>
    /// <param name="mode">Preserve the forward (fan-in) or backward (fan-out) variance.</param>
    /// <param name="rng">The generator.</param>
    public static Tensor HeUniform(Tensor tensor, double negativeSlope = 0, FanMode mode = FanMode.FanIn, RandomGenerator? rng = null)
    {
        double bound = HeGain(negativeSlope) * Math.Sqrt(3.0 / Fan(tensor, mode));
        return Uniform(tensor, -bound, bound, rng);
    }

    /// <summary>He (Kaiming) normal: N(0, gain²/fan), gain = √(2/(1 + a²)); for ReLU variance 2/fan-in.</summary>
    /// <param name="tensor">The weight to fill.</param>
    /// <param name="negativeSlope">a, the negative slope of the leaky ReLU that follows (0 for ReLU).</param>
    /// <param name="mode">Preserve the forward (fan-in) or backward (fan-out) variance.</param>
    /// <param name="rng">The generator.</param>
    public static Tensor HeNormal(Tensor tensor, double negativeSlope = 0, FanMode mode = FanMode.FanIn, RandomGenerator? rng = null) =>
        Normal(tensor, 0, HeGain(negativeSlope) / Math.Sqrt(Fan(tensor, mode)), rng);

    /// <summary>Alias of <see cref="HeUniform"/>.</summary>
    public static Tensor KaimingUniform(Tensor tensor, double negativeSlope = 0, FanMode mode = FanMode.FanIn, RandomGenerator? rng = null) =>
        HeUniform(tensor, negativeSlope, mode, rng);

    /// <summary>Alias of <see cref="HeNormal"/>.</summary>
    public static Tensor KaimingNormal(Tensor tensor, double negativeSlope = 0, FanMode mode = FanMode.FanIn, RandomGenerator? rng = null) =>
        HeNormal(tensor, negativeSlope, mode, rng);

    /// <summary>PyTorch's default for Linear and convolution layers: the weight from
    /// He-uniform with a = √5, i.e. U(-1/√fanIn, 1/√fanIn), and the bias (when there is one) from
    /// U(-1/√fanIn, 1/√fanIn) with the weight's fan-in.</summary>
    /// <param name="weight">The weight; its fan-in is computed as in <see cref="CalculateFan"/>.</param>
    /// <param name="bias">The bias, or null.</param>
    /// <param name="rng">The generator (<see cref="RandomGenerator.Default"/> when null).</param>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, RandomGenerator? rng = null)
    {
        HeUniform(weight, negativeSlope: Math.Sqrt(5), rng: rng);
        if (bias is null) return;
        double bound = 1.0 / Math.Sqrt(CalculateFan(weight.Shape).FanIn);
        Uniform(bias, -bound, bound, rng);
    }

    private static double HeGain(double negativeSlope)
    {
        if (!double.IsFinite(negativeSlope)) throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "Init: negativeSlope must be finite.");
        return Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope));
    }

    private static double CheckGain(double gain) =>
        gain >= 0 && double.IsFinite(gain) ? gain : throw new ArgumentOutOfRangeException(nameof(gain), gain, "Init: gain must be finite and non-negative.");

    private static int Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFan(tensor.Shape);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Init: unknown fan mode."),
        };
        if (fan == 0) throw new ArgumentException($"Init: cannot initialize {Shapes.Format(tensor.Shape)}: its {mode} is 0.", nameof(tensor));
        return fan;
    }
}
