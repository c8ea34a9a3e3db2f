using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DeepSharp.Tests.Architecture;

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
