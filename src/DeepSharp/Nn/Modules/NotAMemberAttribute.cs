namespace DeepSharp.Nn;

/// <summary>Marks a field (or auto-property) of a <see cref="Module"/> whose module or tensor is not
/// one of the module's members: not trained, saved or listed (e.g. a reference to a module owned
/// elsewhere, or a cached tensor that happens to require grad).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NotAMemberAttribute : Attribute;
