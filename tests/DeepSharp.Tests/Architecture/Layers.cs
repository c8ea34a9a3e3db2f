namespace DeepSharp.Tests.Architecture;

/// <summary>
/// The layer table of docs/architecture.md, the one both scanners check: which layer may use which.
/// A layer is a set of namespaces; using a layer's own namespaces, or the foundation (the root
/// namespace's DType and Device, and IO's atomic writes), is always allowed. Nothing is exempt by name.
/// </summary>
internal static class Layers
{
    public const string Foundation = "Foundation";

    /// <summary>Layer -> the layers it may use (transitivity is spelled out, not implied).</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Foundation] = [],
        ["Backends"] = [],
        ["Backends.Cpu"] = ["Backends"],
        ["Backends.Reference"] = ["Backends"],
        // The GPU backend (its own project, DeepSharp.Cuda): the seam, plus the core's BackendRegistry
        // for CudaBackend.Register(); the core never references it.
        ["Backends.Cuda"] = ["Backends", "Core"],
        // The core instantiates the built-in backends (BackendRegistry) and calls only the interface.
        ["Core"] = ["Backends", "Backends.Cpu", "Backends.Reference"],
        ["Nn"] = ["Core", "Backends"],
        ["Optim"] = ["Core", "Backends", "Nn"],
        ["Data"] = ["Core", "Backends"],
        ["Serialization"] = ["Core", "Backends", "Nn", "Optim"],
        ["Training"] = ["Core", "Backends", "Nn", "Optim", "Data", "Serialization"],
        ["Distributed"] = ["Core", "Backends", "Nn", "Optim", "Data", "Training", "Serialization"],
        ["Plotting"] = [],
        ["Classic"] = ["Core", "Backends", "Nn", "Optim", "Data"],
        ["Lab"] = ["Core", "Backends", "Backends.Cpu", "Nn", "Optim", "Data", "Serialization", "Training", "Plotting", "Classic"],
        ["Cli"] = ["Core", "Backends", "Backends.Cpu", "Backends.Reference", "Backends.Cuda", "Nn", "Optim", "Data", "Serialization", "Training",
            "Distributed", "Plotting", "Classic", "Lab"],
    };

    private static readonly string[] Parts =
        ["Backends", "Tensors", "Autograd", "Nn", "Optim", "Data", "Serialization", "Training", "Distributed", "Plotting", "Classic", "Lab", "Cli", "IO"];

    /// <summary>The layer of a namespace or a qualified type name (<c>DeepSharp.Nn.Layers</c>,
    /// <c>DeepSharp.Backends.Cpu.Gemm</c>), or null outside the layered code (System, tests, benchmarks).</summary>
    public static string? Of(string name)
    {
        if (name == "DeepSharp") return Foundation;
        if (!name.StartsWith("DeepSharp.", StringComparison.Ordinal)) return null;
        var parts = name.Split('.');
        if (parts[1] is "Tests" or "Benchmarks" or "Bench") return null;
        if (!Parts.Contains(parts[1])) return Foundation; // a type of the root namespace (DType, Device)
        return parts[1] switch
        {
            "IO" => Foundation,
            "Tensors" or "Autograd" => "Core",
            "Backends" when parts.Length > 2 && parts[2] is "Cpu" or "Reference" or "Cuda" => "Backends." + parts[2],
            _ => parts[1],
        };
    }

    public static bool IsAllowed(string from, string to) =>
        from == to || to == Foundation || (Allowed.TryGetValue(from, out var allowed) && allowed.Contains(to));

    public static string Explain(string from, string to) =>
        $"layer {from} may use only [{string.Join(", ", Allowed.GetValueOrDefault(from) ?? [])}] (and the foundation), not {to}";
}
