namespace DeepSharp.Lab.Playground;

/// <summary>The optimizers the lab offers.</summary>
public enum LabOptimizerKind
{
    /// <summary>Plain gradient descent w ← w - η g.</summary>
    Sgd,

    /// <summary>Gradient descent with momentum 0.9.</summary>
    Momentum,

    /// <summary>Adam (β 0.9, 0.999).</summary>
    Adam,

    /// <summary>RMSprop (α 0.99).</summary>
    RmsProp,

    /// <summary>AdaGrad.</summary>
    AdaGrad,
}
