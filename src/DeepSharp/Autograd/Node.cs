using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>
/// One recorded operation of the computation graph: its inputs and the function that maps the
/// gradient of its output to the gradients of its inputs (the chain rule, one step).
/// </summary>
public sealed class Node
{
    private Func<Tensor, Tensor?[]>? _backward;
    private Tensor[] _inputs;

    private Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        Name = name;
        _inputs = inputs;
        _backward = backward;
    }

    /// <summary>The operation's name, e.g. <c>MatMul</c>.</summary>
    public string Name { get; }

    /// <summary>The tensors the operation read; empty once the node is released, so a loss kept
    /// after <c>Backward()</c> (say, in a list) does not keep the whole forward pass alive.</summary>
    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>The output tensor whose gradient is kept after backward (set by <c>Tensor.RetainGrad()</c>).</summary>
    internal Tensor? RetainedOutput { get; set; }

    /// <summary>True once a backward pass without <c>retainGraph</c> has run through this node.</summary>
    public bool IsReleased => _backward is null;

    /// <summary>
    /// Attaches a node to <paramref name="output"/> when gradients are being recorded and any
    /// input requires them; returns <paramref name="output"/>.
    /// </summary>
    /// <param name="output">The freshly computed result.</param>
    /// <param name="name">Operation name for messages.</param>
    /// <param name="inputs">The inputs, in the order <paramref name="backward"/> returns their gradients.</param>
    /// <param name="backward">Maps d(loss)/d(output) to d(loss)/d(input) for each input (null where not needed).</param>
    public static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled) return output;
        foreach (var t in inputs)
            if (t.RequiresGrad)
                return output.WithGradFn(new Node(name, inputs, backward));
        return output;
    }

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        var fn = _backward ?? throw new InvalidOperationException(
            $"Backward through '{Name}' a second time: its graph was released by the first Backward(); pass retainGraph: true to keep it.");
        return fn(gradOutput);
    }

    internal void Release()
    {
        _backward = null;
        _inputs = [];
        RetainedOutput = null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}Backward";
}
