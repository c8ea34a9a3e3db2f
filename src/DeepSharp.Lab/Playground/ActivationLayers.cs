using DeepSharp.Nn;

namespace DeepSharp.Lab.Playground;

/// <summary>The library layer of each <see cref="LabActivation"/>, and the formula the page prints.</summary>
public static class ActivationLayers
{
    /// <summary>Pieces of each maxout neuron.</summary>
    public const int MaxoutPieces = 2;

    /// <summary>Slope of the leaky ReLU for negative inputs (larger than PyTorch's 0.01 so that it shows on the plots).</summary>
    public const double LeakySlope = 0.1;

    /// <summary>A new element-wise activation layer; null for <see cref="LabActivation.Maxout"/>, which is its own affine layer.</summary>
    public static Module? Create(LabActivation activation) => activation switch
    {
        LabActivation.Step => new Step(),
        LabActivation.Sign => new Sign(),
        LabActivation.Sigmoid => new Sigmoid(),
        LabActivation.Tanh => new Tanh(),
        LabActivation.Arctan => new Arctan(),
        LabActivation.Relu => new Relu(),
        LabActivation.LeakyRelu => new LeakyRelu(LeakySlope),
        LabActivation.ShiftedRelu => new ShiftedRelu(-1),
        LabActivation.Maxout => null,
        LabActivation.Softplus => new Softplus(),
        LabActivation.Elu => new Elu(),
        LabActivation.Swish => new Swish(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>φ(z) as the page prints it.</summary>
    public static string Formula(LabActivation activation) => activation switch
    {
        LabActivation.Step => "φ(z) = 1 if z ≥ 0 else 0;  φ' = 0",
        LabActivation.Sign => "φ(z) = +1 if z ≥ 0 else −1;  φ' = 0",
        LabActivation.Sigmoid => "φ(z) = 1 / (1 + e^−z);  φ' = φ(1 − φ)",
        LabActivation.Tanh => "φ(z) = tanh z;  φ' = 1 − φ²",
        LabActivation.Arctan => "φ(z) = arctan z;  φ' = 1 / (1 + z²)",
        LabActivation.Relu => "φ(z) = max(0, z);  φ' = 1 if z > 0 else 0",
        LabActivation.LeakyRelu => "φ(z) = z if z > 0 else 0.1 z;  φ' = 1 or 0.1",
        LabActivation.ShiftedRelu => "φ(z) = max(z, −1);  φ' = 1 if z > −1 else 0",
        LabActivation.Maxout => "φ = max(z₁, z₂) of two affine pieces;  the delta goes to the winning piece",
        LabActivation.Softplus => "φ(z) = ln(1 + e^z);  φ' = σ(z)",
        LabActivation.Elu => "φ(z) = z if z > 0 else e^z − 1;  φ' = 1 or e^z",
        LabActivation.Swish => "φ(z) = z σ(z);  φ' = σ(z) + z σ(z)(1 − σ(z))",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
