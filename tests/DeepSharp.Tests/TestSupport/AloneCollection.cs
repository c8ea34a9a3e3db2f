namespace DeepSharp.Tests.TestSupport;

/// <summary>Tests that measure the whole process (gen-2 collection counts) or need the kernel
/// workers to themselves (allocation budgets): xunit runs this collection after the parallel
/// ones, with nothing else running.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name, for <c>[Collection(AloneCollection.Name)]</c>.</summary>
    public const string Name = "Runs alone";
}
