using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
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
    /// <summary>The namespaces each layer may use besides its own. Tensors and Autograd form the core
    /// pair: C# operators must live on <see cref="Tensor"/>, so its method facade calls the Autograd
    /// primitives, and the primitives compute on tensors.</summary>
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
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, referenced) in MetadataReferences.Scan(typeof(Tensor).Assembly.Location))
        {
            var from = LayerOf(type[..Math.Max(0, type.LastIndexOf('.'))]);
            if (from is null) continue;
            if (!Allowed.TryGetValue(from, out var allowed))
            {
                unknown.Add($"{type}: namespace layer '{from}' is not in the layering table");
                continue;
            }
            foreach (var (target, where) in referenced)
            {
                var to = LayerOf(target[..Math.Max(0, target.LastIndexOf('.'))]);
                if (to is null || to == from || to == "" || allowed.Contains(to)) continue;
                violations.Add($"{type} ({Sources.Guess(from, type)}) uses {target} in {where}: {Explain(from, to)}");
            }
        }
        Assert.True(unknown.Count == 0, "Unknown layers:\n" + string.Join("\n", unknown));
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void SourceFilesImportOnlyLowerLayers()
    {
        var violations = new List<string>();
        foreach (var (file, folder, line, number) in Sources.Lines())
        {
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                violations.Add($"{file}: folder '{folder}' is not in the layering table");
                continue;
            }
            foreach (var target in Sources.ReferencedLayers(line))
                if (target != folder && !allowed.Contains(target))
                    violations.Add($"{file}:{number}: '{line.Trim()}': {Explain(folder, target)}");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} layering violation(s):\n" + string.Join("\n", violations.Distinct()));
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
        Assert.Equal("Kernels", LayerOf("DeepSharp.Kernels"));
        Assert.Equal("Nn", LayerOf("DeepSharp.Nn.Layers"));
        Assert.Null(LayerOf("System.Numerics"));
    }
}

/// <summary>Reads the DeepSharp sources from the repository checkout.</summary>
internal static class Sources
{
    private static readonly System.Text.RegularExpressions.Regex Qualified =
        new(@"(?<![\w.])(?:global::)?DeepSharp\.(\w+)", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static readonly System.Text.RegularExpressions.Regex Namespace =
        new(@"^\s*namespace\s+([\w.]+)", System.Text.RegularExpressions.RegexOptions.Compiled);

    public static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepSharp.sln")))
                return Path.Combine(dir.FullName, "src", "DeepSharp");
        throw new InvalidOperationException($"DeepSharp.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every line of every .cs file under src/DeepSharp/&lt;Folder&gt;/, with line comments and strings removed.</summary>
    public static IEnumerable<(string File, string Folder, string Line, int Number)> Lines()
    {
        var root = SourceRoot();
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            int slash = relative.IndexOf('/');
            string folder = slash < 0 ? "" : relative[..slash];
            int number = 0;
            foreach (var raw in File.ReadLines(path))
            {
                number++;
                yield return ("src/DeepSharp/" + relative, folder, StripCommentsAndStrings(raw), number);
            }
        }
    }

    /// <summary>Removes string literals and // comments (but keeps /// doc comments, whose crefs are real references).</summary>
    internal static string StripCommentsAndStrings(string line)
    {
        var sb = new System.Text.StringBuilder(line.Length);
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; continue; }
            if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                bool doc = i + 2 < line.Length && line[i + 2] == '/';
                if (!doc) break;
                // keep only cref="..." targets of a doc comment
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line[i..], "cref=\"([^\"]+)\""))
                    sb.Append(' ').Append(m.Groups[1].Value);
                break;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The DeepSharp layers a (stripped) line imports or names fully qualified.</summary>
    public static List<string> ReferencedLayers(string line)
    {
        line = StripCommentsAndStrings(line);
        if (NamespaceDeclaration(line) is not null) return [];
        var result = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in Qualified.Matches(line))
            if (!result.Contains(m.Groups[1].Value)) result.Add(m.Groups[1].Value);
        return result;
    }

    public static string? NamespaceDeclaration(string line)
    {
        var m = Namespace.Match(line);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The file that most likely holds a type (one public type per file).</summary>
    public static string Guess(string folder, string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('.') + 1)..];
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        var path = Path.Combine(SourceRoot(), folder, name + ".cs");
        return File.Exists(path) ? $"src/DeepSharp/{folder}/{name}.cs" : $"a file under src/DeepSharp/{folder}/";
    }
}

