using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// The layer types of the JSON model format, each with an explicit factory and describer (no
/// reflection: a description can only ever create these modules, whatever a file says).
/// </summary>
internal static partial class LayerRegistry
{
    private static readonly Dictionary<string, object> None = [];
    private static readonly LayerSpec[] Specs =
        [.. DenseSpecs(), .. ConvSpecs(), .. NormalizationSpecs(), .. RecurrentSpecs(), .. SequenceSpecs(), .. ActivationSpecs()];
    private static readonly Dictionary<string, LayerSpec> ByName = Specs.ToDictionary(s => s.Type, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<Type, LayerSpec> ByModuleType = Specs.ToDictionary(s => s.ModuleType);

    /// <summary>Every layer type in documentation order.</summary>
    public static IReadOnlyList<LayerSpec> All => Specs;

    /// <summary>Finds a type by name, ignoring case.</summary>
    public static LayerSpec? Find(string type) => ByName.GetValueOrDefault(type);

    /// <summary>The spec describing modules of exactly this class, or null.</summary>
    public static LayerSpec? ForModule(Module module) => ByModuleType.GetValueOrDefault(module.GetType());

    /// <summary>The type names, for error messages.</summary>
    public static string KnownTypes => string.Join(", ", Specs.Select(s => s.Type));

    private static IEnumerable<LayerSpec> DenseSpecs()
    {
        yield return new LayerSpec("Linear", typeof(Linear), "fully connected y = x Wᵀ + b; input (..., in) -> (..., out)",
            [
                LayerOptionSpec.Int("in", "input features", 1),
                LayerOptionSpec.Int("out", "output features", 1),
                LayerOptionSpec.Bool("bias", "learn an additive bias", true),
            ],
            (d, rng) => new Linear(d.GetInt("in"), d.GetInt("out"), d.GetBool("bias"), rng),
            m => m is Linear l ? new Dictionary<string, object> { ["in"] = l.InFeatures, ["out"] = l.OutFeatures, ["bias"] = l.Bias is not null } : None,
            d => d.GetBool("bias")
                ? [("weight", [d.GetInt("out"), d.GetInt("in")]), ("bias", [d.GetInt("out")])]
                : [("weight", [d.GetInt("out"), d.GetInt("in")])]);

        yield return new LayerSpec("Maxout", typeof(Maxout), "max of `pieces` affine maps per output unit; input (..., in) -> (..., out)",
            [
                LayerOptionSpec.Int("in", "input features", 1),
                LayerOptionSpec.Int("out", "output units", 1),
                LayerOptionSpec.Int("pieces", "affine pieces per unit", 1),
            ],
            (d, rng) => new Maxout(d.GetInt("in"), d.GetInt("out"), d.GetInt("pieces"), rng),
            m => m is Maxout x ? new Dictionary<string, object> { ["in"] = x.InFeatures, ["out"] = x.OutFeatures, ["pieces"] = x.Pieces } : None,
            d => [("weight", [(long)d.GetInt("out") * d.GetInt("pieces"), d.GetInt("in")]), ("bias", [(long)d.GetInt("out") * d.GetInt("pieces")])]);

        yield return new LayerSpec("Dropout", typeof(Dropout), "zeroes each element with probability p while training (inverted scaling); identity in evaluation",
            [LayerOptionSpec.Double("p", "drop probability", 0.5, p => p is >= 0 and <= 1, "a number in [0, 1]")],
            // Each dropout draws its masks from its own generator, forked from the build generator at
            // its position, so a seeded build gives reproducible masks and checkpoints can save them.
            (d, rng) => new Dropout(d.GetDouble("p"), rng.Fork()),
            m => m is Dropout x ? new Dictionary<string, object> { ["p"] = x.P } : None);

        yield return new LayerSpec("Softmax", typeof(Softmax), "exp(x) / sum(exp(x)) along `dim`",
            [LayerOptionSpec.Int("dim", "dimension normalized (negative counts from the end)", int.MinValue, -1)],
            (d, _) => new Softmax(d.GetInt("dim")),
            m => m is Softmax x ? new Dictionary<string, object> { ["dim"] = x.Dim } : None);

        yield return new LayerSpec("LogSoftmax", typeof(LogSoftmax), "log of Softmax, computed stably",
            [LayerOptionSpec.Int("dim", "dimension normalized (negative counts from the end)", int.MinValue, -1)],
            (d, _) => new LogSoftmax(d.GetInt("dim")),
            m => m is LogSoftmax x ? new Dictionary<string, object> { ["dim"] = x.Dim } : None);
    }

    private static IEnumerable<LayerSpec> ActivationSpecs()
    {
        yield return Simple<Relu>("ReLU", "max(0, x)");
        yield return OneDouble<LeakyRelu>("LeakyReLU", "x for x > 0, slope · x otherwise", "slope", "slope for x < 0", 0.01, v => new LeakyRelu(v), m => m.Slope);
        yield return OneDouble<ShiftedRelu>("ShiftedReLU", "max(shift, x)", "shift", "lower bound", -1, v => new ShiftedRelu(v), m => m.Shift);
        yield return OneDouble<Elu>("ELU", "x for x > 0, alpha (e^x - 1) otherwise", "alpha", "saturation -alpha for large negative x", 1, v => new Elu(v), m => m.Alpha);
        yield return new LayerSpec("Softplus", typeof(Softplus), "log(1 + e^(beta x)) / beta, linear where beta x > threshold",
            [
                LayerOptionSpec.Double("beta", "sharpness", 1, b => b > 0 && double.IsFinite(b), "a positive finite number"),
                LayerOptionSpec.Double("threshold", "linear above this value of beta x", 20),
            ],
            (d, _) => new Softplus(d.GetDouble("beta"), d.GetDouble("threshold")),
            m => m is Softplus x ? new Dictionary<string, object> { ["beta"] = x.Beta, ["threshold"] = x.Threshold } : None,
            isActivation: true);
        yield return OneDouble<Swish>("Swish", "x · sigmoid(beta x)", "beta", "sharpness", 1, v => new Swish(v), m => m.Beta);
        yield return Simple<Silu>("SiLU", "x · sigmoid(x) (Swish with beta = 1)");
        yield return new LayerSpec("GELU", typeof(Gelu), "x · Φ(x), exact or with the tanh approximation",
            [LayerOptionSpec.Choice("approximation", "how Φ is computed", "none", "none", "tanh")],
            (d, _) => new Gelu(d.GetString("approximation") == "tanh" ? GeluApproximation.Tanh : GeluApproximation.None),
            m => m is Gelu x ? new Dictionary<string, object> { ["approximation"] = x.Approximation == GeluApproximation.Tanh ? "tanh" : "none" } : None,
            isActivation: true);
        yield return Simple<Sigmoid>("Sigmoid", "1 / (1 + e^-x)");
        yield return Simple<Tanh>("Tanh", "hyperbolic tangent");
        yield return Simple<Arctan>("Arctan", "arctan(x)");
        yield return OneDouble<Step>("Step", "1 for x >= threshold, else 0 (zero gradient)", "threshold", "switching point", 0, v => new Step(v), m => m.Threshold);
        yield return Simple<Sign>("Sign", "-1, 0 or 1 (zero gradient)");
        yield return Simple<Identity>("Identity", "x");
        yield return Simple<Relu6>("ReLU6", "min(max(x, 0), 6)");
        yield return new LayerSpec("Hardtanh", typeof(Hardtanh), "x clamped to [min, max]",
            [LayerOptionSpec.Double("min", "lower bound", -1), LayerOptionSpec.Double("max", "upper bound", 1)],
            (d, _) => new Hardtanh(d.GetDouble("min"), d.GetDouble("max")),
            m => m is Hardtanh x ? new Dictionary<string, object> { ["min"] = x.Min, ["max"] = x.Max } : None,
            check: d => d.GetDouble("min") < d.GetDouble("max") ? null : $"option 'min' ({d.GetDouble("min")}) must be below 'max' ({d.GetDouble("max")}).",
            isActivation: true);
        yield return Simple<Hardswish>("Hardswish", "x · relu6(x + 3) / 6");
        yield return Simple<Mish>("Mish", "x · tanh(softplus(x))");
        yield return Simple<Selu>("SELU", "λ · ELU(x, α), the self-normalizing constants");
        yield return new LayerSpec("PReLU", typeof(Prelu), "x for x > 0, w · x otherwise, learned slopes w (one, or one per channel of dimension 1)",
            [LayerOptionSpec.Int("num", "slopes: 1 or the channel count", 1, 1), LayerOptionSpec.Double("init", "initial slope", 0.25)],
            (d, _) => new Prelu(d.GetInt("num"), d.GetDouble("init")),
            m => m is Prelu x ? new Dictionary<string, object> { ["num"] = x.NumParameters, ["init"] = x.Init } : None,
            d => [("weight", [d.GetInt("num")])]);
        yield return new LayerSpec("GLU", typeof(Glu), "a ⊙ σ(b) over the two halves of `dim`; (..., 2d, ...) -> (..., d, ...)",
            [LayerOptionSpec.Int("dim", "dimension split in half (negative counts from the end)", int.MinValue, -1)],
            (d, _) => new Glu(d.GetInt("dim")),
            m => m is Glu x ? new Dictionary<string, object> { ["dim"] = x.Dim } : None);
    }

    private static LayerSpec Simple<T>(string type, string summary) where T : Module, new() =>
        new(type, typeof(T), summary, [], (_, _) => new T(), _ => None, isActivation: true);

    private static LayerSpec OneDouble<T>(string type, string summary, string option, string optionSummary, double defaultValue,
        Func<double, T> create, Func<T, double> read) where T : Module =>
        new(type, typeof(T), summary, [LayerOptionSpec.Double(option, optionSummary, defaultValue)],
            (d, _) => create(d.GetDouble(option)),
            m => m is T x ? new Dictionary<string, object> { [option] = read(x) } : None,
            isActivation: true);
}
