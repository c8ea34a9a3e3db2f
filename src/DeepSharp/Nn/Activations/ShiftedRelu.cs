using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>ReLU moved so its bend sits at (shift, shift): max(x, shift). The default shift -1
/// puts the bend at (-1, -1), so the unit can output negative values and its mean is nearer 0.</summary>
/// <remarks>input (*) -> output (*), same shape, values ≥ shift.</remarks>
public sealed class ShiftedRelu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="shift">Position of the bend (finite).</param>
    public ShiftedRelu(double shift = -1)
    {
        if (!double.IsFinite(shift)) throw new ArgumentOutOfRangeException(nameof(shift), shift, "ShiftedReLU: shift must be finite.");
        Shift = shift;
    }

    /// <summary>Position of the bend.</summary>
    public double Shift { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.ShiftedRelu(input, Shift);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ShiftedReLU(shift={Shift})");
}
