using DeepSharp.Tensors;

namespace DeepSharp.Tests.Architecture;

/// <summary>
/// Lower layers never use higher ones (docs: ARCHITECTURE.md). Two independent scans:
/// the compiled assembly's metadata (every type a type's base, interfaces, fields, signatures and
/// method bodies reference, so partially qualified names like <c>Kernels.Reduce</c> and <c>var</c>
/// are caught), and the source files (every <c>using DeepSharp.X</c> and fully qualified
/// <c>DeepSharp.X.</c>), which names the offending file and line.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The namespaces each layer may use besides its own (ARCHITECTURE.md). Tensors and
    /// Autograd form the core pair: C# operators must live on <see cref="Tensor"/>, so its method
    /// facade calls the Autograd primitives, and the primitives compute on tensors; a layer allowed
    /// Tensors may therefore use Autograd too (Data evaluates under <c>GradMode.NoGrad</c>).
    /// IO (atomic file writes) is a base utility like Kernels: it uses no other layer.</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["IO"] = [],
        ["Kernels"] = [],
        ["Tensors"] = ["IO", "Kernels", "Autograd"],
        ["Autograd"] = ["IO", "Kernels", "Tensors"],
        ["Nn"] = ["IO", "Kernels", "Tensors", "Autograd"],
        ["Optim"] = ["IO", "Kernels", "Tensors", "Autograd", "Nn"],
        ["Data"] = ["IO", "Kernels", "Tensors", "Autograd"],
        ["Plotting"] = ["IO", "Kernels", "Tensors"],
        ["Training"] = ["IO", "Kernels", "Tensors", "Autograd", "Nn", "Optim", "Data", "Plotting"],
        // A checkpoint holds a training run (history, optimizer, loader position), so the file
        // format sits above Training rather than beside Optim as first sketched in ARCHITECTURE.md.
        ["Serialization"] = ["IO", "Kernels", "Tensors", "Autograd", "Nn", "Optim", "Data", "Training"],
        ["Classic"] = ["IO", "Kernels", "Tensors", "Autograd", "Nn", "Optim", "Data", "Training", "Plotting"],
    };

    /// <summary>Known departures from the table, by type: a baseline to burn down, not a licence.
    /// None today; a reference not allowed above fails the tests.</summary>
    internal static readonly Dictionary<string, string[]> KnownExceptions = new();

    internal static bool IsAllowed(string fromLayer, string fromType, string toLayer) =>
        toLayer == fromLayer || toLayer == "" ||
        (Allowed.TryGetValue(fromLayer, out var allowed) && allowed.Contains(toLayer)) ||
        (KnownExceptions.TryGetValue(fromType, out var extra) && extra.Contains(toLayer));

    private const string Root = "DeepSharp";

    /// <summary>The layer of a namespace: "DeepSharp.Nn.Layers" -> "Nn"; null outside DeepSharp.</summary>
    internal static string? LayerOf(string ns)
    {
        if (ns == Root) return "";
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(Root.Length + 1)..];
        int dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    internal static string Explain(string from, string to) =>
        $"layer {from} may use only [{string.Join(", ", Allowed.GetValueOrDefault(from) ?? [])}], not {to}";

    [Fact]
    public void CompiledTypesReferenceOnlyLowerLayers()
    {
        var violations = new SortedDictionary<string, string>(StringComparer.Ordinal); // one line per (type, target)
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, referenced) in MetadataReferences.Scan(typeof(Tensor).Assembly.Location))
        {
            var from = LayerOf(NamespaceOf(type));
            if (from is null) continue;
            if (!Allowed.ContainsKey(from))
            {
                unknown.Add($"{type}: namespace layer '{from}' is not in the layering table");
                continue;
            }
            foreach (var (target, where) in referenced)
            {
                var to = LayerOf(NamespaceOf(target));
                if (to is null || IsAllowed(from, type, to)) continue;
                violations.TryAdd($"{type} -> {target}", $"{type} ({Sources.Guess(from, type)}) uses {target} (first in {where}): {Explain(from, to)}");
            }
        }
        Assert.True(unknown.Count == 0, "Unknown layers:\n" + string.Join("\n", unknown));
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s):\n" + string.Join("\n", violations.Values));
    }

    [Fact]
    public void SourceFilesImportOnlyLowerLayers()
    {
        var violations = new List<string>();
        foreach (var (file, folder, line, number) in Sources.Lines())
        {
            if (!Allowed.ContainsKey(folder))
            {
                violations.Add($"{file}: folder '{folder}' is not in the layering table");
                continue;
            }
            string type = $"{Root}.{folder}.{Sources.TypeNameOf(file)}";
            foreach (var target in Sources.ReferencedLayers(line))
                if (!IsAllowed(folder, type, target))
                    violations.Add($"{file}:{number}: '{line.Trim()}': {Explain(folder, target)}");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s):\n" + string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void LayersFormNoCycle()
    {
        // Whatever the table says, two layers using each other cannot be layered at all.
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var (type, referenced) in MetadataReferences.Scan(typeof(Tensor).Assembly.Location))
        {
            var from = LayerOf(NamespaceOf(type));
            if (string.IsNullOrEmpty(from)) continue;
            foreach (var (target, _) in referenced)
            {
                var to = LayerOf(NamespaceOf(target));
                if (string.IsNullOrEmpty(to) || to == from || (from, to) is ("Tensors", "Autograd") or ("Autograd", "Tensors")) continue;
                if (!edges.TryGetValue(from, out var set)) edges[from] = set = [];
                set.Add(to);
            }
        }
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"layers form a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void KnownExceptionsAreStillNeeded()
    {
        // When a listed type moves or stops reaching up, its entry must go too.
        var refs = MetadataReferences.Scan(typeof(Tensor).Assembly.Location).ToDictionary(p => p.Type, p => p.Referenced);
        foreach (var (type, layers) in KnownExceptions)
        {
            Assert.True(refs.ContainsKey(type), $"{type} is listed in KnownExceptions but no longer exists; remove the entry");
            var from = LayerOf(NamespaceOf(type))!;
            foreach (var layer in layers)
                Assert.True(refs[type].Any(r => LayerOf(NamespaceOf(r.Target)) == layer && !Allowed[from].Contains(layer)),
                    $"{type} no longer uses {layer}; remove it from KnownExceptions");
        }
    }

    private static string NamespaceOf(string fullName) => fullName[..Math.Max(0, fullName.LastIndexOf('.'))];

    /// <summary>A cycle in the graph as a list of nodes (first repeated at the end), or null.</summary>
    internal static List<string>? FindCycle(Dictionary<string, HashSet<string>> edges)
    {
        var state = new Dictionary<string, int>(); // 1 on the stack, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path[path.IndexOf(next)..], next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in edges.Keys)
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }

    [Fact]
    public void EachFolderDeclaresItsOwnNamespace()
    {
        var wrong = new List<string>();
        foreach (var (file, folder, line, number) in Sources.Lines())
        {
            var decl = Sources.NamespaceDeclaration(line);
            if (decl is not null && LayerOf(decl) != folder)
                wrong.Add($"{file}:{number}: declares namespace {decl} but lives in folder {folder}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void TheScannersSeeKnownReferences()
    {
        // Guard against a scanner that silently finds nothing: Tensors -> Kernels and Autograd -> Tensors exist.
        var refs = MetadataReferences.Scan(typeof(Tensor).Assembly.Location).ToDictionary(p => p.Type, p => p.Referenced);
        Assert.Contains(refs["DeepSharp.Tensors.TensorOps"], r => r.Target == "DeepSharp.Kernels.ElementWise");
        Assert.Contains(refs["DeepSharp.Autograd.BackwardEngine"], r => r.Target == "DeepSharp.Kernels.BinaryOp");
        Assert.Contains(refs["DeepSharp.Autograd.ArithmeticOps"], r => r.Target == "DeepSharp.Tensors.Tensor");
        Assert.Equal(["Nn"], Sources.ReferencedLayers("using DeepSharp.Nn;"));
        Assert.Equal(["Optim"], Sources.ReferencedLayers("global using static DeepSharp.Optim.Sgd;"));
        Assert.Equal(["Training"], Sources.ReferencedLayers("var t = new DeepSharp.Training.Trainer(); // DeepSharp.Plotting.X"));
        Assert.Empty(Sources.ReferencedLayers("var s = \"DeepSharp.Nn.Linear\";"));
        Assert.False(IsAllowed("Kernels", "DeepSharp.Kernels.Gemm", "Tensors"));
        Assert.False(IsAllowed("Nn", "DeepSharp.Nn.Linear", "Optim"));
        Assert.False(IsAllowed("Optim", "DeepSharp.Optim.Sgd", "Training"));
        Assert.False(IsAllowed("Data", "DeepSharp.Data.DataLoader", "Nn"));
        Assert.False(IsAllowed("Plotting", "DeepSharp.Plotting.PngEncoder", "Training"));
        Assert.True(IsAllowed("Training", "DeepSharp.Training.HistoryPlots", "Plotting"));
        Assert.True(IsAllowed("Tensors", "DeepSharp.Tensors.Tensor", "Autograd"));
        Assert.True(IsAllowed("Training", "DeepSharp.Training.Trainer", "Optim"));
        Assert.Equal(["A", "B", "A"], FindCycle(new() { ["A"] = ["B"], ["B"] = ["A"] }));
        Assert.Null(FindCycle(new() { ["A"] = ["B"], ["B"] = ["C"] }));
        Assert.Equal("Checkpoint", Sources.TypeNameOf("src/DeepSharp/Serialization/Checkpoint.Format.cs"));
        Assert.Equal("Kernels", LayerOf("DeepSharp.Kernels"));
        Assert.Equal("Nn", LayerOf("DeepSharp.Nn.Layers"));
        Assert.Null(LayerOf("System.Numerics"));
    }
}
