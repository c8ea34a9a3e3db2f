using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Applies its child modules in order; children are named 0, 1, 2, ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the container from layers in application order.</summary>
    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Appends a layer.</summary>
    public Sequential Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <inheritdoc/>
    /// <remarks>A <see cref="Linear"/> or <see cref="Conv2d"/> directly followed by <see cref="ReLU"/>, <see cref="Tanh"/> or
    /// <see cref="Sigmoid"/> runs as one fused primitive (bias and activation applied in the GEMM pass);
    /// the result is the same as running the two layers one after the other.</remarks>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            if (i + 1 < _layers.Count && FusedActivation(_layers[i + 1]) is { } act)
            {
                if (_layers[i] is Linear linear) { x = linear.Forward(x, act); i++; continue; }
                if (_layers[i] is Conv2d conv) { x = conv.Forward(x, act); i++; continue; }
            }
            x = _layers[i].Forward(x);
        }
        return x;
    }

    private static Kernels.Activation? FusedActivation(Module next) => next switch
    {
        ReLU => Kernels.Activation.Relu,
        Tanh => Kernels.Activation.Tanh,
        Sigmoid => Kernels.Activation.Sigmoid,
        _ => null,
    };
}
