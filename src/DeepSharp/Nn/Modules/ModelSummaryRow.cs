namespace DeepSharp.Nn;

/// <summary>One layer of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">Dotted path of the layer in the model (e.g. <c>0</c>, <c>2.1</c>); empty for a model summarized as one layer.</param>
/// <param name="Description">The layer's <c>ToString()</c>, e.g. <c>Linear(784 -> 15)</c>.</param>
/// <param name="OutputShape">Output shape for a batch of one sample (the first dimension is the batch).</param>
/// <param name="ParameterCount">Learnable scalars held by the layer (and its children).</param>
public sealed record ModelSummaryRow(string Name, string Description, int[] OutputShape, long ParameterCount);
