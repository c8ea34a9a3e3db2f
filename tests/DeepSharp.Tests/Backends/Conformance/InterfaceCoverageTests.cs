using System.Reflection;
using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>Every member of <see cref="IBackend"/> has a conformance test: a test method of this
/// folder whose name contains the method's name (a new interface method fails this until one is written).</summary>
public sealed class InterfaceCoverageTests
{
    [Fact]
    public void EveryBackendMethodHasAConformanceTest()
    {
        var testNames = typeof(InterfaceCoverageTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(InterfaceCoverageTests).Namespace && t != typeof(InterfaceCoverageTests))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => "_" + m.Name + "_")
            .ToList();
        var methods = typeof(IBackend).GetMethods().Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct().ToList();
        Assert.True(methods.Count >= 40, $"IBackend has {methods.Count} methods");
        var missing = methods.Where(name => !testNames.Any(t => t.Contains("_" + name + "_", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"IBackend methods without a conformance test: {string.Join(", ", missing)}");
    }
}
