using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Reads the fields of a module that may hold members: a <see cref="Module"/>, a
/// <see cref="Tensor"/>, or a collection of modules. The field list of each class is found once by
/// reflection (declaration order, base classes first) and cached.</summary>
internal static class MemberFields
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> s_fields = new();

    /// <summary>(name, value) for each non-null member value held in a field of <paramref name="module"/>.</summary>
    public static IEnumerable<(string Name, object Value)> Of(Module module)
    {
        foreach (var field in s_fields.GetOrAdd(module.GetType(), Find))
        {
            var value = field.GetValue(module);
            string name = NameOf(field);
            switch (value)
            {
                case null: break;
                case Module or Tensor: yield return (name, value); break;
                case IEnumerable items:
                    int i = 0;
                    foreach (var item in items)
                    {
                        if (item is Module m) yield return (name + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture), m);
                        i++;
                    }
                    break;
            }
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Module carries DynamicallyAccessedMembers(fields), which derived classes and their bases inherit.")]
    private static FieldInfo[] Find(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(Module); t = t.BaseType) chain.Push(t);
        var result = new List<FieldInfo>();
        foreach (var t in chain)
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (Holds(f.FieldType) && f.GetCustomAttribute<NotAMemberAttribute>() is null
                    && PropertyOf(f)?.GetCustomAttribute<NotAMemberAttribute>() is null)
                    result.Add(f);
        return [.. result];
    }

    private static bool Holds(Type t) =>
        typeof(Module).IsAssignableFrom(t) || t == typeof(Tensor) ||
        (typeof(IEnumerable).IsAssignableFrom(t) && t != typeof(string) && ElementType(t) is { } e && typeof(Module).IsAssignableFrom(e));

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Field types of kept fields keep their interface list; a trimmed interface only hides a collection of modules, which then must be registered explicitly.")]
    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        foreach (var i in t.GetInterfaces().Prepend(t))
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return i.GetGenericArguments()[0];
        return null;
    }

    /// <summary><c>_encoder</c> and the auto-property <c>Encoder</c> both give <c>encoder</c>.</summary>
    private static string NameOf(FieldInfo f)
    {
        string n = f.Name;
        if (n.StartsWith('<') && n.IndexOf('>') is > 1 and var end) n = n[1..end];
        n = n.TrimStart('_');
        return n.Length == 0 ? f.Name : char.ToLowerInvariant(n[0]) + n[1..];
    }

    private static PropertyInfo? PropertyOf(FieldInfo f) =>
        f.Name.StartsWith('<') && f.Name.IndexOf('>') is > 1 and var end
            ? f.DeclaringType!.GetProperty(f.Name[1..end], BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            : null;
}
