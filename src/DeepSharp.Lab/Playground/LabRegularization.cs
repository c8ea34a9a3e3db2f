namespace DeepSharp.Lab.Playground;

/// <summary>The weight penalty added to the loss (biases are not penalized).</summary>
public enum LabRegularization
{
    /// <summary>No penalty.</summary>
    None,

    /// <summary>λ Σ |w| (<see cref="DeepSharp.Nn.Regularization.L1"/>).</summary>
    L1,

    /// <summary>(λ/2) Σ w² (<see cref="DeepSharp.Nn.Regularization.L2"/>).</summary>
    L2,
}
