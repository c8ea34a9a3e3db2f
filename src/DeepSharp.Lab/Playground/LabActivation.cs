namespace DeepSharp.Lab.Playground;

/// <summary>The hidden-layer activations of the lectures, each a DeepSharp.Nn layer.</summary>
public enum LabActivation
{
    /// <summary>Unit step (<see cref="DeepSharp.Nn.Step"/>): zero derivative, so no delta passes.</summary>
    Step,

    /// <summary>Sign ±1 (<see cref="DeepSharp.Nn.Sign"/>): zero derivative, so no delta passes.</summary>
    Sign,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Arctangent.</summary>
    Arctan,

    /// <summary>max(0, z).</summary>
    Relu,

    /// <summary>z for z &gt; 0, 0.1 z otherwise.</summary>
    LeakyRelu,

    /// <summary>max(z, -1).</summary>
    ShiftedRelu,

    /// <summary>Maxout of two affine pieces per neuron (<see cref="DeepSharp.Nn.Maxout"/>).</summary>
    Maxout,

    /// <summary>log(1 + e^z).</summary>
    Softplus,

    /// <summary>z for z &gt; 0, e^z - 1 otherwise.</summary>
    Elu,

    /// <summary>z σ(z).</summary>
    Swish,
}
