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
    private Tensor[] _saved;
    private int[] _savedVersions;

    private Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Tensor[] saved)
    {
        Name = name;
        _inputs = inputs;
        _backward = backward;
        _saved = saved;
        _savedVersions = new int[saved.Length];
        for (int i = 0; i < saved.Length; i++) _savedVersions[i] = saved[i].Version;
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
    /// <param name="saved">The tensors whose values <paramref name="backward"/> reads; their versions are
    /// recorded now and checked before it runs, so an in-place change in between throws instead of
    /// giving a wrong gradient. Null (the default) means every input and the output.</param>
    public static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Tensor[]? saved = null)
    {
        if (!GradMode.IsEnabled) return output;
        foreach (var t in inputs)
            if (t.RequiresGrad)
                return output.WithGradFn(new Node(name, inputs, backward, saved ?? [.. inputs, output]));
        return output;
    }

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        var fn = _backward ?? throw new InvalidOperationException(
            $"Backward through '{Name}' a second time: its graph was released by the first Backward(); pass retainGraph: true to keep it.");
        for (int i = 0; i < _saved.Length; i++)
        {
            var t = _saved[i];
            if (t.Version != _savedVersions[i])
                throw new InvalidOperationException(
                    $"One of the tensors needed for the gradient of {Name} has been modified by an in-place operation: " +
                    $"{t.DType} {Shapes.Format(t.Shape)} is at version {t.Version}; expected version {_savedVersions[i]}. " +
                    "Use the out-of-place form (y = y + other) or modify a Clone().");
            t.CheckAlive();
        }
        return fn(gradOutput);
    }

    internal void Release()
    {
        _backward = null;
        _inputs = [];
        _saved = [];
        RetainedOutput = null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}Backward";
}
