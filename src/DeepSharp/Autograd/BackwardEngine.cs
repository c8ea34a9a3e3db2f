using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Reverse-mode differentiation over the recorded graph, in reverse topological order.</summary>
internal static class BackwardEngine
{
    public static void Run(Tensor root, Tensor? gradient, bool retainGraph)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                $"Backward: the tensor {Shapes.Format(root.Shape)} does not require grad and has no graph; set RequiresGrad on the inputs.");
        if (gradient is null)
        {
            if (root.Numel != 1)
                throw new InvalidOperationException(
                    $"Backward: the output has shape {Shapes.Format(root.Shape)}; a gradient can be implied only for a one-element output, so pass one shaped like the output.");
            gradient = Tensor.OnesLike(root);
        }
        else if (!Shapes.SameShape(gradient.Shape, root.Shape))
            throw new ShapeMismatchException(
                $"Backward: gradient shape {Shapes.Format(gradient.Shape)} differs from output shape {Shapes.Format(root.Shape)}.");
        if (gradient.DType != root.DType) gradient = gradient.ConvertRaw(root.DType);

        using var _ = GradMode.NoGrad();
        if (root.GradFn is null)
        {
            Accumulate(root, gradient);
            root.RunPostAccumulateGradHooks();
            return;
        }
        var order = TopologicalOrder(root.GradFn);
        var leafEdges = LeafEdgeCounts(order);
        var pending = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance) { [root.GradFn] = gradient };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (!pending.Remove(node, out var g))
            {
                // No gradient reached this node: its leaves get nothing from it either.
                foreach (var input in node.Inputs) LeafEdgeDone(input, leafEdges);
                continue;
            }
            if (node.RetainedOutput is { } retained) RetainGradient(retained, g);
            var inputGrads = node.Apply(g);
            for (int j = 0; j < node.Inputs.Count; j++)
            {
                var input = node.Inputs[j];
                var ig = inputGrads[j];
                if (ig is not null && input.RequiresGrad)
                {
                    if (!Shapes.SameShape(ig.Shape, input.Shape))
                        throw new InvalidOperationException(
                            $"Backward of {node.Name} produced a gradient {Shapes.Format(ig.Shape)} for an input {Shapes.Format(input.Shape)}.");
                    if (input.GradFn is { } producer)
                        pending[producer] = pending.TryGetValue(producer, out var acc) ? ElementWiseCompute.Binary(Backends.BinaryOp.Add, acc, ig, "Backward") : ig;
                    else
                        Accumulate(input, ig);
                }
                LeafEdgeDone(input, leafEdges);
            }
        }
        if (!retainGraph)
            foreach (var node in order) node.Release();
    }

    /// <summary>For every leaf that requires grad, how many graph edges lead into it: its gradient is
    /// final (and its post-accumulate hooks run) once that many edges have been processed.</summary>
    private static Dictionary<Tensor, int> LeafEdgeCounts(List<Node> order)
    {
        var counts = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
            foreach (var input in node.Inputs)
                if (input.GradFn is null && input.RequiresGrad)
                    counts[input] = counts.GetValueOrDefault(input) + 1;
        return counts;
    }

    private static void LeafEdgeDone(Tensor input, Dictionary<Tensor, int> counts)
    {
        if (input.GradFn is not null || !counts.TryGetValue(input, out int left)) return;
        if (left > 1)
        {
            counts[input] = left - 1;
            return;
        }
        counts.Remove(input);
        if (input.Grad is not null) input.RunPostAccumulateGradHooks();
    }

    /// <summary>Stores the full gradient of a non-leaf that asked for it with <c>RetainGrad()</c>.</summary>
    private static void RetainGradient(Tensor t, Tensor g)
    {
        if (g.DType != t.DType) g = g.ConvertRaw(t.DType);
        using (TensorArena.Suspend())
        {
            if (t.Grad is null) t.Grad = g.CloneRaw();
            else t.Grad.AddInPlace(g);
        }
    }

    /// <summary>Leaf gradients accumulate with +=; the first is copied so it never aliases another tensor.</summary>
    private static void Accumulate(Tensor leaf, Tensor g)
    {
        if (g.DType != leaf.DType) g = g.ConvertRaw(leaf.DType);
        if (leaf.Grad is null)
        {
            using (TensorArena.Suspend()) leaf.Grad = g.CloneRaw();
            return;
        }
        if (!Shapes.SameShape(leaf.Grad.Shape, leaf.Shape))
            throw new InvalidOperationException($"The existing Grad {Shapes.Format(leaf.Grad.Shape)} does not match the tensor {Shapes.Format(leaf.Shape)}.");
        leaf.Grad.AddInPlace(g);
    }

    /// <summary>Nodes ordered so that every node comes after the nodes producing its inputs.</summary>
    private static List<Node> TopologicalOrder(Node root)
    {
        var order = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int Next)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Count)
            {
                stack.Push((node, next + 1));
                var child = node.Inputs[next].GradFn;
                if (child is not null && visited.Add(child)) stack.Push((child, 0));
            }
            else order.Add(node);
        }
        return order;
    }
}
