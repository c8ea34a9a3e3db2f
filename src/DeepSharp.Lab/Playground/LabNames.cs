namespace DeepSharp.Lab.Playground;

/// <summary>The names the page and the API use for the lab's choices (kebab-case), and their parsing.</summary>
public static class LabNames
{
    private static readonly Dictionary<Type, (Enum Value, string Name)[]> Table = new()
    {
        [typeof(LabDatasetKind)] =
        [
            (LabDatasetKind.Gaussians, "gaussians"), (LabDatasetKind.Circles, "circles"), (LabDatasetKind.Xor, "xor"),
            (LabDatasetKind.Spirals, "spirals"), (LabDatasetKind.Moons, "moons"),
        ],
        [typeof(InputFeature)] =
        [
            (InputFeature.X1, "x1"), (InputFeature.X2, "x2"), (InputFeature.X1Squared, "x1^2"), (InputFeature.X2Squared, "x2^2"),
            (InputFeature.X1TimesX2, "x1*x2"), (InputFeature.SinX1, "sin(x1)"), (InputFeature.SinX2, "sin(x2)"),
        ],
        [typeof(LabActivation)] =
        [
            (LabActivation.Step, "step"), (LabActivation.Sign, "sign"), (LabActivation.Sigmoid, "sigmoid"), (LabActivation.Tanh, "tanh"),
            (LabActivation.Arctan, "arctan"), (LabActivation.Relu, "relu"), (LabActivation.LeakyRelu, "leaky-relu"),
            (LabActivation.ShiftedRelu, "shifted-relu"), (LabActivation.Maxout, "maxout"), (LabActivation.Softplus, "softplus"),
            (LabActivation.Elu, "elu"), (LabActivation.Swish, "swish"),
        ],
        [typeof(LabLossKind)] = [(LabLossKind.CrossEntropy, "cross-entropy"), (LabLossKind.SquaredError, "squared-error")],
        [typeof(LabRegularization)] = [(LabRegularization.None, "none"), (LabRegularization.L1, "l1"), (LabRegularization.L2, "l2")],
        [typeof(LabOptimizerKind)] =
        [
            (LabOptimizerKind.Sgd, "sgd"), (LabOptimizerKind.Momentum, "momentum"), (LabOptimizerKind.Adam, "adam"),
            (LabOptimizerKind.RmsProp, "rmsprop"), (LabOptimizerKind.AdaGrad, "adagrad"),
        ],
    };

    /// <summary>The accepted names of <typeparamref name="T"/>, in the order the page lists them.</summary>
    public static IReadOnlyList<string> Of<T>() where T : struct, Enum => [.. Table[typeof(T)].Select(p => p.Name)];

    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => Table[typeof(T)].First(p => p.Value.Equals(value)).Name;

    /// <summary>Parses <paramref name="name"/> (case-insensitive) for the request field <paramref name="field"/>.</summary>
    /// <exception cref="LabRequestException">The name is unknown; the message lists the accepted ones.</exception>
    public static T Parse<T>(string? name, string field) where T : struct, Enum
    {
        foreach (var (value, n) in Table[typeof(T)])
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return (T)value;
        throw new LabRequestException($"{field}: unknown value '{name}'; accepted: {string.Join(", ", Of<T>())}.");
    }
}
