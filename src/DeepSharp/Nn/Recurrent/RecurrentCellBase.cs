using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// What <see cref="RnnCell"/>, <see cref="LstmCell"/> and <see cref="GruCell"/> share (PyTorch's
/// <c>RNNCellBase</c>): the parameters in PyTorch's layout and names, their initialization, and the step.
/// </summary>
/// <remarks>weight_ih (G·hidden, input), weight_hh (G·hidden, hidden), bias_ih and bias_hh (G·hidden), with
/// G = 1, 4 or 3 gate blocks stacked by rows. Initialization (PyTorch's): every parameter ~ U(-1/√hidden, 1/√hidden).</remarks>
public abstract class RecurrentCellBase : Module
{
    private protected RecurrentCellBase(RecurrentKind kind, string type, int inputSize, int hiddenSize, bool bias, RandomGenerator? rng)
    {
        RecurrentChecks.Sizes(type, inputSize, hiddenSize);
        Weights = new RecurrentWeights(kind, inputSize, hiddenSize, bias, RegisterParameter);
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    private protected RecurrentWeights Weights { get; }

    /// <summary>Features of the input.</summary>
    public int InputSize => Weights.InputSize;

    /// <summary>Features of the hidden state.</summary>
    public int HiddenSize => Weights.HiddenSize;

    /// <summary>weight_ih (G·hidden, input), gate blocks stacked by rows.</summary>
    public Tensor WeightIh => Weights.WeightIh;

    /// <summary>weight_hh (G·hidden, hidden), gate blocks stacked by rows.</summary>
    public Tensor WeightHh => Weights.WeightHh;

    /// <summary>bias_ih (G·hidden), or null without bias.</summary>
    public Tensor? BiasIh => Weights.BiasIh;

    /// <summary>bias_hh (G·hidden), or null without bias.</summary>
    public Tensor? BiasHh => Weights.BiasHh;

    /// <summary>Re-draws every parameter from U(-1/√hidden, 1/√hidden).</summary>
    public override void ResetParameters(RandomGenerator rng) => Weights.Reset(rng);

    /// <summary>One step from zero states: the next hidden state (batch, hidden).</summary>
    /// <exception cref="ShapeMismatchException">The input is not (batch, input).</exception>
    public override Tensor Forward(Tensor input) => Step(input, null, null).H;

    /// <summary>One step with the shapes checked; zero states where null (c is read by an LSTM only).</summary>
    private protected (Tensor H, Tensor? C) Step(Tensor input, Tensor? hidden, Tensor? cell)
    {
        RecurrentChecks.CellInput(this, input, InputSize);
        int[] shape = [input.Shape[0], HiddenSize];
        var h = RecurrentChecks.StateOrZeros(this, "hidden", hidden, shape, input.DType);
        var c = Weights.Kind == RecurrentKind.Lstm ? RecurrentChecks.StateOrZeros(this, "cell", cell, shape, input.DType) : null;
        return Weights.Step(Weights.ProjectInput(input), h, c);
    }

    /// <summary>E.g. <c>LstmCell(input 3, hidden 4)</c>.</summary>
    public override string ToString() => RecurrentChecks.Describe(GetType().Name, InputSize, HiddenSize,
        (Weights.Kind == RecurrentKind.RnnRelu ? ", relu" : "") + (BiasIh is null ? ", no bias" : ""));
}
