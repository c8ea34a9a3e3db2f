namespace DeepSharp.Classic;

/// <summary>Where an <see cref="RbfNetwork"/>'s centres come from.</summary>
public enum RbfCentreSelection
{
    /// <summary>The k-means centres of the training inputs.</summary>
    KMeans,

    /// <summary>K training inputs drawn without replacement.</summary>
    Sample,
}
