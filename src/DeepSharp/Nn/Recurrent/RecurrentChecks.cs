using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Argument and shape checks shared by the recurrent cells and sequence layers, with messages
/// that name the layer, what was expected and what was found.</summary>
internal static class RecurrentChecks
{
    public static void Sizes(string layer, int inputSize, int hiddenSize)
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{layer}: inputSize must be at least 1.");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{layer}: hiddenSize must be at least 1.");
    }

    /// <summary>The layer's description used in messages, e.g. <c>LstmCell(input 3, hidden 4)</c>.</summary>
    public static string Describe(string type, int inputSize, int hiddenSize, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{type}(input {inputSize}, hidden {hiddenSize}{extra})");

    /// <summary>A cell's input must be (batch, input).</summary>
    public static void CellInput(object layer, Tensor input, int inputSize)
    {
        if (input.Rank != 2 || input.Shape[1] != inputSize)
            throw new ShapeMismatchException($"{layer} expected input (batch, {inputSize}), got {Shapes.Format(input.Shape)}.");
    }

    /// <summary>The given state checked against <paramref name="shape"/>, or zeros of that shape when null.</summary>
    public static Tensor StateOrZeros(object layer, string name, Tensor? state, int[] shape, DType dtype)
    {
        if (state is null) return Tensor.Zeros(shape, dtype);
        if (!Shapes.SameShape(state.Shape, shape))
            throw new ShapeMismatchException($"{layer} expected {name} {Shapes.Format(shape)}, got {Shapes.Format(state.Shape)}.");
        return state;
    }
}
