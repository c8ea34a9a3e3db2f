using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>
/// The network of a session: a <see cref="Sequential"/> of Linear + activation per hidden layer
/// (Maxout for maxout) and one output Linear giving the logit z of P(class 1) = σ(z).
/// </summary>
public sealed class LabNetwork
{
    /// <summary>Builds the network of <paramref name="settings"/>, initialized from its seed.</summary>
    public LabNetwork(LabSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rng = new RandomGenerator((ulong)settings.Seed * 7919 + 17);
        var model = new Sequential();
        var layers = new List<LabLayer>();
        int previous = settings.Features.Count;
        foreach (int units in settings.Hidden)
        {
            if (settings.Activation == LabActivation.Maxout)
            {
                var maxout = new Maxout(previous, units, ActivationLayers.MaxoutPieces, rng);
                model.Add(maxout);
                layers.Add(new LabLayer(maxout, null, previous, units, ActivationLayers.MaxoutPieces));
            }
            else
            {
                var linear = new Linear(previous, units, rng: rng);
                var activation = ActivationLayers.Create(settings.Activation)!;
                model.Add(linear).Add(activation);
                layers.Add(new LabLayer(linear, activation, previous, units, 1));
            }
            previous = units;
        }
        var output = new Linear(previous, 1, rng: rng);
        model.Add(output);
        layers.Add(new LabLayer(output, null, previous, 1, 1));
        Model = model;
        Layers = layers;
        Activation = settings.Activation;
    }

    /// <summary>The model the optimizer trains; its forward pass is the library's (fused where it can be).</summary>
    public Sequential Model { get; }

    /// <summary>The hidden layers then the output layer.</summary>
    public IReadOnlyList<LabLayer> Layers { get; }

    /// <summary>The hidden activation.</summary>
    public LabActivation Activation { get; }

    /// <summary>Every layer's outputs for <paramref name="inputs"/> (N, F): hidden outputs φ(z), then
    /// the output's probability σ(z). Call under no-grad for pictures.</summary>
    public List<Tensor> LayerOutputs(Tensor inputs)
    {
        var outputs = new List<Tensor>(Layers.Count);
        var h = inputs;
        for (int l = 0; l < Layers.Count; l++)
        {
            h = Layers[l].Activate(Layers[l].PreActivation(h));
            outputs.Add(l == Layers.Count - 1 ? h.Sigmoid() : h);
        }
        return outputs;
    }
}
