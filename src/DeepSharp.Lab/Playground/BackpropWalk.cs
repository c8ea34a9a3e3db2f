using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>
/// Computes the <see cref="WalkResult"/> of one sample with the library's autograd: the forward pass
/// layer by layer keeps every pre-activation z and output o (<see cref="Tensor.RetainGrad"/>), one
/// <c>Backward</c> of the sample's loss fills δ = ∂L/∂z and ∂L/∂o, and φ'(z) is the activation
/// layer's own backward. Nothing here re-implements a derivative.
/// </summary>
public static class BackpropWalk
{
    /// <summary>Walks <paramref name="sample"/> through <paramref name="network"/>, naming inputs and neurons as given.</summary>
    /// <remarks>The parameters' gradients are cleared afterwards, so a walk never leaks into training.</remarks>
    public static WalkResult Run(LabNetwork network, LabSettings settings, WalkSample sample, string[] featureNames, string[][] neuronNames)
    {
        var input = FeatureMap.Compute(Tensor.FromArray(new[] { sample.X1, sample.X2 }, 1, 2), settings.Features);
        var target = Tensor.FromArray(new float[] { sample.Label }, 1, 1);
        var layers = network.Layers;
        var zs = new Tensor[layers.Count];
        var outputs = new Tensor[layers.Count];
        var h = input;
        for (int l = 0; l < layers.Count; l++)
        {
            zs[l] = layers[l].PreActivation(h).RetainGrad();
            h = l == layers.Count - 1 ? zs[l] : layers[l].Activate(zs[l]).RetainGrad();
            outputs[l] = h;
        }
        var logit = zs[^1];
        Tensor? probability = null;
        Tensor loss;
        if (settings.Loss == LabLossKind.SquaredError)
        {
            // o = σ(z) kept in the graph, so the walk can read ∂L/∂o = o − t as well.
            probability = logit.Sigmoid().RetainGrad();
            loss = LabTrainer.SquaredError(probability, target);
        }
        else loss = LabTrainer.Loss(logit, target, settings.Loss);
        double lossValue = loss.Item();
        loss.Backward();

        var result = new List<WalkLayer>
        {
            new("input", [.. featureNames.Select((name, i) => new WalkNeuron(name, input.ToArray<float>()[i], null, null, null, null, null))], null),
        };
        var previous = input.ToArray<float>();
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            bool isOutput = l == layers.Count - 1;
            var z = zs[l].ToArray<float>();
            var rowDeltas = zs[l].Grad!.ToArray<float>();
            float[] o, backSum;
            float[]? derivative = null;
            if (isOutput)
            {
                o = logit.Sigmoid().ToArray<float>();
                backSum = probability?.Grad?.ToArray<float>() ?? [];
                if (probability is not null) derivative = Derivative(null, zs[l], sigmoid: true);
            }
            else
            {
                o = outputs[l].ToArray<float>();
                backSum = outputs[l].Grad!.ToArray<float>();
                if (layer.Pieces == 1) derivative = Derivative(layer.Activation, zs[l], sigmoid: false);
            }
            var neurons = new WalkNeuron[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                int row = j * layer.Pieces, piece = 0;
                for (int p = 1; p < layer.Pieces; p++)
                    if (z[row + p] > z[row + piece]) piece = p;
                float? d = layer.Pieces > 1 ? 1f : derivative?[j];
                neurons[j] = new WalkNeuron(neuronNames[l][j], o[j], z[row + piece], backSum.Length > j ? backSum[j] : null, d,
                    rowDeltas[row + piece], layer.Pieces > 1 ? piece : null);
            }
            result.Add(new WalkLayer(isOutput ? "output" : "hidden", neurons, Connections(layer, previous, rowDeltas, settings.LearningRate)));
            previous = o;
        }
        network.Model.ZeroGrad();
        return new WalkResult(sample, lossValue, LabNames.Name(settings.Loss), settings.LearningRate,
            ActivationLayers.Formula(settings.Activation), [.. result]);
    }

    // φ'(z) from the activation layer's backward: d/dz Σ φ(z) on a fresh leaf holding z.
    private static float[] Derivative(DeepSharp.Nn.Module? activation, Tensor z, bool sigmoid)
    {
        var leaf = z.Detach().Clone().RequireGrad();
        var y = sigmoid ? leaf.Sigmoid() : activation!.Forward(leaf);
        y.Sum().Backward();
        return leaf.Grad?.ToArray<float>() ?? new float[z.Numel];
    }

    private static WalkConnections Connections(LabLayer layer, float[] inputs, float[] rowDeltas, double learningRate)
    {
        var w = layer.Weight.ToArray<float>();
        int rows = layer.Weight.Size(0), cols = layer.Weight.Size(1);
        var weight = new float[rows][];
        var gradient = new float[rows][];
        var update = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            weight[r] = w.AsSpan(r * cols, cols).ToArray();
            gradient[r] = new float[cols];
            update[r] = new float[cols];
            for (int i = 0; i < cols; i++)
            {
                gradient[r][i] = rowDeltas[r] * inputs[i];
                update[r][i] = (float)(-learningRate * gradient[r][i]);
            }
        }
        return new WalkConnections(inputs, rowDeltas, weight, gradient, update, (float[])rowDeltas.Clone(), layer.Pieces);
    }
}
