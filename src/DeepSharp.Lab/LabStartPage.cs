namespace DeepSharp.Lab;

/// <summary>The page a <see cref="LabServer"/> shows at "/".</summary>
public enum LabStartPage
{
    /// <summary>The playground (<c>deepsharp lab</c>).</summary>
    Lab,

    /// <summary>The training dashboard (<c>deepsharp dashboard</c>, <c>train --dashboard</c>).</summary>
    Dashboard,
}
