using DeepSharp.Nn;

namespace DeepSharp.Cli.Setup;

/// <summary>The hidden-layer activations --activation accepts.</summary>
internal static class Activations
{
    public static readonly string[] Names = ["relu", "tanh", "sigmoid", "leaky-relu", "elu", "gelu", "silu", "softplus", "arctan", "identity"];

    public static Module Create(string name) => name.ToLowerInvariant() switch
    {
        "relu" => new ReLU(),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        "leaky-relu" => new LeakyReLU(),
        "elu" => new ELU(),
        "gelu" => new GELU(),
        "silu" => new SiLU(),
        "softplus" => new Softplus(),
        "arctan" => new Arctan(),
        "identity" => new Identity(),
        _ => throw new CliUsageException($"unknown activation '{name}'; accepted: {string.Join(", ", Names)}."),
    };
}