/// <summary>Collects, for every top-level type of an assembly, the types it references anywhere.</summary>
internal static class MetadataReferences
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    public static List<(string Type, List<(string Target, string Where)> Referenced)> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var byTop = new Dictionary<string, List<(string, string)>>();
        foreach (var handle in md.TypeDefinitions)
        {
            var def = md.GetTypeDefinition(handle);
            string top = TopLevelName(md, handle);
            if (!byTop.TryGetValue(top, out var refs)) byTop[top] = refs = [];
            var self = md.GetString(def.Name);
            void Add(IEnumerable<string> names, string where)
            {
                foreach (var n in names) refs.Add((n, where));
            }
            if (!def.BaseType.IsNil) Add(Names(md, def.BaseType), "base type");
            foreach (var i in def.GetInterfaceImplementations())
                Add(Names(md, md.GetInterfaceImplementation(i).Interface), "interfaces");
            foreach (var f in def.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                Add(field.DecodeSignature(new NameCollector(md), null), $"field {self}.{md.GetString(field.Name)}");
            }
            foreach (var m in def.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                string where = $"{self}.{md.GetString(method.Name)}";
                var sig = method.DecodeSignature(new NameCollector(md), null);
                Add(sig.ReturnType.Concat(sig.ParameterTypes.SelectMany(p => p)), where + " (signature)");
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    var locals = md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(new NameCollector(md), null);
                    Add(locals.SelectMany(l => l), where + " (locals)");
                }
                Add(BodyReferences(md, body.GetILReader()), where + " (body)");
            }
        }
        return byTop.Select(p => (p.Key, p.Value)).ToList();
    }

    private static string TopLevelName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var def = md.GetTypeDefinition(handle);
        while (def.IsNested) def = md.GetTypeDefinition(def.GetDeclaringType());
        var ns = md.GetString(def.Namespace);
        return ns.Length == 0 ? md.GetString(def.Name) : ns + "." + md.GetString(def.Name);
    }

    private static IEnumerable<string> BodyReferences(MetadataReader md, BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (OperandTypes[code])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: il.ReadByte(); break;
                case OperandType.InlineVar: il.ReadInt16(); break;
                case OperandType.InlineI8:
                case OperandType.InlineR: il.ReadInt64(); break;
                case OperandType.InlineSwitch:
                    int count = il.ReadInt32();
                    for (int i = 0; i < count; i++) il.ReadInt32();
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    foreach (var n in Names(md, MetadataTokens.EntityHandle(il.ReadInt32()))) yield return n;
                    break;
                default: il.ReadInt32(); break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
            }
        }
    }

    /// <summary>The full names of the types a metadata entity involves (declaring type, signature, instantiation).</summary>
    private static IEnumerable<string> Names(MetadataReader md, EntityHandle handle)
    {
        var collector = new NameCollector(md);
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition: return [TopLevelName(md, (TypeDefinitionHandle)handle)];
            case HandleKind.TypeReference: return collector.GetTypeFromReference(md, (TypeReferenceHandle)handle, 0);
            case HandleKind.TypeSpecification:
                return md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(collector, null);
            case HandleKind.FieldDefinition:
                var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                return Names(md, field.GetDeclaringType()).Concat(field.DecodeSignature(collector, null));
            case HandleKind.MethodDefinition:
                // a call uses the callee's parameter and return types too (enum arguments are plain constants in IL)
                var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                var msig = method.DecodeSignature(collector, null);
                return Names(md, method.GetDeclaringType()).Concat(msig.ReturnType).Concat(msig.ParameterTypes.SelectMany(p => p));
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                var parent = member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification
                    ? Names(md, member.Parent) : [];
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    var sig = member.DecodeMethodSignature(collector, null);
                    return parent.Concat(sig.ReturnType).Concat(sig.ParameterTypes.SelectMany(p => p));
                }
                return parent.Concat(member.DecodeFieldSignature(collector, null));
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return Names(md, spec.Method).Concat(spec.DecodeSignature(collector, null).SelectMany(t => t));
            default: return [];
        }
    }

    /// <summary>Decodes signatures into the set of type names they mention.</summary>
    private sealed class NameCollector(MetadataReader md) : ISignatureTypeProvider<IEnumerable<string>, object?>
    {
        public IEnumerable<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
        public IEnumerable<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [TopLevelName(md, handle)];

        public IEnumerable<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var r = md.GetTypeReference(handle);
            while (r.ResolutionScope.Kind == HandleKind.TypeReference) r = md.GetTypeReference((TypeReferenceHandle)r.ResolutionScope);
            var ns = md.GetString(r.Namespace);
            return [ns.Length == 0 ? md.GetString(r.Name) : ns + "." + md.GetString(r.Name)];
        }

        public IEnumerable<string> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, context);

        public IEnumerable<string> GetSZArrayType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetArrayType(IEnumerable<string> elementType, ArrayShape shape) => elementType;
        public IEnumerable<string> GetByReferenceType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetPointerType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetPinnedType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetGenericInstantiation(IEnumerable<string> genericType, System.Collections.Immutable.ImmutableArray<IEnumerable<string>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(t => t));
        public IEnumerable<string> GetGenericMethodParameter(object? context, int index) => [];
        public IEnumerable<string> GetGenericTypeParameter(object? context, int index) => [];
        public IEnumerable<string> GetFunctionPointerType(MethodSignature<IEnumerable<string>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));
        public IEnumerable<string> GetModifiedType(IEnumerable<string> modifier, IEnumerable<string> unmodifiedType, bool isRequired) => unmodifiedType;
    }
}
