using System.Reflection;
using System.Reflection.Emit;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Architecture;

/// <summary>
/// Lower layers never use higher ones (docs/architecture.md, the table in <see cref="Layers"/>),
/// checked for every project (the library, the CLI and the Lab) by two independent scans: the
/// compiled metadata (every type a type's base, interfaces, fields, signatures and method bodies
/// reference) and the sources (every <c>using DeepSharp.X</c> and qualified <c>DeepSharp.X.</c>),
/// which names the offending file and line. The meta-tests plant upward references and prove both
/// scans report them.
/// </summary>
public sealed class LayeringTests
{
    public static TheoryData<string> Assemblies => new() { "DeepSharp", "DeepSharp.Cli", "DeepSharp.Lab", "DeepSharp.Cuda" };

    private static string AssemblyPath(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        Skip.IfNot(File.Exists(path), $"{name}.dll is not part of this build");
        return path;
    }

    [SkippableTheory]
    [MemberData(nameof(Assemblies))]
    public void CompiledTypesReferenceOnlyAllowedLayers(string assembly)
    {
        var violations = Violations(AssemblyPath(assembly));
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s) in {assembly}:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void SourceFilesImportOnlyAllowedLayers()
    {
        var violations = new List<string>();
        foreach (var (file, layer, line, number) in Sources.Lines())
        {
            if (layer is null || !Layers.Allowed.ContainsKey(layer))
            {
                violations.Add($"{file}: folder of layer '{layer}' is not in the layering table");
                continue;
            }
            foreach (var target in Sources.ReferencedNamespaces(line))
                if (Layers.Of(target) is { } to && !Layers.IsAllowed(layer, to))
                    violations.Add($"{file}:{number}: '{line.Trim()}': {Layers.Explain(layer, to)}");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s):\n" + string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void LayersFormNoCycle()
    {
        // Whatever the table says, two layers using each other cannot be layered at all.
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var assembly in new[] { "DeepSharp", "DeepSharp.Cli", "DeepSharp.Lab", "DeepSharp.Cuda" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
            if (!File.Exists(path)) continue;
            foreach (var (type, referenced) in MetadataReferences.Scan(path))
            {
                var from = Layers.Of(NamespaceOf(type));
                if (from is null or Layers.Foundation) continue;
                foreach (var (target, _) in referenced)
                    if (Layers.Of(NamespaceOf(target)) is { } to && to != from && to != Layers.Foundation)
                        (edges.TryGetValue(from, out var set) ? set : edges[from] = []).Add(to);
            }
        }
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"layers form a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void TheTableItselfIsAcyclic()
    {
        var edges = Layers.Allowed.ToDictionary(p => p.Key, p => p.Value.ToHashSet());
        Assert.Null(FindCycle(edges));
    }

    [Fact]
    public void EachFolderDeclaresTheNamespaceOfItsLayer()
    {
        var wrong = new List<string>();
        foreach (var (file, layer, line, number) in Sources.Lines())
            if (Sources.NamespaceDeclaration(line) is { } decl && Layers.Of(decl) != layer)
                wrong.Add($"{file}:{number}: declares namespace {decl} (layer {Layers.Of(decl)}) but lives in a folder of layer {layer}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void AboveTheCoreNothingIndexesTensorMemory()
    {
        // The seam: Nn, Optim, Training, Distributed and Classic see tensors and devices, never host spans of
        // tensor storage (Data builds host batches and Serialization copies to files: explicit host copies).
        var offenders = new List<string>();
        foreach (var (file, layer, line, number) in Sources.Lines())
            if (layer is "Nn" or "Optim" or "Training" or "Distributed" or "Classic" && System.Text.RegularExpressions.Regex.IsMatch(line, @"\.As(ReadOnly)?Span<"))
                offenders.Add($"{file}:{number}: {line.Trim()}");
        Assert.True(offenders.Count == 0, "tensor memory indexed above the core:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void APlantedUpwardReferenceIsReportedByTheMetadataScan()
    {
        // A type in DeepSharp.Nn whose field is a DeepSharp.Training type, and one in DeepSharp.Backends
        // that calls into the core: both must be caught.
        string path = Path.Combine(Path.GetTempPath(), $"deepsharp-planted-{Environment.ProcessId}-{Guid.NewGuid():N}.dll");
        try
        {
            var builder = new PersistedAssemblyBuilder(new AssemblyName("Planted"), typeof(object).Assembly);
            var module = builder.DefineDynamicModule("Planted");
            var nn = module.DefineType("DeepSharp.Nn.PlantedLayer", TypeAttributes.Public | TypeAttributes.Class);
            nn.DefineField("history", typeof(DeepSharp.Training.History), FieldAttributes.Public);
            nn.CreateType();
            var backend = module.DefineType("DeepSharp.Backends.PlantedKernel", TypeAttributes.Public | TypeAttributes.Class);
            var method = backend.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes);
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Call, typeof(Shapes).GetMethod(nameof(Shapes.Numel))!);
            il.Emit(OpCodes.Ret);
            backend.CreateType();
            var fine = module.DefineType("DeepSharp.Training.PlantedCallback", TypeAttributes.Public | TypeAttributes.Class);
            fine.DefineField("model", typeof(DeepSharp.Nn.Module), FieldAttributes.Public);
            fine.CreateType();
            builder.Save(path);

            var violations = Violations(path);
            Assert.Contains(violations, v => v.Contains("DeepSharp.Nn.PlantedLayer") && v.Contains("DeepSharp.Training.History"));
            Assert.Contains(violations, v => v.Contains("DeepSharp.Backends.PlantedKernel") && v.Contains("DeepSharp.Tensors.Shapes"));
            Assert.DoesNotContain(violations, v => v.Contains("PlantedCallback"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void APlantedUpwardImportIsReportedByTheSourceScan()
    {
        Assert.Equal(["DeepSharp.Training"], Sources.ReferencedNamespaces("using DeepSharp.Training;"));
        Assert.Equal(["DeepSharp.Optim.Sgd"], Sources.ReferencedNamespaces("global using static DeepSharp.Optim.Sgd;"));
        Assert.Equal(["DeepSharp.Training.Trainer", "DeepSharp.Plotting.X"],
            Sources.ReferencedNamespaces("var t = new DeepSharp.Training.Trainer(); /// <see cref=\"DeepSharp.Plotting.X\"/>"));
        Assert.Equal(["DeepSharp.Training.Trainer"], Sources.ReferencedNamespaces("var t = new DeepSharp.Training.Trainer(); // DeepSharp.Plotting.X"));
        Assert.Empty(Sources.ReferencedNamespaces("var s = \"DeepSharp.Nn.Linear\";"));
        // the same decisions the source scan makes for a planted line in an Nn file
        Assert.False(Layers.IsAllowed(Layers.Of("DeepSharp.Nn")!, Layers.Of("DeepSharp.Training")!));
        Assert.False(Layers.IsAllowed("Nn", Layers.Of("DeepSharp.Backends.Cpu")!));
        Assert.False(Layers.IsAllowed("Backends", "Core"));
        Assert.False(Layers.IsAllowed("Plotting", "Core"));
        Assert.False(Layers.IsAllowed("Training", "Plotting"));
        Assert.False(Layers.IsAllowed("Serialization", "Training"));
        Assert.True(Layers.IsAllowed("Training", "Serialization"));
        Assert.True(Layers.IsAllowed("Cli", "Training"));
        Assert.Equal("Core", Layers.Of("DeepSharp.Autograd"));
        Assert.Equal("Backends.Cpu", Layers.Of("DeepSharp.Backends.Cpu"));
        Assert.Equal(Layers.Foundation, Layers.Of("DeepSharp.IO"));
        Assert.Equal("Cli", Layers.Of("DeepSharp.Cli.Setup"));
        Assert.Null(Layers.Of("System.Numerics"));
    }

    [Fact]
    public void TheScannersSeeKnownReferences()
    {
        // Guard against a scanner that silently finds nothing.
        var refs = MetadataReferences.Scan(typeof(Tensor).Assembly.Location).ToDictionary(p => p.Type, p => p.Referenced);
        Assert.Contains(refs["DeepSharp.Tensors.ElementWiseCompute"], r => r.Target == "DeepSharp.Backends.IBackend");
        Assert.Contains(refs["DeepSharp.Autograd.ArithmeticRules"], r => r.Target == "DeepSharp.Tensors.Tensor");
        Assert.Contains(refs["DeepSharp.Nn.Linear"], r => r.Target == "DeepSharp.Autograd.LinearRule" || r.Target == "DeepSharp.Nn.Functional");
        Assert.True(Sources.Lines().Count(l => l.Layer == "Cli") > 100, "the CLI's sources are scanned");
        Assert.Equal(["A", "B", "A"], FindCycle(new() { ["A"] = ["B"], ["B"] = ["A"] }));
        Assert.Null(FindCycle(new() { ["A"] = ["B"], ["B"] = ["C"] }));
    }

    private static List<string> Violations(string assemblyPath)
    {
        var violations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, referenced) in MetadataReferences.Scan(assemblyPath))
        {
            var from = Layers.Of(NamespaceOf(type));
            if (from is null) continue;
            if (!Layers.Allowed.ContainsKey(from))
            {
                violations.TryAdd(type, $"{type}: namespace layer '{from}' is not in the layering table");
                continue;
            }
            foreach (var (target, where) in referenced)
                if (Layers.Of(NamespaceOf(target)) is { } to && !Layers.IsAllowed(from, to))
                    violations.TryAdd($"{type} -> {target}", $"{type} uses {target} (first in {where}): {Layers.Explain(from, to)}");
        }
        return [.. violations.Values];
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
}
