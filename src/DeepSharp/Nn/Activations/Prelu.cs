using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>PReLU: x for x &gt; 0, w · x otherwise, with learned slopes (PyTorch's <c>nn.PReLU</c>, parameter <c>weight</c>).</summary>
/// <remarks>input (N, C, *) with C = numParameters, or any shape with one slope -> output of the same shape.</remarks>
public sealed class Prelu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numParameters">1 (one slope) or the channel count C.</param>
    /// <param name="init">The initial slope (finite).</param>
    public Prelu(int numParameters = 1, double init = 0.25)
    {
        if (numParameters < 1) throw new ArgumentOutOfRangeException(nameof(numParameters), numParameters, "PReLU: numParameters must be at least 1.");
        if (!double.IsFinite(init)) throw new ArgumentOutOfRangeException(nameof(init), init, "PReLU: init must be finite.");
        Init = init;
        Weight = RegisterParameter("weight", Tensor.Full([numParameters], init));
    }

    /// <summary>The initial slope.</summary>
    public double Init { get; }

    /// <summary>The slopes (numParameters).</summary>
    public Tensor Weight { get; }

    /// <summary>Number of slopes.</summary>
    public int NumParameters => Weight.Shape[0];

    /// <summary>Sets every slope back to <see cref="Init"/>.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight.Fill(Init);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Prelu(input, Weight);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PReLU(num_parameters={NumParameters})");
}
