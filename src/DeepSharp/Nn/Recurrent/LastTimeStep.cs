using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Keeps only the last time step of a sequence: PyTorch's <c>output[-1]</c> (or <c>output[:, -1]</c> batch
/// first), Keras's <c>return_sequences=False</c>. It turns a recurrent layer into a sequence encoder, so a
/// sequence classifier is <c>new Sequential(new Lstm(3, 16), new LastTimeStep(), new Linear(16, 2))</c>.
/// </summary>
/// <remarks>
/// <para>input (seq, batch, feature) -> output (batch, feature); with <c>batchFirst</c>, (batch, seq, feature) -> (batch, feature).</para>
/// <para>For a bidirectional layer the last step holds the forward direction's final state but the reverse
/// direction's state after one step only (as with PyTorch's <c>output[-1]</c>); use the h_n of
/// <c>ForwardWithState</c> when both final states are wanted.</para>
/// </remarks>
public sealed class LastTimeStep : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="batchFirst">The input is (batch, seq, feature); match the recurrent layer's <see cref="RecurrentOptions.BatchFirst"/>.</param>
    public LastTimeStep(bool batchFirst = false) => BatchFirst = batchFirst;

    /// <summary>True when the input is (batch, seq, feature).</summary>
    public bool BatchFirst { get; }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not a non-empty 3-D sequence.</exception>
    public override Tensor Forward(Tensor input)
    {
        int timeDim = BatchFirst ? 1 : 0;
        if (input.Rank != 3 || input.Shape[timeDim] == 0)
            throw new ShapeMismatchException(
                $"{this} expected {(BatchFirst ? "(batch, seq, feature)" : "(seq, batch, feature)")} with seq at least 1, got {Shapes.Format(input.Shape)}.");
        return input.Narrow(timeDim, input.Shape[timeDim] - 1, 1).Squeeze(timeDim);
    }

    /// <inheritdoc/>
    public override string ToString() => BatchFirst ? "LastTimeStep(batch first)" : "LastTimeStep";
}
